"""The warehouse DDL: one .sql file per table and per view, applied in name order."""

from importlib import resources
from pathlib import Path

import duckdb

PROJECT_DOCS = Path(__file__).resolve().parents[1] / "docs"

TABLES = (
    "dim_region",
    "dim_year",
    "dim_indicator",
    "dim_document",
    "fact_indicator",
    "fact_section",
    "fact_term",
    "fact_theme",
    "fact_inconsistency",
    "load_error",
    "load_run",
)


def sql_files(folder: str) -> list[str]:
    root = resources.files("warehouse").joinpath("sql", folder)
    return [
        f.read_text("utf-8") for f in sorted(root.iterdir(), key=lambda f: f.name) if f.name.endswith(".sql")
    ]


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    for statement in sql_files("tables") + sql_files("views"):
        con.execute(statement)
