-- Dimensions grow: rows that are new are added; a division's macro-region is kept current.
INSERT INTO dim_region BY NAME SELECT * FROM incoming_dim_region WHERE adcode NOT IN (SELECT adcode FROM dim_region);
UPDATE dim_region SET macro_region = i.macro_region
FROM incoming_dim_region AS i
WHERE dim_region.adcode = i.adcode AND dim_region.macro_region IS DISTINCT FROM i.macro_region;
INSERT INTO dim_year BY NAME SELECT * FROM incoming_dim_year WHERE year NOT IN (SELECT year FROM dim_year);
INSERT INTO dim_indicator BY NAME
SELECT * FROM incoming_dim_indicator WHERE indicator_code NOT IN (SELECT indicator_code FROM dim_indicator);
