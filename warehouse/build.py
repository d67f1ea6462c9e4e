"""Build the warehouse file aside and publish it atomically.

The whole file is rebuilt from the run's frames inside one transaction in `<name>.building`, then
renamed over the published file: readers never see a half-loaded warehouse, a crash mid-load
leaves the previous one untouched, and a rerun on the same input gives the same tables.
"""

import datetime as dt
import os
from pathlib import Path

import duckdb
import polars as pl

from transforms.frames import LoadInput
from warehouse.schema import TABLES, create_schema, create_search_index

INSERT_BY_NAME = {table: f"INSERT INTO {table} BY NAME SELECT * FROM staged" for table in TABLES}


def fact_frame(load: LoadInput) -> pl.DataFrame:
    keys = load.frames.documents.select("document_id", "adcode", "report_year")
    return load.frames.facts.join(keys, on="document_id", how="left")


def table_frames(load: LoadInput, started: dt.datetime) -> dict[str, pl.DataFrame]:
    frames = load.frames
    run = pl.DataFrame(
        [
            {
                "run_id": load.run_id,
                "started_at": started,
                "finished_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                "documents": frames.documents.height,
                "errors": frames.errors.height,
                "facts": frames.facts.height,
            }
        ]
    )
    return {
        **load.dimensions,
        "dim_document": frames.documents,
        "fact_indicator": fact_frame(load),
        "fact_section": frames.sections,
        "fact_term": load.terms,
        "document_search": load.search,
        "fact_theme": load.themes,
        "fact_inconsistency": frames.inconsistencies,
        "load_error": frames.errors,
        "load_run": run,
    }


def load_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pl.DataFrame]) -> None:
    for table in TABLES:
        staged = tables[table].to_arrow()  # noqa: F841 - read by DuckDB's replacement scan
        con.execute(INSERT_BY_NAME[table])


def build_warehouse(path: Path, load: LoadInput) -> dict[str, int]:
    """Build a complete warehouse beside `path`, then rename it over `path`. Returns rows per table."""
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    building.unlink(missing_ok=True)
    con = duckdb.connect(str(building))
    try:
        con.execute("BEGIN")
        create_schema(con)
        load_tables(con, table_frames(load, started))
        create_search_index(con)
        con.execute("COMMIT")
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(building, path)
    return counts
