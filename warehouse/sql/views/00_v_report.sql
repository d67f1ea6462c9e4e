CREATE OR REPLACE VIEW v_report AS
SELECT *
FROM dim_document
WHERE NOT superseded
    AND doc_type <> 'not_a_report'
    AND len(list_filter(flags, f -> f LIKE 'duplicate_of:%')) = 0;
COMMENT ON VIEW v_report IS 'The reports an analysis counts: current versions only, no near-duplicate copies (flag duplicate_of), no texts that are not reports. Every analyst view and notebook query starts from it.';
COMMENT ON COLUMN v_report.document_id IS 'First 16 hex digits of the sha256 of source and file bytes: one report version at one source.';
COMMENT ON COLUMN v_report.source IS 'Path or URL the report was read from.';
COMMENT ON COLUMN v_report.sha256 IS 'sha256 of the file bytes.';
COMMENT ON COLUMN v_report.text_sha256 IS 'sha256 of the normalised text (same text at two sources → duplicate_of flag).';
COMMENT ON COLUMN v_report.title IS 'The report''s own title; null when it has none (flag no_title).';
COMMENT ON COLUMN v_report.display_title IS 'The title, or <region><year>年度法治政府建设情况报告 when there is none.';
COMMENT ON COLUMN v_report.report_year IS 'The year the report covers (not the year published).';
COMMENT ON COLUMN v_report.adcode IS 'Region of the reporting government (a department belongs to its jurisdiction).';
COMMENT ON COLUMN v_report.region_level IS 'Level of the reporting body (township when a township reports under its county).';
COMMENT ON COLUMN v_report.doc_date IS 'Date signed or issued (落款/印发).';
COMMENT ON COLUMN v_report.publish_date IS 'Date the website published it (发布时间).';
COMMENT ON COLUMN v_report.doc_number IS 'Document number (文号), e.g. 通政文〔2020〕22号.';
COMMENT ON COLUMN v_report.issuer IS 'The organ that issued the report.';
COMMENT ON COLUMN v_report.addressee IS 'The organ the report is addressed to.';
COMMENT ON COLUMN v_report.doc_type IS 'government, department, third_party (a mirror or an evaluation) or not_a_report (kept, left out of the views and facts; see not_report_reason).';
COMMENT ON COLUMN v_report.flags IS 'Quality flags: injected_spam, damaged_text, no_title, no_region, ambiguous_region, no_year, duplicate_of:<id>, inconsistent_figures, late, missing_sections, third_party, traditional_chars.';
COMMENT ON COLUMN v_report.length IS 'Characters of normalised text.';
COMMENT ON COLUMN v_report.numbers_per_1000 IS 'Numbers per 1,000 characters: how much the report quantifies.';
COMMENT ON COLUMN v_report.parts_present IS 'Required parts found as top-level sections (leadership_duty, achievements, shortcomings, next_year).';
COMMENT ON COLUMN v_report.days_late IS 'Days published after the deadline (negative: before).';
COMMENT ON COLUMN v_report.text IS 'Normalised text; every offset in the facts indexes it.';
COMMENT ON COLUMN v_report.first_seen IS 'When this version of the report was first loaded (UTC).';
COMMENT ON COLUMN v_report.superseded IS 'True when a newer version from the same source replaced it; its facts were removed, the row is kept.';
COMMENT ON COLUMN v_report.not_report_reason IS 'Why a text with doc_type not_a_report is not a rule-of-law report (null for reports).';
COMMENT ON COLUMN v_report.rules_version IS 'Digest of the rules and reference data that extracted this document (fazhi reprocess redoes older ones).';
