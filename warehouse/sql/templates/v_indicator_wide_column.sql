COMMENT ON COLUMN v_indicator_wide.{code} IS 'Value of {code} (dim_indicator: unit, kind).';
