-- Rendered by warehouse/schema.py: {columns} is one `values['code'] AS code` per catalogue
-- indicator code (checked to be snake_case identifiers), so the view has one column per indicator.
-- Grouped into a map rather than PIVOTed: a filter on region or year then reaches the facts
-- (a PIVOT view is computed whole first: 150 ms instead of 30 ms for one province at 1M facts).
-- Where two reports give one region-year a figure, the one of the smaller document_id is shown.
CREATE OR REPLACE VIEW v_indicator_wide AS
SELECT year, macro_region, province, prefecture, region, adcode, {columns}
FROM (
    SELECT year, macro_region, province, prefecture, region, adcode,
           map_from_entries(list((indicator_code, value))) AS "values"
    FROM (
        SELECT year, macro_region, province, prefecture, region, adcode, indicator_code,
               arg_min(value, document_id) AS value
        FROM v_indicator
        GROUP BY ALL
    )
    GROUP BY ALL
);
COMMENT ON VIEW v_indicator_wide IS 'Region × year × indicator: one row per region and year, one column per catalogue indicator code.';
COMMENT ON COLUMN v_indicator_wide.year IS 'Year the reports cover.';
COMMENT ON COLUMN v_indicator_wide.macro_region IS '东部, 中部, 西部 or 东北.';
COMMENT ON COLUMN v_indicator_wide.province IS 'Province-level unit.';
COMMENT ON COLUMN v_indicator_wide.prefecture IS 'Prefecture-level unit.';
COMMENT ON COLUMN v_indicator_wide.region IS 'The reporting region.';
COMMENT ON COLUMN v_indicator_wide.adcode IS 'Its code.';
