CREATE OR REPLACE VIEW v_distinctive_terms AS
SELECT
    d.document_id,
    r.name AS region,
    d.report_year AS year,
    x.term,
    x.tfidf,
    row_number() OVER (PARTITION BY x.document_id ORDER BY x.tfidf DESC, x.term) AS rank
FROM v_term_tfidf AS x
JOIN v_report AS d USING (document_id)
LEFT JOIN dim_region AS r USING (adcode)
QUALIFY rank <= 20;
COMMENT ON VIEW v_distinctive_terms IS 'The 20 most distinctive terms (TF-IDF) of each report.';
COMMENT ON COLUMN v_distinctive_terms.document_id IS 'The report.';
COMMENT ON COLUMN v_distinctive_terms.region IS 'Name of the reporting region.';
COMMENT ON COLUMN v_distinctive_terms.year IS 'Year the report covers.';
COMMENT ON COLUMN v_distinctive_terms.term IS 'The term.';
COMMENT ON COLUMN v_distinctive_terms.tfidf IS 'Its TF-IDF in the report.';
COMMENT ON COLUMN v_distinctive_terms.rank IS '1 for the most distinctive.';
