-- Report versions: when a report was first loaded, and whether a newer version replaced it.
ALTER TABLE dim_document ADD COLUMN first_seen TIMESTAMP;
ALTER TABLE dim_document ADD COLUMN superseded BOOLEAN DEFAULT false;
UPDATE dim_document SET superseded = false WHERE superseded IS NULL;
COMMENT ON COLUMN dim_document.first_seen IS 'When this version of the report was first loaded (UTC).';
COMMENT ON COLUMN dim_document.superseded IS 'True when a newer version from the same source replaced it; its facts were removed, the row is kept.';
