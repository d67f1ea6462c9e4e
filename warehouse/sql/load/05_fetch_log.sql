-- The fetch log of the sources scraped for this run replaces their previous log.
DELETE FROM fetch_log WHERE source_name IN (SELECT DISTINCT source_name FROM incoming_fetch_log);
INSERT INTO fetch_log BY NAME SELECT * FROM incoming_fetch_log;
