-- Publication relative to the deadline (1 April governments, 1 March departments), in weeks.
SELECT doc_type, report_year AS year, 7 * floor(days_late / 7) AS days_from_deadline, count(*) AS reports
FROM v_report
WHERE NOT superseded AND days_late IS NOT NULL
GROUP BY ALL ORDER BY ALL
