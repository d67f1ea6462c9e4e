"""The warehouse schema: base tables, numbered migrations, views and the search macro.

Version 1 is the base tables (sql/tables); each file of sql/migrations (NNN_name.sql) brings a
warehouse one version further, so an older warehouse file is upgraded in place and a new one is
built by the same path. Views and the search_reports macro are recreated on every write, after the migrations.
"""

import datetime as dt
import re
from importlib import resources
from pathlib import Path

import duckdb

BASE_VERSION = 1
TABLES = (
    "schema_version",
    "dim_region",
    "dim_year",
    "dim_indicator",
    "dim_document",
    "fact_indicator",
    "fact_section",
    "fact_term",
    "fact_theme",
    "fact_inconsistency",
    "search_document",
    "search_posting",
    "load_error",
    "load_run",
    "fetch_log",
)
HAS_VERSION_TABLE = "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version'"
CURRENT_VERSION = "SELECT coalesce(max(version), 0) FROM schema_version"
RECORD_VERSION = "INSERT INTO schema_version VALUES ($version, $applied_at, $description)"
INDICATOR_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
PROJECT_DOCS = Path(__file__).resolve().parents[1] / "docs"


def sql_files(folder: str) -> list[tuple[str, str]]:
    """(file name, SQL) of one folder of sql/, in name order."""
    root = resources.files("warehouse").joinpath("sql", folder)
    files = sorted((f for f in root.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)
    return [(f.name, f.read_text("utf-8")) for f in files]


def migrations() -> list[tuple[int, str, str]]:
    return [(int(name.split("_", 1)[0]), name, sql) for name, sql in sql_files("migrations")]


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    if not con.execute(HAS_VERSION_TABLE).fetchone()[0]:
        return 0
    return con.execute(CURRENT_VERSION).fetchone()[0]


def record_version(con: duckdb.DuckDBPyConnection, version: int, description: str) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    con.execute(RECORD_VERSION, {"version": version, "applied_at": now, "description": description})


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Bring the warehouse to the latest version and recreate the views; returns versions applied."""
    applied = []
    version = schema_version(con)
    if version == 0:
        for _, statement in sql_files("tables"):
            con.execute(statement)
        record_version(con, BASE_VERSION, "base tables")
        version = BASE_VERSION
        applied.append(BASE_VERSION)
    for number, name, statement in migrations():
        if number > version:
            con.execute(statement)
            record_version(con, number, name)
            applied.append(number)
    for _, statement in sql_files("views") + sql_files("search"):
        con.execute(statement)
    return applied


def create_wide_view(con: duckdb.DuckDBPyConnection, codes: list[str]) -> None:
    """v_indicator_wide with one column per indicator code (codes checked: they become identifiers)."""
    bad = [code for code in codes if not INDICATOR_CODE.match(code)]
    if bad:
        raise ValueError(f"indicator codes must be snake_case identifiers: {bad}")
    templates = dict(sql_files("templates"))
    columns = ", ".join(f"\"values\"['{code}'] AS {code}" for code in sorted(codes))
    con.execute(templates["v_indicator_wide.sql"].format(columns=columns))
    for code in codes:
        con.execute(templates["v_indicator_wide_column.sql"].format(code=code))
