CREATE OR REPLACE VIEW v_term_trend AS
WITH yearly AS (
    SELECT d.report_year AS year, t.term, sum(t.term_count) AS term_count, count(DISTINCT t.document_id) AS reports
    FROM fact_term AS t JOIN v_report AS d USING (document_id)
    WHERE d.report_year IS NOT NULL
    GROUP BY ALL
),
totals AS (
    SELECT d.report_year AS year, sum(t.term_count) AS terms, count(DISTINCT d.document_id) AS all_reports
    FROM fact_term AS t JOIN v_report AS d USING (document_id)
    GROUP BY ALL
)
SELECT
    y.year,
    y.term,
    y.term_count,
    y.reports,
    totals.all_reports,
    1000.0 * y.term_count / totals.terms AS per_1000_terms
FROM yearly AS y JOIN totals USING (year);
COMMENT ON VIEW v_term_trend IS 'How often each term is used per year, per 1,000 counted terms, and in how many of that year''s reports.';
COMMENT ON COLUMN v_term_trend.year IS 'Year the reports cover.';
COMMENT ON COLUMN v_term_trend.term IS 'The term.';
COMMENT ON COLUMN v_term_trend.term_count IS 'Occurrences that year.';
COMMENT ON COLUMN v_term_trend.reports IS 'Reports of that year using the term.';
COMMENT ON COLUMN v_term_trend.all_reports IS 'Reports of that year (N).';
COMMENT ON COLUMN v_term_trend.per_1000_terms IS 'Occurrences per 1,000 counted terms of that year.';
