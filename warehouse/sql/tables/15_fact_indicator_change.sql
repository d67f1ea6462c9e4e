CREATE TABLE IF NOT EXISTS fact_indicator_change (
    changed_at TIMESTAMP NOT NULL,
    document_id VARCHAR NOT NULL,
    indicator_code VARCHAR NOT NULL,
    change VARCHAR NOT NULL CHECK (change IN ('added', 'removed', 'value_changed')),
    old_value DOUBLE,
    new_value DOUBLE,
    old_evidence VARCHAR,
    new_evidence VARCHAR,
    old_rules_version VARCHAR,
    new_rules_version VARCHAR NOT NULL
);
COMMENT ON TABLE fact_indicator_change IS 'What reprocessing with newer rules changed, figure by figure (fazhi reprocess; fazhi changes prints it): why a published figure moved.';
COMMENT ON COLUMN fact_indicator_change.changed_at IS 'When the reprocess ran (UTC).';
COMMENT ON COLUMN fact_indicator_change.document_id IS 'The report.';
COMMENT ON COLUMN fact_indicator_change.indicator_code IS 'Catalogue code.';
COMMENT ON COLUMN fact_indicator_change.change IS 'added (the new rules find a figure), removed (they no longer do) or value_changed.';
COMMENT ON COLUMN fact_indicator_change.old_value IS 'Value under the old rules (null when added).';
COMMENT ON COLUMN fact_indicator_change.new_value IS 'Value under the new rules (null when removed).';
COMMENT ON COLUMN fact_indicator_change.old_evidence IS 'Evidence under the old rules.';
COMMENT ON COLUMN fact_indicator_change.new_evidence IS 'Evidence under the new rules.';
COMMENT ON COLUMN fact_indicator_change.old_rules_version IS 'Rules version that produced the old figure.';
COMMENT ON COLUMN fact_indicator_change.new_rules_version IS 'Rules version of the reprocess.';
