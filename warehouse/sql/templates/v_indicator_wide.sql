-- Rendered by warehouse/schema.py: {codes} is the catalogue's indicator codes (checked to be
-- snake_case identifiers), so the view has one column per indicator.
CREATE OR REPLACE VIEW v_indicator_wide AS
PIVOT (
    SELECT year, macro_region, province, prefecture, region, adcode, indicator_code, value FROM v_indicator
)
ON indicator_code IN ({codes}) USING first(value)
GROUP BY year, macro_region, province, prefecture, region, adcode;
COMMENT ON VIEW v_indicator_wide IS 'Region × year × indicator: one row per region and year, one column per catalogue indicator code.';
COMMENT ON COLUMN v_indicator_wide.year IS 'Year the reports cover.';
COMMENT ON COLUMN v_indicator_wide.macro_region IS '东部, 中部, 西部 or 东北.';
COMMENT ON COLUMN v_indicator_wide.province IS 'Province-level unit.';
COMMENT ON COLUMN v_indicator_wide.prefecture IS 'Prefecture-level unit.';
COMMENT ON COLUMN v_indicator_wide.region IS 'The reporting region.';
COMMENT ON COLUMN v_indicator_wide.adcode IS 'Its code.';
