-- 东部/中部/西部/东北: median and spread of each indicator per year, with N (pre-aggregated at load).
SELECT macro_region, year, indicator_code, indicator, kind, median, q1, q3, n
FROM summary_macro_region
WHERE macro_region IS NOT NULL AND ($indicators IS NULL OR list_contains($indicators, indicator_code))
ORDER BY ALL
