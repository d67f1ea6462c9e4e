CREATE TABLE fact_section (
    document_id VARCHAR NOT NULL REFERENCES dim_document (document_id),
    path VARCHAR NOT NULL,
    depth INTEGER NOT NULL,
    heading VARCHAR NOT NULL,
    category VARCHAR CHECK (category IN ('leadership_duty', 'achievements', 'shortcomings', 'next_year', 'other')),
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    PRIMARY KEY (document_id, path)
);
COMMENT ON TABLE fact_section IS 'The outline of each report (一、 (一) 1.), with offsets into its text.';
COMMENT ON COLUMN fact_section.document_id IS 'The report.';
COMMENT ON COLUMN fact_section.path IS 'Position in the outline, e.g. 2/1/3.';
COMMENT ON COLUMN fact_section.depth IS '0 for 一、, 1 for (一), 2 for 1.';
COMMENT ON COLUMN fact_section.heading IS 'Heading text.';
COMMENT ON COLUMN fact_section.category IS 'Required part a top-level section is (督察工作规定 Art. 25); null below the top level.';
COMMENT ON COLUMN fact_section.start_offset IS 'Start in dim_document.text.';
COMMENT ON COLUMN fact_section.end_offset IS 'End in dim_document.text.';
