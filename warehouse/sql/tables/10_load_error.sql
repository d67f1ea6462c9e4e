CREATE TABLE load_error (
    source VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    error VARCHAR NOT NULL,
    stage VARCHAR NOT NULL DEFAULT 'read' CHECK (stage IN ('read', 'parse', 'segment', 'validate')),
    error_type VARCHAR NOT NULL DEFAULT 'UnreadableReport'
);
COMMENT ON TABLE load_error IS 'Files that could not be read, parsed, segmented or validated as reports in the last run that saw them, with the reason; they are retried next run.';
COMMENT ON COLUMN load_error.source IS 'Path or URL.';
COMMENT ON COLUMN load_error.sha256 IS 'sha256 of the bytes.';
COMMENT ON COLUMN load_error.error IS 'The message: why the file was not loaded.';
COMMENT ON COLUMN load_error.stage IS 'Where it failed: read (bytes to text), parse, segment, or validate (the report broke a warehouse invariant and was quarantined).';
COMMENT ON COLUMN load_error.error_type IS 'The kind of error (UnreadableReport for a file that is not a report; otherwise the exception''s class).';
