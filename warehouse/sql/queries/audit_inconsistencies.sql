-- Figures that disagree within a report, with the evidence of each figure involved.
WITH checked AS (
    SELECT document_id, check_name, detail, unnest(string_split(codes, ',')) AS indicator_code
    FROM fact_inconsistency
)
SELECT d.display_title AS title, r.name AS region, d.report_year AS year, c.check_name, c.detail,
       i.name_zh AS indicator, f.value, f.evidence
FROM checked AS c
JOIN v_report AS d USING (document_id)
LEFT JOIN dim_region AS r USING (adcode)
LEFT JOIN fact_indicator AS f USING (document_id, indicator_code)
LEFT JOIN dim_indicator AS i USING (indicator_code)
WHERE NOT d.superseded
ORDER BY year, region, c.indicator_code
