CREATE TABLE document_source (
    source VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    document_id VARCHAR NOT NULL REFERENCES dim_document (document_id),
    first_seen TIMESTAMP NOT NULL,
    PRIMARY KEY (source, sha256)
);
COMMENT ON TABLE document_source IS 'Every source and file a report text arrived from: the same text from a second site or folder is one document with two sources, never two documents.';
COMMENT ON COLUMN document_source.source IS 'Path or URL the bytes were read from.';
COMMENT ON COLUMN document_source.sha256 IS 'sha256 of those bytes (a file already seen is not parsed again).';
COMMENT ON COLUMN document_source.document_id IS 'The document holding this text.';
COMMENT ON COLUMN document_source.first_seen IS 'When this source first brought these bytes (UTC).';
