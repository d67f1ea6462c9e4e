CREATE OR REPLACE MACRO search_reports(tokens) AS TABLE
SELECT d.document_id, d.display_title AS title, r.name AS region, d.report_year AS year, s.score
FROM (
    SELECT document_id, fts_main_document_search.match_bm25(document_id, tokens, conjunctive := 1) AS score
    FROM document_search
) AS s
JOIN dim_document AS d USING (document_id)
LEFT JOIN dim_region AS r USING (adcode)
WHERE s.score IS NOT NULL AND NOT d.superseded
ORDER BY s.score DESC, d.document_id;
