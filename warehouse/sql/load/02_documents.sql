-- Which incoming files are new: a (source, sha256) seen before is left alone (a rerun changes
-- nothing). A new file whose normalised text the warehouse (or an earlier file of this run)
-- already holds becomes a second source of that document, never a second document.
CREATE OR REPLACE TEMP TABLE arriving AS
SELECT
    i.document_id,
    i.source,
    i.sha256,
    coalesce(
        held.document_id,
        first_value(i.document_id) OVER (PARTITION BY i.text_sha256 ORDER BY i.source, i.document_id)
    ) AS home_id
FROM incoming_dim_document AS i
LEFT JOIN (
    SELECT text_sha256, min(document_id) AS document_id FROM dim_document
    WHERE NOT superseded GROUP BY text_sha256
) AS held USING (text_sha256)
WHERE NOT EXISTS (SELECT 1 FROM document_source AS s WHERE s.source = i.source AND s.sha256 = i.sha256);
CREATE OR REPLACE TEMP TABLE new_documents AS
SELECT document_id, source FROM arriving
WHERE document_id = home_id AND document_id NOT IN (SELECT document_id FROM dim_document);
-- A new version of a source supersedes the older ones: their rows stay, marked, and their facts
-- are removed.
UPDATE dim_document SET superseded = true
WHERE NOT superseded AND source IN (SELECT source FROM new_documents);
DELETE FROM fact_indicator WHERE document_id IN (SELECT document_id FROM dim_document WHERE superseded);
DELETE FROM fact_section WHERE document_id IN (SELECT document_id FROM dim_document WHERE superseded);
DELETE FROM fact_term WHERE document_id IN (SELECT document_id FROM dim_document WHERE superseded);
DELETE FROM fact_theme WHERE document_id IN (SELECT document_id FROM dim_document WHERE superseded);
DELETE FROM fact_inconsistency WHERE document_id IN (SELECT document_id FROM dim_document WHERE superseded);
DELETE FROM search_posting WHERE document_id IN (SELECT document_id FROM dim_document WHERE superseded);
DELETE FROM search_document WHERE document_id IN (SELECT document_id FROM dim_document WHERE superseded);
-- The texts stream through the join and the new documents' rows are its hash table: DuckDB would
-- pick the side with fewer columns, the texts (225 MB at 20,000 reports), and run out of memory.
SET disabled_optimizers = 'build_side_probe_side';
INSERT INTO dim_document BY NAME
SELECT i.*, t.text
FROM (SELECT document_id, text FROM incoming_document_text) AS t
JOIN (SELECT * FROM incoming_dim_document WHERE document_id IN (SELECT document_id FROM new_documents)) AS i
    USING (document_id);
RESET disabled_optimizers;
INSERT INTO document_source
SELECT source, sha256, home_id, (SELECT started_at FROM incoming_load_run) FROM arriving;
-- Facts, outline, terms and the search index of the new reports only; a text that is not a
-- report keeps its dim_document row (with the reason) and nothing else.
CREATE OR REPLACE TEMP TABLE new_reports AS
SELECT document_id FROM incoming_dim_document
WHERE document_id IN (SELECT document_id FROM new_documents) AND doc_type <> 'not_a_report';
