CREATE OR REPLACE VIEW v_region_year_terms AS
WITH grouped AS (
    SELECT d.adcode, d.report_year AS year, t.term, sum(t.term_count) AS term_count
    FROM fact_term AS t JOIN v_report AS d USING (document_id)
    WHERE d.adcode IS NOT NULL AND d.report_year IS NOT NULL
    GROUP BY ALL
),
totals AS (SELECT adcode, year, sum(term_count) AS terms FROM grouped GROUP BY ALL),
-- first_in_order: larger for a term earlier in alphabetical order, so that the top 20 by
-- max_by (the higher TF-IDF, then the earlier term) are those of ORDER BY tfidf DESC, term.
-- max_by keeps 20 per region-year instead of sorting all its terms: at 10,000 reports 2.2 -> 1.3 s.
spread AS (
    SELECT term, count(*) AS groups, row_number() OVER (ORDER BY term DESC) AS first_in_order
    FROM grouped GROUP BY term
),
corpus AS (SELECT count(*) AS groups FROM totals),
scored AS (
    SELECT
        g.adcode,
        g.year,
        g.term,
        g.term_count,
        (g.term_count / totals.terms) * (ln((1 + corpus.groups) / (1 + spread.groups)) + 1) AS tfidf,
        spread.first_in_order
    FROM grouped AS g
    JOIN totals USING (adcode, year)
    JOIN spread USING (term)
    CROSS JOIN corpus
),
best AS (
    SELECT
        adcode,
        year,
        max_by({term: term, term_count: term_count, tfidf: tfidf}, {tfidf: tfidf, first_in_order: first_in_order}, 20) AS terms
    FROM scored
    GROUP BY ALL
),
ranked AS (SELECT adcode, year, unnest(terms) AS chosen, generate_subscripts(terms, 1) AS rank FROM best)
SELECT
    ranked.adcode,
    r.name AS region,
    ranked.year,
    ranked.chosen.term,
    ranked.chosen.term_count,
    ranked.chosen.tfidf,
    ranked.rank
FROM ranked
LEFT JOIN dim_region AS r ON r.adcode = ranked.adcode;
COMMENT ON VIEW v_region_year_terms IS 'The 20 most distinctive terms of each region and year (all its reports together, TF-IDF across region-years).';
COMMENT ON COLUMN v_region_year_terms.adcode IS 'The region.';
COMMENT ON COLUMN v_region_year_terms.region IS 'Its name.';
COMMENT ON COLUMN v_region_year_terms.year IS 'Year the reports cover.';
COMMENT ON COLUMN v_region_year_terms.term IS 'The term.';
COMMENT ON COLUMN v_region_year_terms.term_count IS 'Occurrences in that region''s reports of that year.';
COMMENT ON COLUMN v_region_year_terms.tfidf IS 'TF-IDF of the term for the region-year.';
COMMENT ON COLUMN v_region_year_terms.rank IS '1 for the most distinctive.';
