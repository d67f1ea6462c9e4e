SELECT f.document_id, f.indicator_code, f.value
FROM fact_indicator AS f JOIN dim_indicator AS i USING (indicator_code)
WHERE i.kind = 'rate' AND (f.value < 0 OR f.value > 100)
