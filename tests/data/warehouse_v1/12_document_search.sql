CREATE TABLE document_search (
    document_id VARCHAR PRIMARY KEY REFERENCES dim_document (document_id),
    tokens VARCHAR NOT NULL
);
COMMENT ON TABLE document_search IS 'Each report''s text as jieba tokens separated by spaces, with a BM25 full-text index (DuckDB''s tokenizer cannot split Chinese).';
COMMENT ON COLUMN document_search.document_id IS 'The report.';
COMMENT ON COLUMN document_search.tokens IS 'jieba tokens of the normalised text (domain dictionary, spam removed), space-separated.';
