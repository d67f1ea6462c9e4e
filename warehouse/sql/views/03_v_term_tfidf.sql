CREATE OR REPLACE VIEW v_term_tfidf AS
WITH totals AS (
    SELECT document_id, sum(term_count) AS terms_in_document FROM fact_term GROUP BY document_id
),
document_frequency AS (
    SELECT term, count(*) AS documents FROM fact_term GROUP BY term
),
corpus AS (SELECT count(DISTINCT document_id) AS documents FROM fact_term)
SELECT
    t.document_id,
    t.term,
    t.term_count,
    t.term_count / totals.terms_in_document AS tf,
    ln((1 + corpus.documents) / (1 + df.documents)) + 1 AS idf,
    (t.term_count / totals.terms_in_document) * (ln((1 + corpus.documents) / (1 + df.documents)) + 1) AS tfidf
FROM fact_term AS t
JOIN totals USING (document_id)
JOIN document_frequency AS df USING (term)
CROSS JOIN corpus;
COMMENT ON VIEW v_term_tfidf IS 'TF-IDF of every term of every report (smoothed idf, as scikit-learn): high for terms a report uses much and others little.';
COMMENT ON COLUMN v_term_tfidf.document_id IS 'The report.';
COMMENT ON COLUMN v_term_tfidf.term IS 'The term.';
COMMENT ON COLUMN v_term_tfidf.term_count IS 'Occurrences in the report.';
COMMENT ON COLUMN v_term_tfidf.tf IS 'Share of the report''s counted terms.';
COMMENT ON COLUMN v_term_tfidf.idf IS 'ln((1 + reports) / (1 + reports using the term)) + 1.';
COMMENT ON COLUMN v_term_tfidf.tfidf IS 'tf × idf.';
