-- Reports carrying a flag that a reader must weigh: defaced pages, damaged text, missing parts.
-- A file is named by its file name only: a page never shows a local path.
SELECT d.display_title AS title, r.name AS region, d.report_year AS year,
       CASE WHEN d.source LIKE 'http%' THEN d.source ELSE regexp_extract(d.source, '[^/]+$') END AS source,
       list_filter(d.flags, f -> f IN ('injected_spam', 'damaged_text', 'missing_sections', 'inconsistent_figures', 'late')) AS flags,
       d.parts_present, d.days_late
FROM dim_document AS d LEFT JOIN dim_region AS r USING (adcode)
WHERE NOT d.superseded
  AND len(list_filter(d.flags, f -> f IN ('injected_spam', 'damaged_text', 'missing_sections', 'inconsistent_figures', 'late'))) > 0
ORDER BY year, region
LIMIT 2000
