-- Current reports extracted by other rules than $rules_version: what `fazhi reprocess` redoes.
SELECT document_id, text, rules_version FROM dim_document
WHERE NOT superseded AND doc_type <> 'not_a_report' AND rules_version IS DISTINCT FROM $rules_version
ORDER BY document_id
