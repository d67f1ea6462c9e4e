-- The last load that changed the warehouse.
SELECT run_id, finished_at FROM load_run ORDER BY finished_at DESC LIMIT 1
