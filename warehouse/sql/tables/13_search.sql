CREATE TABLE search_document (
    document_id VARCHAR PRIMARY KEY REFERENCES dim_document (document_id),
    length INTEGER NOT NULL CHECK (length > 0)
);
COMMENT ON TABLE search_document IS 'Length of each current report in search tokens, for BM25 (search_reports).';
COMMENT ON COLUMN search_document.document_id IS 'The report.';
COMMENT ON COLUMN search_document.length IS 'Word tokens (jieba, spam removed) in the report.';
CREATE TABLE search_posting (
    document_id VARCHAR NOT NULL,
    token VARCHAR NOT NULL,
    token_count INTEGER NOT NULL CHECK (token_count > 0)
);
COMMENT ON TABLE search_posting IS 'Full-text index: how often each jieba token occurs in each current report (punctuation left out). search_reports(''枫桥 经验'') ranks reports by BM25 over it.';
COMMENT ON COLUMN search_posting.document_id IS 'The report (unique with token; checked before publishing).';
COMMENT ON COLUMN search_posting.token IS 'A jieba token of the normalised text (domain dictionary, spam removed).';
COMMENT ON COLUMN search_posting.token_count IS 'Occurrences in the report.';
