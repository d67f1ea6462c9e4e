-- Each region's 纲要 chapter profile against the average of all reports (per 1,000 characters).
WITH per_region AS (
    SELECT r.name AS region, r.province, t.chapter, avg(t.per_1000_chars) AS per_1000_chars, count(*) AS reports
    FROM fact_theme AS t
    JOIN dim_document AS d USING (document_id)
    JOIN dim_region AS r USING (adcode)
    WHERE NOT d.superseded
    GROUP BY ALL
),
overall AS (
    SELECT t.chapter, avg(t.per_1000_chars) AS average
    FROM fact_theme AS t JOIN dim_document AS d USING (document_id)
    WHERE NOT d.superseded
    GROUP BY ALL
)
SELECT p.region, p.chapter, p.per_1000_chars, o.average, p.per_1000_chars - o.average AS difference, p.reports
FROM per_region AS p JOIN overall AS o USING (chapter)
WHERE ($province IS NULL OR p.province = $province)
  AND ($regions IS NULL OR list_contains($regions, p.region))
ORDER BY p.region, p.chapter
LIMIT 5000
