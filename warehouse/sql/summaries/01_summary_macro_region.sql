-- Rebuilt from v_indicator whenever a build or a reprocess changes the warehouse, inside its
-- transaction: an exact median over a million facts takes 80-110 ms (a sort per group), read here
-- in a few milliseconds.
CREATE OR REPLACE TABLE summary_macro_region AS
SELECT
    macro_region,
    year,
    indicator_code,
    any_value(indicator) AS indicator,
    any_value(kind) AS kind,
    median(value) AS median,
    quantile_cont(value, 0.25) AS q1,
    quantile_cont(value, 0.75) AS q3,
    count(*) AS n
FROM v_indicator
GROUP BY macro_region, year, indicator_code;
COMMENT ON TABLE summary_macro_region IS 'Median and quartiles of each indicator per macro-region and year, over the figures of v_indicator (exact, not approximate), recomputed by every load and reprocess: the comparison of 东部, 中部, 西部 and 东北 without sorting a million facts per query.';
COMMENT ON COLUMN summary_macro_region.macro_region IS '东部, 中部, 西部 or 东北 (null: reports whose region is not placed).';
COMMENT ON COLUMN summary_macro_region.year IS 'Year the reports cover.';
COMMENT ON COLUMN summary_macro_region.indicator_code IS 'Catalogue code.';
COMMENT ON COLUMN summary_macro_region.indicator IS 'Chinese name of the indicator.';
COMMENT ON COLUMN summary_macro_region.kind IS 'count, rate or amount.';
COMMENT ON COLUMN summary_macro_region.median IS 'Median of the value (quantile_cont 0.5).';
COMMENT ON COLUMN summary_macro_region.q1 IS 'First quartile (quantile_cont 0.25).';
COMMENT ON COLUMN summary_macro_region.q3 IS 'Third quartile (quantile_cont 0.75).';
COMMENT ON COLUMN summary_macro_region.n IS 'Figures summarised.';
