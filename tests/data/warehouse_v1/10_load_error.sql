CREATE TABLE load_error (
    source VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    error VARCHAR NOT NULL
);
COMMENT ON TABLE load_error IS 'Files that could not be read as reports in the last run, with the reason; they are retried next run.';
COMMENT ON COLUMN load_error.source IS 'Path or URL.';
COMMENT ON COLUMN load_error.sha256 IS 'sha256 of the bytes.';
COMMENT ON COLUMN load_error.error IS 'Why the file was not loaded.';
