-- Every region with a report, in code order: the order that gives each region its chart colour.
SELECT DISTINCT r.name AS region, r.adcode
FROM v_report AS d JOIN dim_region AS r USING (adcode)
ORDER BY r.adcode
