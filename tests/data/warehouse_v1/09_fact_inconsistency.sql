CREATE TABLE fact_inconsistency (
    document_id VARCHAR NOT NULL REFERENCES dim_document (document_id),
    check_name VARCHAR NOT NULL,
    codes VARCHAR NOT NULL,
    detail VARCHAR NOT NULL
);
COMMENT ON TABLE fact_inconsistency IS 'Figures of one report that disagree with each other (the detail behind the inconsistent_figures flag).';
COMMENT ON COLUMN fact_inconsistency.document_id IS 'The report.';
COMMENT ON COLUMN fact_inconsistency.check_name IS 'stated_rate, part_exceeds_whole or rate_range.';
COMMENT ON COLUMN fact_inconsistency.codes IS 'Indicator codes involved, comma-separated.';
COMMENT ON COLUMN fact_inconsistency.detail IS 'What disagrees, in numbers.';
