CREATE VIEW v_indicator AS
SELECT
    f.report_year AS year,
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
JOIN dim_document AS d USING (document_id)
LEFT JOIN dim_region AS r ON r.adcode = f.adcode;
COMMENT ON VIEW v_indicator IS 'Indicator facts, long, with names and the region hierarchy: the analyst''s starting point.';
