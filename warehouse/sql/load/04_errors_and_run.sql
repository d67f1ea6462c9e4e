-- load_error holds the latest outcome per source: a file that now reads is cleared, one that
-- still fails keeps its error (and is retried next run). A run that added nothing leaves no row.
DELETE FROM load_error WHERE source IN (SELECT source FROM incoming_run_sources);
INSERT INTO load_error BY NAME SELECT * FROM incoming_load_error;
INSERT INTO load_run BY NAME
SELECT
    r.run_id, r.started_at, r.finished_at,
    (SELECT count(*) FROM new_documents) AS documents,
    (SELECT count(*) FROM incoming_load_error) AS errors,
    (SELECT count(*) FROM incoming_fact_indicator WHERE document_id IN (SELECT document_id FROM new_documents)) AS facts
FROM incoming_load_run AS r
WHERE (SELECT count(*) FROM new_documents) > 0;
