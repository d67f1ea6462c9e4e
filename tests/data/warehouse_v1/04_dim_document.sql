CREATE TABLE dim_document (
    document_id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    text_sha256 VARCHAR NOT NULL,
    title VARCHAR,
    display_title VARCHAR,
    report_year INTEGER REFERENCES dim_year (year),
    adcode VARCHAR REFERENCES dim_region (adcode),
    region_level VARCHAR,
    doc_date DATE,
    publish_date DATE,
    doc_number VARCHAR,
    issuer VARCHAR,
    addressee VARCHAR,
    doc_type VARCHAR NOT NULL CHECK (doc_type IN ('government', 'department', 'third_party')),
    flags VARCHAR[] NOT NULL,
    length INTEGER NOT NULL,
    numbers_per_1000 DOUBLE NOT NULL,
    parts_present VARCHAR[] NOT NULL,
    days_late INTEGER,
    text VARCHAR NOT NULL
);
COMMENT ON TABLE dim_document IS 'One row per report: where it came from, what it is, and its quality flags.';
COMMENT ON COLUMN dim_document.document_id IS 'First 16 hex digits of the sha256 of source and file bytes: one report version at one source.';
COMMENT ON COLUMN dim_document.source IS 'Path or URL the report was read from.';
COMMENT ON COLUMN dim_document.sha256 IS 'sha256 of the file bytes.';
COMMENT ON COLUMN dim_document.text_sha256 IS 'sha256 of the normalised text (same text at two sources → duplicate_of flag).';
COMMENT ON COLUMN dim_document.title IS 'The report''s own title; null when it has none (flag no_title).';
COMMENT ON COLUMN dim_document.display_title IS 'The title, or <region><year>年度法治政府建设情况报告 when there is none.';
COMMENT ON COLUMN dim_document.report_year IS 'The year the report covers (not the year published).';
COMMENT ON COLUMN dim_document.adcode IS 'Region of the reporting government (a department belongs to its jurisdiction).';
COMMENT ON COLUMN dim_document.region_level IS 'Level of the reporting body (township when a township reports under its county).';
COMMENT ON COLUMN dim_document.doc_date IS 'Date signed or issued (落款/印发).';
COMMENT ON COLUMN dim_document.publish_date IS 'Date the website published it (发布时间).';
COMMENT ON COLUMN dim_document.doc_number IS 'Document number (文号), e.g. 通政文〔2020〕22号.';
COMMENT ON COLUMN dim_document.issuer IS 'The organ that issued the report.';
COMMENT ON COLUMN dim_document.addressee IS 'The organ the report is addressed to.';
COMMENT ON COLUMN dim_document.doc_type IS 'government, department or third_party (a mirror or an evaluation).';
COMMENT ON COLUMN dim_document.flags IS 'Quality flags: injected_spam, damaged_text, no_title, no_region, ambiguous_region, no_year, duplicate_of:<id>, inconsistent_figures, late, missing_sections, third_party, traditional_chars.';
COMMENT ON COLUMN dim_document.length IS 'Characters of normalised text.';
COMMENT ON COLUMN dim_document.numbers_per_1000 IS 'Numbers per 1,000 characters: how much the report quantifies.';
COMMENT ON COLUMN dim_document.parts_present IS 'Required parts found as top-level sections (leadership_duty, achievements, shortcomings, next_year).';
COMMENT ON COLUMN dim_document.days_late IS 'Days published after the deadline (negative: before).';
COMMENT ON COLUMN dim_document.text IS 'Normalised text; every offset in the facts indexes it.';
