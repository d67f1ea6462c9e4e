CREATE TABLE fact_indicator (
    document_id VARCHAR NOT NULL REFERENCES dim_document (document_id),
    indicator_code VARCHAR NOT NULL REFERENCES dim_indicator (indicator_code),
    adcode VARCHAR REFERENCES dim_region (adcode),
    report_year INTEGER REFERENCES dim_year (year),
    value DOUBLE NOT NULL,
    unit VARCHAR NOT NULL,
    qualifier VARCHAR NOT NULL CHECK (qualifier IN ('exact', 'more_than', 'about', 'nearly')),
    evidence VARCHAR NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    rule_id VARCHAR NOT NULL,
    PRIMARY KEY (document_id, indicator_code),
    CHECK (unit <> '%' OR value BETWEEN 0 AND 100),
    CHECK (value >= 0),
    CHECK (start_offset >= 0 AND end_offset > start_offset)
);
COMMENT ON TABLE fact_indicator IS 'One figure per report and indicator, for the reporting government as a whole, with the sentence it came from.';
COMMENT ON COLUMN fact_indicator.document_id IS 'The report stating the figure.';
COMMENT ON COLUMN fact_indicator.indicator_code IS 'Catalogue code.';
COMMENT ON COLUMN fact_indicator.adcode IS 'Region of the report.';
COMMENT ON COLUMN fact_indicator.report_year IS 'Year the report covers.';
COMMENT ON COLUMN fact_indicator.value IS 'Value in the canonical unit (2.8万余件 → 28000; rates as percent numbers).';
COMMENT ON COLUMN fact_indicator.unit IS 'Unit as stated after folding 万/亿 (件, 起, %, 元…).';
COMMENT ON COLUMN fact_indicator.qualifier IS 'exact, more_than (余/多/超), about (约), nearly (近).';
COMMENT ON COLUMN fact_indicator.evidence IS 'The clause the figure came from.';
COMMENT ON COLUMN fact_indicator.start_offset IS 'Start of the evidence in dim_document.text.';
COMMENT ON COLUMN fact_indicator.end_offset IS 'End of the evidence in dim_document.text.';
COMMENT ON COLUMN fact_indicator.rule_id IS 'Catalogue rule that recognised the figure.';
