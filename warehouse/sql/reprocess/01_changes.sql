-- Re-extracted figures (incoming_fact_indicator) of the documents being reprocessed
-- (incoming_documents: document_id, rules_version): every difference from the figures held is
-- recorded, then the figures are replaced and the documents carry the new rules version.
INSERT INTO fact_indicator_change
SELECT
    (SELECT changed_at FROM incoming_reprocess_run) AS changed_at,
    coalesce(n.document_id, o.document_id) AS document_id,
    coalesce(n.indicator_code, o.indicator_code) AS indicator_code,
    CASE WHEN o.document_id IS NULL THEN 'added' WHEN n.document_id IS NULL THEN 'removed' ELSE 'value_changed' END,
    o.value, n.value, o.evidence, n.evidence, o.rules_version,
    (SELECT rules_version FROM incoming_reprocess_run) AS new_rules_version
FROM (SELECT * FROM fact_indicator WHERE document_id IN (SELECT document_id FROM incoming_documents)) AS o
FULL OUTER JOIN incoming_fact_indicator AS n USING (document_id, indicator_code)
WHERE o.document_id IS NULL OR n.document_id IS NULL OR o.value IS DISTINCT FROM n.value;
DELETE FROM fact_indicator WHERE document_id IN (SELECT document_id FROM incoming_documents);
INSERT INTO fact_indicator BY NAME
SELECT f.*, d.adcode, d.report_year
FROM incoming_fact_indicator AS f JOIN dim_document AS d USING (document_id);
UPDATE dim_document SET rules_version = (SELECT rules_version FROM incoming_reprocess_run)
WHERE document_id IN (SELECT document_id FROM incoming_documents);
