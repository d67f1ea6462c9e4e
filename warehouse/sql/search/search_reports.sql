-- search_reports('枫桥 经验'): the current reports holding every space-separated token, ranked by
-- Okapi BM25 (k1 = 1.2, b = 0.75, idf = ln(1 + (N - df + 0.5) / (df + 0.5))) over search_posting.
CREATE OR REPLACE MACRO search_reports(query) AS TABLE
WITH wanted AS (
    SELECT DISTINCT token FROM (SELECT unnest(string_split(query, ' ')) AS token) WHERE token <> ''
),
corpus AS (SELECT count(*) AS reports, avg(length) AS mean_length FROM search_document),
hits AS (SELECT p.document_id, p.token, p.token_count FROM search_posting AS p JOIN wanted USING (token)),
frequency AS (SELECT token, count(*) AS reports_with FROM hits GROUP BY token),
scored AS (
    SELECT
        h.document_id,
        count(*) AS tokens_found,
        sum(
            ln(1 + (c.reports - f.reports_with + 0.5) / (f.reports_with + 0.5))
            * h.token_count * 2.2
            / (h.token_count + 1.2 * (0.25 + 0.75 * s.length / c.mean_length))
        ) AS score
    FROM hits AS h
    JOIN frequency AS f USING (token)
    JOIN search_document AS s USING (document_id)
    CROSS JOIN corpus AS c
    GROUP BY h.document_id
)
SELECT d.document_id, d.display_title AS title, r.name AS region, d.report_year AS year, s.score
FROM scored AS s
JOIN v_report AS d USING (document_id)
LEFT JOIN dim_region AS r USING (adcode)
WHERE s.tokens_found = (SELECT count(*) FROM wanted) AND NOT d.superseded
ORDER BY s.score DESC, d.document_id;
