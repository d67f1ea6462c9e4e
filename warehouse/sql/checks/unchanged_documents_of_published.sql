INSERT INTO unchanged_documents
SELECT document_id FROM (
    SELECT document_id, superseded FROM main.dim_document
    INTERSECT
    SELECT document_id, superseded FROM published.dim_document
)
