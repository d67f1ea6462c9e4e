-- The rules versions the warehouse's current reports were extracted with.
SELECT DISTINCT rules_version FROM dim_document WHERE NOT superseded AND rules_version IS NOT NULL ORDER BY 1
