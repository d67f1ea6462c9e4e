-- Chapter profiles (per 1,000 characters) against the average of all reports, for the regions with
-- the most reports among those selected (at most $max_regions).
WITH per_region AS (
    SELECT r.name AS region, r.province, t.chapter, avg(t.per_1000_chars) AS per_1000_chars, count(*) AS reports
    FROM fact_theme AS t
    JOIN v_report AS d USING (document_id)
    JOIN dim_region AS r USING (adcode)
    WHERE NOT d.superseded
    GROUP BY ALL
),
overall AS (
    SELECT t.chapter, avg(t.per_1000_chars) AS average
    FROM fact_theme AS t JOIN v_report AS d USING (document_id)
    WHERE NOT d.superseded
    GROUP BY ALL
),
chosen AS (
    SELECT region FROM per_region
    WHERE ($province IS NULL OR province = $province) AND ($regions IS NULL OR list_contains($regions, region))
    GROUP BY region ORDER BY max(reports) DESC, region LIMIT $max_regions
)
SELECT p.region, p.chapter, p.per_1000_chars, o.average, p.per_1000_chars - o.average AS difference, p.reports
FROM per_region AS p JOIN overall AS o USING (chapter)
WHERE p.region IN (SELECT region FROM chosen)
ORDER BY p.region, p.chapter
