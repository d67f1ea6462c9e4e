-- Use of the most frequent terms per year (per 1,000 counted terms), with N reports per year.
WITH top_terms AS (
    SELECT term FROM fact_term GROUP BY term ORDER BY sum(term_count) DESC, term LIMIT $top
)
SELECT year, term, per_1000_terms, reports, all_reports
FROM v_term_trend WHERE term IN (SELECT term FROM top_terms)
ORDER BY year, term
