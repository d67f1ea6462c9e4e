SELECT
    indicator_code,
    indicator,
    unit,
    count(*) AS figures,
    count(DISTINCT document_id) AS reports,
    min(year) AS first_year,
    max(year) AS last_year
FROM v_indicator
GROUP BY ALL
ORDER BY figures DESC, indicator_code
