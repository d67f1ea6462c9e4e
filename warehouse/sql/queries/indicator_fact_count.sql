-- How many figures and regions indicator_facts selects with the same parameters: the trends page
-- reads every figure only when few regions are chosen, else its table's first rows.
SELECT count(*) AS facts, count(DISTINCT region) AS regions
FROM v_indicator
WHERE ($province IS NULL OR province = $province)
  AND ($regions IS NULL OR list_contains($regions, region))
  AND ($indicators IS NULL OR list_contains($indicators, indicator_code))
