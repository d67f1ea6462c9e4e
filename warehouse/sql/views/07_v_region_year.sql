CREATE OR REPLACE VIEW v_region_year AS
WITH documents AS (
    SELECT * FROM v_report WHERE adcode IS NOT NULL AND report_year IS NOT NULL
),
flags AS (
    SELECT adcode, report_year, list(DISTINCT split_part(flag, ':', 1) ORDER BY split_part(flag, ':', 1)) AS flags
    FROM (SELECT adcode, report_year, unnest(flags) AS flag FROM documents)
    GROUP BY ALL
),
parts AS (
    SELECT adcode, report_year, list(DISTINCT part ORDER BY part) AS parts_present
    FROM (SELECT adcode, report_year, unnest(parts_present) AS part FROM documents)
    GROUP BY ALL
),
themes AS (
    SELECT d.adcode, d.report_year, t.chapter, avg(t.per_1000_chars) AS per_1000_chars
    FROM fact_theme AS t JOIN documents AS d USING (document_id)
    GROUP BY ALL
),
top_theme AS (
    SELECT adcode, report_year, arg_max(chapter, per_1000_chars) AS main_chapter FROM themes GROUP BY ALL
)
SELECT
    d.adcode,
    r.name AS region,
    r.level,
    r.province,
    r.macro_region,
    d.report_year AS year,
    count(*) AS reports,
    count(*) FILTER (WHERE len(d.flags) > 0) AS flagged_reports,
    any_value(f.flags) AS flags,
    any_value(p.parts_present) AS parts_present,
    any_value(t.main_chapter) AS main_chapter,
    (SELECT count(*) FROM fact_indicator AS x WHERE x.adcode = d.adcode AND x.report_year = d.report_year) AS facts
FROM documents AS d
LEFT JOIN dim_region AS r USING (adcode)
LEFT JOIN flags AS f USING (adcode, report_year)
LEFT JOIN parts AS p USING (adcode, report_year)
LEFT JOIN top_theme AS t USING (adcode, report_year)
GROUP BY ALL;
COMMENT ON VIEW v_region_year IS 'Per region and year: reports, flags, required parts present, the chapter stressed most, facts extracted.';
COMMENT ON COLUMN v_region_year.adcode IS 'The region.';
COMMENT ON COLUMN v_region_year.region IS 'Its name.';
COMMENT ON COLUMN v_region_year.level IS 'Its level.';
COMMENT ON COLUMN v_region_year.province IS 'Its province.';
COMMENT ON COLUMN v_region_year.macro_region IS '东部, 中部, 西部 or 东北.';
COMMENT ON COLUMN v_region_year.year IS 'Year the reports cover.';
COMMENT ON COLUMN v_region_year.reports IS 'Reports of the region for the year (government and departments).';
COMMENT ON COLUMN v_region_year.flagged_reports IS 'Of which with at least one quality flag.';
COMMENT ON COLUMN v_region_year.flags IS 'Distinct flags raised.';
COMMENT ON COLUMN v_region_year.parts_present IS 'Required parts present in at least one report.';
COMMENT ON COLUMN v_region_year.main_chapter IS '纲要 chapter with the highest coverage per 1,000 characters.';
COMMENT ON COLUMN v_region_year.facts IS 'Indicator facts extracted.';
