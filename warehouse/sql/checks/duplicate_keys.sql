-- Keys that occur more than once, per table. GROUP BY rather than count(DISTINCT): DuckDB spills a
-- grouping past its memory limit, not a DISTINCT aggregate (which failed at 50,000 reports in 256 MB).
-- The two largest (millions of rows at 10,000 reports) are grouped by a hash of the key first, and
-- only the rows whose hash repeats by the key itself: the same count, in half the time (at 10,000
-- reports fact_term 0.58 -> 0.29 s, search_posting 0.93 -> 0.46 s). Their hashes are grouped for
-- the documents the candidate adds or changes only (not in unchanged_documents: see keys_unique in
-- warehouse/checks.py): one new report into a 10,000-report warehouse 1.1 s -> 0.08 s.
SELECT 'dim_document' AS relation, count(*) AS bad FROM (SELECT document_id FROM dim_document GROUP BY ALL HAVING count(*) > 1)
UNION ALL SELECT 'fact_indicator', count(*) FROM (SELECT document_id, indicator_code FROM fact_indicator GROUP BY ALL HAVING count(*) > 1)
UNION ALL SELECT 'fact_section', count(*) FROM (SELECT document_id, path FROM fact_section GROUP BY ALL HAVING count(*) > 1)
UNION ALL SELECT 'fact_term', count(*) FROM (
    SELECT document_id, term FROM fact_term
    WHERE hash(document_id, term) IN (
        SELECT hash(document_id, term) FROM fact_term AS t
        WHERE NOT EXISTS (SELECT 1 FROM unchanged_documents AS u WHERE u.document_id = t.document_id)
        GROUP BY ALL HAVING count(*) > 1)
    GROUP BY ALL HAVING count(*) > 1)
UNION ALL SELECT 'fact_theme', count(*) FROM (SELECT document_id, chapter FROM fact_theme GROUP BY ALL HAVING count(*) > 1)
UNION ALL SELECT 'search_document', count(*) FROM (SELECT document_id FROM search_document GROUP BY ALL HAVING count(*) > 1)
UNION ALL SELECT 'search_posting', count(*) FROM (
    SELECT document_id, token FROM search_posting
    WHERE hash(document_id, token) IN (
        SELECT hash(document_id, token) FROM search_posting AS p
        WHERE NOT EXISTS (SELECT 1 FROM unchanged_documents AS u WHERE u.document_id = p.document_id)
        GROUP BY ALL HAVING count(*) > 1)
    GROUP BY ALL HAVING count(*) > 1)
