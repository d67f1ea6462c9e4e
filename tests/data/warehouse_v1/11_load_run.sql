CREATE TABLE load_run (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    documents INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    facts INTEGER NOT NULL
);
COMMENT ON TABLE load_run IS 'The run that built this warehouse file.';
COMMENT ON COLUMN load_run.run_id IS 'Dagster run id (or a local id outside Dagster).';
COMMENT ON COLUMN load_run.started_at IS 'When the load started (UTC).';
COMMENT ON COLUMN load_run.finished_at IS 'When the load finished (UTC).';
COMMENT ON COLUMN load_run.documents IS 'Reports loaded.';
COMMENT ON COLUMN load_run.errors IS 'Files that could not be read.';
COMMENT ON COLUMN load_run.facts IS 'Indicator facts loaded.';
