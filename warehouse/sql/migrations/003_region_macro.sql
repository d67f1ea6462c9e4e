-- The NBS macro-region of every division, for 东部/中部/西部/东北 comparisons.
ALTER TABLE dim_region ADD COLUMN macro_region VARCHAR;
COMMENT ON COLUMN dim_region.macro_region IS '东部, 中部, 西部 or 东北 (National Bureau of Statistics), from the province; null for the national level.';
