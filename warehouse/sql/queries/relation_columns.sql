-- The columns of one table or view, with their types and comments (for datapackage.json).
SELECT column_name, data_type, comment FROM duckdb_columns()
WHERE schema_name = 'main' AND table_name = $name ORDER BY column_index
