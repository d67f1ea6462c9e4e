-- Every figure of the flagged reports with the clause it came from.
SELECT v.title, v.region, v.year, v.indicator, v.value, v.unit, v.qualifier, v.evidence
FROM v_indicator AS v JOIN v_report AS d USING (document_id)
WHERE len(d.flags) > 0
ORDER BY v.year, v.region, v.indicator_code
LIMIT 5000
