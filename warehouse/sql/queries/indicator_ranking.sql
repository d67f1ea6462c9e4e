-- The top regions of one level on each indicator, latest year each region reported it, with N:
-- at most $top a code. Ties share their rank (1, 1, 3), and `tied` says how many regions hold
-- that value; where a tie crosses the cut, the regions shown are the first by code, so a chart of
-- the top 15 never draws hundreds of points when many regions state the same figure.
WITH latest AS (
    SELECT *, row_number() OVER (PARTITION BY adcode, indicator_code ORDER BY year DESC) AS recency
    FROM v_indicator
    WHERE ($province IS NULL OR province = $province)
      AND ($indicators IS NULL OR list_contains($indicators, indicator_code))
      AND level = $level
)
SELECT region, adcode, year, indicator_code, indicator, kind, value, unit, evidence,
       rank() OVER (PARTITION BY indicator_code ORDER BY value DESC) AS rank,
       count(*) OVER (PARTITION BY indicator_code, value) AS tied,
       count(*) OVER (PARTITION BY indicator_code) AS n
FROM latest WHERE recency = 1
QUALIFY row_number() OVER (PARTITION BY indicator_code ORDER BY value DESC, adcode) <= $top
ORDER BY indicator_code, rank, adcode
