CREATE OR REPLACE VIEW v_document_quality AS
SELECT
    d.document_id,
    d.display_title AS title,
    r.name AS region,
    d.report_year AS year,
    d.doc_type,
    d.publish_date,
    d.first_seen,
    d.superseded,
    d.days_late,
    d.flags,
    d.parts_present,
    (SELECT count(*) FROM fact_inconsistency AS c WHERE c.document_id = d.document_id) AS inconsistencies,
    (SELECT count(*) FROM fact_indicator AS f WHERE f.document_id = d.document_id) AS facts
FROM dim_document AS d
LEFT JOIN dim_region AS r USING (adcode);
COMMENT ON VIEW v_document_quality IS 'Per report: flags, days late, parts present, inconsistent figures, facts extracted.';
COMMENT ON COLUMN v_document_quality.document_id IS 'The report.';
COMMENT ON COLUMN v_document_quality.title IS 'Title of the report (built when it has none).';
COMMENT ON COLUMN v_document_quality.region IS 'Name of the reporting region (null when unresolved).';
COMMENT ON COLUMN v_document_quality.year IS 'Year the report covers.';
COMMENT ON COLUMN v_document_quality.doc_type IS 'government, department or third_party.';
COMMENT ON COLUMN v_document_quality.publish_date IS 'Date the website published it.';
COMMENT ON COLUMN v_document_quality.first_seen IS 'When this version was first loaded.';
COMMENT ON COLUMN v_document_quality.superseded IS 'True when a newer version replaced it.';
COMMENT ON COLUMN v_document_quality.days_late IS 'Days after the deadline (negative: before).';
COMMENT ON COLUMN v_document_quality.flags IS 'Quality flags.';
COMMENT ON COLUMN v_document_quality.parts_present IS 'Required parts found as top-level sections.';
COMMENT ON COLUMN v_document_quality.inconsistencies IS 'Number of inconsistent figure pairs (fact_inconsistency).';
COMMENT ON COLUMN v_document_quality.facts IS 'Indicator facts extracted from the report.';
