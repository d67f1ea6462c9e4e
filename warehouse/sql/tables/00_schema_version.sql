CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL,
    description VARCHAR NOT NULL
);
COMMENT ON TABLE schema_version IS 'Schema versions of this warehouse file: a new file starts at the current version (warehouse/sql/tables); an older one records each migration applied to it.';
COMMENT ON COLUMN schema_version.version IS 'Migration number.';
COMMENT ON COLUMN schema_version.applied_at IS 'When it was applied (UTC).';
COMMENT ON COLUMN schema_version.description IS 'File name of the migration.';
