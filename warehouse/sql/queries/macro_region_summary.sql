-- 东部/中部/西部/东北: median and spread of each indicator per year, with N.
SELECT macro_region, year, indicator_code, indicator, kind,
       median(value) AS median, quantile_cont(value, 0.25) AS q1, quantile_cont(value, 0.75) AS q3,
       count(*) AS n
FROM v_indicator
WHERE macro_region IS NOT NULL AND ($indicators IS NULL OR list_contains($indicators, indicator_code))
GROUP BY ALL ORDER BY ALL
