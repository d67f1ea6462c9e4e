-- The most distinctive terms (TF-IDF) of each selected region in its latest year (at most $max_regions regions).
WITH latest AS (
    SELECT v.*, r.province, max(v.year) OVER (PARTITION BY v.adcode) AS latest_year
    FROM v_region_year_terms AS v JOIN dim_region AS r USING (adcode)
    WHERE ($province IS NULL OR r.province = $province) AND ($regions IS NULL OR list_contains($regions, v.region))
),
chosen AS (SELECT DISTINCT adcode FROM latest ORDER BY adcode LIMIT $max_regions)
SELECT region, year, term, tfidf, rank
FROM latest
WHERE year = latest_year AND rank <= $top AND adcode IN (SELECT adcode FROM chosen)
ORDER BY region, rank
