-- Per indicator and year: median and quartiles over the selected regions, with N — the trend chart
-- when there are too many regions for one line each.
SELECT indicator_code, indicator, kind, year,
       median(value) AS median, quantile_cont(value, 0.25) AS q1, quantile_cont(value, 0.75) AS q3,
       count(*) AS n
FROM v_indicator
WHERE ($province IS NULL OR province = $province)
  AND ($regions IS NULL OR list_contains($regions, region))
  AND ($indicators IS NULL OR list_contains($indicators, indicator_code))
GROUP BY ALL ORDER BY ALL
