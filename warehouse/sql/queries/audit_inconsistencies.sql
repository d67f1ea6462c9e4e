-- Figures that disagree within a report, with the evidence of each figure involved.
SELECT d.display_title AS title, r.name AS region, d.report_year AS year, c.check_name, c.detail,
       f.indicator_code, f.value, f.evidence
FROM fact_inconsistency AS c
JOIN dim_document AS d USING (document_id)
LEFT JOIN dim_region AS r USING (adcode)
LEFT JOIN fact_indicator AS f ON f.document_id = c.document_id AND list_contains(string_split(c.codes, ','), f.indicator_code)
WHERE NOT d.superseded
ORDER BY year, region, f.indicator_code
