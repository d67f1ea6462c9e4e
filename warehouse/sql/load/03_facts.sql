-- Facts of the new report versions only, with their report's region and year.
INSERT INTO fact_indicator BY NAME
SELECT f.*, d.adcode, d.report_year
FROM incoming_fact_indicator AS f
JOIN (SELECT document_id, adcode, report_year FROM incoming_dim_document) AS d USING (document_id)
WHERE document_id IN (SELECT document_id FROM new_reports);
INSERT INTO fact_section BY NAME
SELECT * FROM incoming_fact_section WHERE document_id IN (SELECT document_id FROM new_reports);
INSERT INTO fact_term BY NAME
SELECT * FROM incoming_fact_term WHERE document_id IN (SELECT document_id FROM new_reports);
INSERT INTO fact_theme BY NAME
SELECT * FROM incoming_fact_theme WHERE document_id IN (SELECT document_id FROM new_reports);
INSERT INTO fact_inconsistency BY NAME
SELECT * FROM incoming_fact_inconsistency WHERE document_id IN (SELECT document_id FROM new_reports);
INSERT INTO search_posting BY NAME
SELECT * FROM incoming_search_posting WHERE document_id IN (SELECT document_id FROM new_reports);
INSERT INTO search_document
SELECT document_id, sum(token_count)::INTEGER FROM incoming_search_posting
WHERE document_id IN (SELECT document_id FROM new_reports)
GROUP BY document_id;
