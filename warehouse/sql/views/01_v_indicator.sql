CREATE OR REPLACE VIEW v_indicator AS
SELECT
    f.report_year AS year,
    r.macro_region,
    r.province,
    r.prefecture,
    r.name AS region,
    f.adcode,
    r.level,
    f.indicator_code,
    i.name_zh AS indicator,
    i.kind,
    f.value,
    f.unit,
    f.qualifier,
    f.evidence,
    d.display_title AS title,
    f.document_id
FROM fact_indicator AS f
JOIN dim_indicator AS i USING (indicator_code)
JOIN v_report AS d USING (document_id)
LEFT JOIN dim_region AS r ON r.adcode = f.adcode
WHERE NOT d.superseded;
COMMENT ON VIEW v_indicator IS 'Indicator facts, long, with names and the region hierarchy: the analyst''s starting point. Only reports of v_report: no superseded versions, near-duplicate copies or texts that are not reports.';
COMMENT ON COLUMN v_indicator.year IS 'Year the report covers.';
COMMENT ON COLUMN v_indicator.macro_region IS '东部, 中部, 西部 or 东北.';
COMMENT ON COLUMN v_indicator.province IS 'Province-level unit of the region.';
COMMENT ON COLUMN v_indicator.prefecture IS 'Prefecture-level unit of the region (null under a 直辖市 and for provinces).';
COMMENT ON COLUMN v_indicator.region IS 'Name of the reporting region.';
COMMENT ON COLUMN v_indicator.adcode IS 'GB/T 2260 code of the region.';
COMMENT ON COLUMN v_indicator.level IS 'Level of the region.';
COMMENT ON COLUMN v_indicator.indicator_code IS 'Catalogue code.';
COMMENT ON COLUMN v_indicator.indicator IS 'Chinese name of the indicator.';
COMMENT ON COLUMN v_indicator.kind IS 'count, rate or amount: rates and counts never share an axis.';
COMMENT ON COLUMN v_indicator.value IS 'Value in the canonical unit.';
COMMENT ON COLUMN v_indicator.unit IS 'Unit of the value.';
COMMENT ON COLUMN v_indicator.qualifier IS 'exact, more_than, about, nearly or less_than.';
COMMENT ON COLUMN v_indicator.evidence IS 'The clause the figure came from.';
COMMENT ON COLUMN v_indicator.title IS 'Title of the report (built when it has none).';
COMMENT ON COLUMN v_indicator.document_id IS 'The report.';
