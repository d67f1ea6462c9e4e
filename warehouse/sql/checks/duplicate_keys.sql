SELECT 'dim_document' AS relation, count(*) - count(DISTINCT document_id) AS bad FROM dim_document
UNION ALL SELECT 'fact_indicator', count(*) - count(DISTINCT (document_id, indicator_code)) FROM fact_indicator
UNION ALL SELECT 'fact_section', count(*) - count(DISTINCT (document_id, path)) FROM fact_section
UNION ALL SELECT 'fact_term', count(*) - count(DISTINCT (document_id, term)) FROM fact_term
UNION ALL SELECT 'fact_theme', count(*) - count(DISTINCT (document_id, chapter)) FROM fact_theme
UNION ALL SELECT 'search_document', count(*) - count(DISTINCT document_id) FROM search_document
UNION ALL SELECT 'search_posting', count(*) - count(DISTINCT (document_id, token)) FROM search_posting
