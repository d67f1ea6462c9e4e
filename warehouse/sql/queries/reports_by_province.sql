-- Reports by province, level and year (current versions).
SELECT coalesce(r.province, '(未识别)') AS province, coalesce(d.region_level, '(未识别)') AS level,
       d.report_year AS year, count(*) AS reports
FROM v_report AS d LEFT JOIN dim_region AS r USING (adcode)
WHERE NOT d.superseded
GROUP BY ALL ORDER BY ALL
