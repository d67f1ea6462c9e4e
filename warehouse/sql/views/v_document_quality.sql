CREATE VIEW v_document_quality AS
SELECT
    d.document_id,
    d.display_title AS title,
    r.name AS region,
    d.report_year AS year,
    d.doc_type,
    d.publish_date,
    d.days_late,
    d.flags,
    d.parts_present,
    (SELECT count(*) FROM fact_inconsistency AS c WHERE c.document_id = d.document_id) AS inconsistencies,
    (SELECT count(*) FROM fact_indicator AS f WHERE f.document_id = d.document_id) AS facts
FROM dim_document AS d
LEFT JOIN dim_region AS r USING (adcode);
COMMENT ON VIEW v_document_quality IS 'Per report: flags, days late, parts present, inconsistent figures, facts extracted.';
