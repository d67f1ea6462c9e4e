-- What reprocessing changed, newest first; $since (a rules version) keeps the changes made since
-- the warehouse left it.
SELECT changed_at, document_id, indicator_code, change, old_value, new_value, old_rules_version,
    new_rules_version, new_evidence, old_evidence
FROM fact_indicator_change
WHERE $since IS NULL OR changed_at >= (
    SELECT min(changed_at) FROM fact_indicator_change WHERE old_rules_version = $since
)
ORDER BY changed_at DESC, document_id, indicator_code
