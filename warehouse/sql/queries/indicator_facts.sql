-- Indicator facts with their evidence, for a province, some regions and some indicators (NULL: all),
-- the first $max_rows of them in this order (NULL: all).
SELECT year, macro_region, province, prefecture, region, adcode, level, indicator_code, indicator, kind,
       value, unit, qualifier, evidence, title
FROM v_indicator
WHERE ($province IS NULL OR province = $province)
  AND ($regions IS NULL OR list_contains($regions, region))
  AND ($indicators IS NULL OR list_contains($indicators, indicator_code))
ORDER BY indicator_code, year, region
LIMIT $max_rows
