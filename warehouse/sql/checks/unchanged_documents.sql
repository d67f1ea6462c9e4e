-- The candidate's documents that the published file holds as they are (same id, same superseded
-- state): their term and token rows are the published file's, checked when it was published.
-- Empty unless filled from the published file (unchanged_documents_of_published.sql).
CREATE OR REPLACE TEMP TABLE unchanged_documents (document_id VARCHAR NOT NULL)
