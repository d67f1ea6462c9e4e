CREATE TABLE dim_indicator (
    indicator_code VARCHAR PRIMARY KEY,
    name_zh VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    kind VARCHAR NOT NULL CHECK (kind IN ('count', 'rate', 'amount')),
    chapter VARCHAR NOT NULL,
    direction VARCHAR NOT NULL CHECK (direction IN ('higher_better', 'lower_better', 'neutral'))
);
COMMENT ON TABLE dim_indicator IS 'The indicator catalogue (transforms/data/indicators.toml).';
COMMENT ON COLUMN dim_indicator.indicator_code IS 'Stable English code (review_received).';
COMMENT ON COLUMN dim_indicator.name_zh IS 'Chinese name.';
COMMENT ON COLUMN dim_indicator.name_en IS 'English name.';
COMMENT ON COLUMN dim_indicator.unit IS 'Canonical unit of fact values (件, %, 元…).';
COMMENT ON COLUMN dim_indicator.kind IS 'count, rate (percent numbers 0-100) or amount.';
COMMENT ON COLUMN dim_indicator.chapter IS '纲要 2021-2025 chapter (disputes, rules, decisions…).';
COMMENT ON COLUMN dim_indicator.direction IS 'Whether a higher value is better, worse, or neither.';
