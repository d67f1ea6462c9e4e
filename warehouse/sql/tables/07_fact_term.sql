CREATE TABLE fact_term (
    document_id VARCHAR NOT NULL,
    term VARCHAR NOT NULL,
    term_count INTEGER NOT NULL CHECK (term_count > 0)
);
COMMENT ON TABLE fact_term IS 'jieba term counts per report (domain dictionary, stop words and injected spam removed).';
COMMENT ON COLUMN fact_term.document_id IS 'The report (unique with term; checked before publishing).';
COMMENT ON COLUMN fact_term.term IS 'A Chinese term of two characters or more.';
COMMENT ON COLUMN fact_term.term_count IS 'Occurrences in the report.';
