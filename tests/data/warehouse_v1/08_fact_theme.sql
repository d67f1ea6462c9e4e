CREATE TABLE fact_theme (
    document_id VARCHAR NOT NULL REFERENCES dim_document (document_id),
    chapter VARCHAR NOT NULL,
    hits INTEGER NOT NULL,
    per_1000_chars DOUBLE NOT NULL,
    PRIMARY KEY (document_id, chapter)
);
COMMENT ON TABLE fact_theme IS 'Coverage of each 纲要 2021-2025 chapter per report, from the chapter lexicons.';
COMMENT ON COLUMN fact_theme.document_id IS 'The report.';
COMMENT ON COLUMN fact_theme.chapter IS 'Chapter code (functions, rules, decisions, enforcement, emergency, disputes, oversight, digital, leadership, publicity).';
COMMENT ON COLUMN fact_theme.hits IS 'Occurrences of the chapter''s terms.';
COMMENT ON COLUMN fact_theme.per_1000_chars IS 'Hits per 1,000 characters, so long and short reports compare.';
