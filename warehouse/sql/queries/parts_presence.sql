-- Share of reports that have each required part as a top-level section, per year.
WITH documents AS (SELECT document_id, report_year, parts_present FROM v_report),
parts AS (SELECT unnest(['leadership_duty', 'achievements', 'shortcomings', 'next_year']) AS part)
SELECT d.report_year AS year, p.part, count(*) AS reports,
       avg(CASE WHEN list_contains(d.parts_present, p.part) THEN 1.0 ELSE 0.0 END) AS share
FROM documents AS d CROSS JOIN parts AS p
GROUP BY ALL ORDER BY ALL
