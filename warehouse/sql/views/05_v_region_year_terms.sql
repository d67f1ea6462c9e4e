CREATE OR REPLACE VIEW v_region_year_terms AS
WITH grouped AS (
    SELECT d.adcode, d.report_year AS year, t.term, sum(t.term_count) AS term_count
    FROM fact_term AS t JOIN v_report AS d USING (document_id)
    WHERE d.adcode IS NOT NULL AND d.report_year IS NOT NULL
    GROUP BY ALL
),
totals AS (SELECT adcode, year, sum(term_count) AS terms FROM grouped GROUP BY ALL),
spread AS (SELECT term, count(*) AS groups FROM grouped GROUP BY term),
corpus AS (SELECT count(*) AS groups FROM totals)
SELECT
    g.adcode,
    r.name AS region,
    g.year,
    g.term,
    g.term_count,
    (g.term_count / totals.terms) * (ln((1 + corpus.groups) / (1 + spread.groups)) + 1) AS tfidf,
    row_number() OVER (PARTITION BY g.adcode, g.year ORDER BY tfidf DESC, g.term) AS rank
FROM grouped AS g
JOIN totals USING (adcode, year)
JOIN spread USING (term)
CROSS JOIN corpus
LEFT JOIN dim_region AS r ON r.adcode = g.adcode
QUALIFY rank <= 20;
COMMENT ON VIEW v_region_year_terms IS 'The 20 most distinctive terms of each region and year (all its reports together, TF-IDF across region-years).';
COMMENT ON COLUMN v_region_year_terms.adcode IS 'The region.';
COMMENT ON COLUMN v_region_year_terms.region IS 'Its name.';
COMMENT ON COLUMN v_region_year_terms.year IS 'Year the reports cover.';
COMMENT ON COLUMN v_region_year_terms.term IS 'The term.';
COMMENT ON COLUMN v_region_year_terms.term_count IS 'Occurrences in that region''s reports of that year.';
COMMENT ON COLUMN v_region_year_terms.tfidf IS 'TF-IDF of the term for the region-year.';
COMMENT ON COLUMN v_region_year_terms.rank IS '1 for the most distinctive.';
