-- Version 6 rebuilds every table from warehouse/sql/tables (schema.rebuild_tables runs first: the
-- CHECKs on doc_type and qualifier cannot be altered in place), then fills what is new: every
-- document's own source, so that a text arriving again from elsewhere joins it.
INSERT INTO document_source
SELECT source, sha256, document_id, coalesce(first_seen, now()::TIMESTAMP) FROM dim_document
ON CONFLICT DO NOTHING;
