-- The most distinctive terms of each region and year (TF-IDF).
SELECT region, year, term, tfidf, rank
FROM v_region_year_terms AS v
JOIN dim_region AS r USING (adcode)
WHERE rank <= $top
  AND ($province IS NULL OR r.province = $province)
  AND ($regions IS NULL OR list_contains($regions, v.region))
ORDER BY region, year, rank
LIMIT 2000
