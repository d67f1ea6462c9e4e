-- A report version already loaded is left alone (a rerun changes nothing). A new version of a
-- source supersedes the older ones: their rows stay, marked, and their facts are removed.
CREATE OR REPLACE TEMP TABLE new_documents AS
SELECT document_id, source FROM incoming_dim_document
WHERE document_id NOT IN (SELECT document_id FROM dim_document);
UPDATE dim_document SET superseded = true
WHERE NOT superseded AND source IN (SELECT source FROM new_documents);
DELETE FROM fact_indicator WHERE document_id IN (SELECT document_id FROM dim_document WHERE superseded);
DELETE FROM fact_section WHERE document_id IN (SELECT document_id FROM dim_document WHERE superseded);
DELETE FROM fact_term WHERE document_id IN (SELECT document_id FROM dim_document WHERE superseded);
DELETE FROM fact_theme WHERE document_id IN (SELECT document_id FROM dim_document WHERE superseded);
DELETE FROM fact_inconsistency WHERE document_id IN (SELECT document_id FROM dim_document WHERE superseded);
DELETE FROM search_posting WHERE document_id IN (SELECT document_id FROM dim_document WHERE superseded);
DELETE FROM search_document WHERE document_id IN (SELECT document_id FROM dim_document WHERE superseded);
INSERT INTO dim_document BY NAME
SELECT * FROM incoming_dim_document WHERE document_id IN (SELECT document_id FROM new_documents);
