"""The warehouse schema: the current tables, numbered migrations, views and the search macro.

sql/tables is the schema as it is now: a new warehouse file is created from it and stamped with
the latest version. An older file is brought forward by the files of sql/migrations (NNN_name.sql),
each one version; version 6 rebuilds every table from sql/tables first (DuckDB cannot alter a
CHECK in place), so whatever an old file went through, it ends with the tables a new one has. A
file newer than this code is refused: writing it would put older views over its tables. Views and
the search_reports macro are recreated on every write, after the migrations; the wide view and
the summary tables of sql/summaries (aggregates too slow to compute per query) are rebuilt from
the tables after every change, in its transaction (`create_derived`).
"""

import datetime as dt
import re
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

REBUILT_AT = 6
# The pipeline's own connections (the load, the blocking checks, the notebooks' named queries)
# keep DuckDB's buffers within this, spilling to a temporary folder beside the file past it. At
# 10,000 reports the key check alone took 900 MB on DuckDB's default (80 % of RAM); the load
# peaked at 1.24 GB with 512 MB and at 1.0 GB with 256 MB, in the same 11.7 s. Analysts' own
# queries (`fazhi sql`) keep the default.
BUILD_MEMORY_MB = 256
BUILD_CONFIG: dict[str, str | bool | int | float | list[str]] = {"memory_limit": f"{BUILD_MEMORY_MB}MB"}
# A transaction that writes the warehouse gets this much more per report the file will hold:
# DuckDB keeps the ART indexes of the keys pinned while it commits, and they grow with the rows.
# At 50,000 reports a build failed to commit within 256 MB ("failed to pin block", 244 MB
# pinned) and committed within 306 MB (1 KB a report); 2 KB a report gives 356 MB there, 276 MB
# at 10,000. (It was 8 KB while the documents' texts were the hash table of the load's join,
# sql/load/02_documents.sql: that join alone ran out of 256 MB at 20,000 reports.)
INDEX_KB_PER_REPORT = 2
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
    "document_source",
    "fact_indicator_change",
)
HAS_VERSION_TABLE = "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version'"
EXISTING_COLUMNS = "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main'"
CURRENT_VERSION = "SELECT coalesce(max(version), 0) FROM schema_version"
RECORD_VERSION = "INSERT INTO schema_version VALUES ($version, $applied_at, $description)"
DOCUMENTS_HELD = "SELECT count(*) FROM dim_document"
INDICATOR_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
PROJECT_DOCS = Path(__file__).resolve().parents[1] / "docs"


def sql_files(folder: str) -> list[tuple[str, str]]:
    """(file name, SQL) of one folder of sql/, in name order."""
    root = resources.files("warehouse").joinpath("sql", folder)
    files = sorted((f for f in root.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)
    return [(f.name, f.read_text("utf-8")) for f in files]


def migrations() -> list[tuple[int, str, str]]:
    return [(int(name.split("_", 1)[0]), name, sql) for name, sql in sql_files("migrations")]


def latest_version() -> int:
    return max(number for number, _, _ in migrations())


class NewerWarehouse(RuntimeError):
    """The warehouse file was written by a newer fazhi; this one would damage it."""


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> Any:
    """The one value a query returns (a count, a flag, a version): an aggregate always has a row."""
    row = con.execute(sql, params).fetchone()
    if row is None:
        raise LookupError(f"the query returned no row: {sql[:80]}")
    return row[0]


def table_counts(con: duckdb.DuckDBPyConnection, prefix: str = "") -> dict[str, int]:
    """Rows per warehouse table (`prefix`: the catalogue, such as an attached lake)."""
    return {t: scalar(con, f"SELECT count(*) FROM {prefix}{t}") for t in TABLES}


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    if not scalar(con, HAS_VERSION_TABLE):
        return 0
    return scalar(con, CURRENT_VERSION)


def record_version(con: duckdb.DuckDBPyConnection, version: int, description: str) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    con.execute(RECORD_VERSION, {"version": version, "applied_at": now, "description": description})


def check_not_newer(con: duckdb.DuckDBPyConnection) -> int:
    version, latest = schema_version(con), latest_version()
    if version > latest:
        raise NewerWarehouse(
            f"the warehouse has schema version {version}, newer than this fazhi ({latest}): "
            "upgrade fazhi; nothing was written"
        )
    return version


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Bring the warehouse to the latest version and recreate the views; returns versions applied."""
    version = check_not_newer(con)
    applied: list[int] = []
    if version == 0:
        create_tables(con)
        record_version(con, latest_version(), "current tables")
        applied.append(latest_version())
    for number, name, statement in migrations():
        if version and number > version:
            if number == REBUILT_AT:
                rebuild_tables(con)
            con.execute(statement)
            record_version(con, number, name)
            applied.append(number)
    for _, statement in sql_files("views") + sql_files("search"):
        con.execute(statement)
    return applied


def create_tables(con: duckdb.DuckDBPyConnection, skip: tuple[str, ...] = ()) -> None:
    for name, statement in sql_files("tables"):
        if not any(name.endswith(f"_{table}.sql") for table in skip):
            con.execute(statement)


def rebuild_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Every table recreated from sql/tables with its rows: columns both have are kept, new ones
    take their defaults. Tables are dropped dependents first (TABLES lists parents first)."""
    existing = columns_of(con)
    kept = [t for t in TABLES if t in existing and t != "schema_version"]
    for table in kept:
        con.execute(f"CREATE TEMP TABLE kept_{table} AS SELECT * FROM main.{table}")
    for table in reversed(kept):
        con.execute(f"DROP TABLE main.{table}")
    create_tables(con, skip=("schema_version",))
    current = columns_of(con)
    for table in kept:
        shared = ", ".join(f'"{c}"' for c in existing[table] if c in current[table])
        con.execute(f"INSERT INTO main.{table} ({shared}) SELECT {shared} FROM kept_{table}")
        con.execute(f"DROP TABLE kept_{table}")


def columns_of(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Table -> its columns in order, for the tables of the main schema."""
    found: dict[str, list[str]] = {}
    for table, column in con.execute(EXISTING_COLUMNS).fetchall():
        found.setdefault(table, []).append(column)
    return found


def writer_memory_limit(reports: int) -> str:
    """DuckDB's memory limit for a transaction that leaves `reports` reports in the warehouse."""
    return f"{BUILD_MEMORY_MB + reports * INDEX_KB_PER_REPORT // 1000}MB"


def limit_writer_memory(con: duckdb.DuckDBPyConnection, reports_added: int) -> None:
    """Give the connection's next transaction the memory for the reports it leaves in the file."""
    reports = scalar(con, DOCUMENTS_HELD) + reports_added
    con.execute(f"SET memory_limit = '{writer_memory_limit(reports)}'")


def summary_tables() -> list[str]:
    """The tables of sql/summaries, named by their files (NN_<table>.sql)."""
    return [name.split("_", 1)[1].removesuffix(".sql") for name, _ in sql_files("summaries")]


def is_current(con: duckdb.DuckDBPyConnection, codes: list[str]) -> bool:
    """Whether a file is as this code would leave it: the latest schema, every summary table, a
    wide column per indicator code. A file that is not is rewritten even by a run with nothing new."""
    if schema_version(con) != latest_version():
        return False
    columns = columns_of(con)
    summaries_there = all(table in columns for table in summary_tables())
    return summaries_there and set(codes) <= set(columns.get("v_indicator_wide", []))


def create_derived(con: duckdb.DuckDBPyConnection, codes: list[str]) -> None:
    """What is computed from the tables after a change: the wide view and the summary tables."""
    create_wide_view(con, codes)
    for _, statement in sql_files("summaries"):
        con.execute(statement)


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
