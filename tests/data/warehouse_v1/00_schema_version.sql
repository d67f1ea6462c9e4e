CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL,
    description VARCHAR NOT NULL
);
COMMENT ON TABLE schema_version IS 'Migrations applied to this warehouse file (warehouse/sql/migrations), version 1 being the base tables.';
COMMENT ON COLUMN schema_version.version IS 'Migration number.';
COMMENT ON COLUMN schema_version.applied_at IS 'When it was applied (UTC).';
COMMENT ON COLUMN schema_version.description IS 'File name of the migration.';
