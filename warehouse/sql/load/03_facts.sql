-- Facts of the new report versions only.
INSERT INTO fact_indicator BY NAME
SELECT * FROM incoming_fact_indicator WHERE document_id IN (SELECT document_id FROM new_documents);
INSERT INTO fact_section BY NAME
SELECT * FROM incoming_fact_section WHERE document_id IN (SELECT document_id FROM new_documents);
INSERT INTO fact_term BY NAME
SELECT * FROM incoming_fact_term WHERE document_id IN (SELECT document_id FROM new_documents);
INSERT INTO fact_theme BY NAME
SELECT * FROM incoming_fact_theme WHERE document_id IN (SELECT document_id FROM new_documents);
INSERT INTO fact_inconsistency BY NAME
SELECT * FROM incoming_fact_inconsistency WHERE document_id IN (SELECT document_id FROM new_documents);
INSERT INTO document_search BY NAME
SELECT * FROM incoming_document_search WHERE document_id IN (SELECT document_id FROM new_documents);
