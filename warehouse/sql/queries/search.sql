-- Full-text search: reports ranked by BM25 for all the tokens, with their text for a snippet.
SELECT s.document_id, s.title, s.region, s.year, round(s.score, 3) AS score, d.text
FROM search_reports($tokens) AS s JOIN v_report AS d USING (document_id)
LIMIT $limit
