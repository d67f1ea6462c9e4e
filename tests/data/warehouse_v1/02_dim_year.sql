CREATE TABLE dim_year (
    year INTEGER PRIMARY KEY,
    plan_period VARCHAR NOT NULL,
    government_deadline DATE NOT NULL,
    department_deadline DATE NOT NULL
);
COMMENT ON TABLE dim_year IS 'Reporting years, with the 纲要 plan period and the publication deadlines of 督察工作规定 (2019).';
COMMENT ON COLUMN dim_year.year IS 'The year a report covers.';
COMMENT ON COLUMN dim_year.plan_period IS '纲要 period the year belongs to (2015-2020, 2021-2025, 2026-2030).';
COMMENT ON COLUMN dim_year.government_deadline IS 'Governments publish by 1 April of the next year.';
COMMENT ON COLUMN dim_year.department_deadline IS 'Departments report by 1 March of the next year.';
