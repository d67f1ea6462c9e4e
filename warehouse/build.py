"""Build the warehouse file aside and publish it atomically.

The whole file is rebuilt from the run's frames inside one transaction in `<name>.building`, then
renamed over the published file: readers never see a half-loaded warehouse, a crash mid-load
leaves the previous one untouched, and a rerun on the same input gives the same tables.
"""

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from transforms.catalogue import catalogue
from transforms.frames import ReportFrames
from transforms.quality import deadline
from transforms.regions import gazetteer
from warehouse.schema import TABLES, create_schema

FIRST_YEAR, LAST_YEAR = 2000, 2035
INSERT_BY_NAME = {table: f"INSERT INTO {table} BY NAME SELECT * FROM staged" for table in TABLES}


@dataclass(frozen=True)
class LoadInput:
    frames: ReportFrames
    terms: pl.DataFrame
    themes: pl.DataFrame
    run_id: str


def region_frame() -> pl.DataFrame:
    atlas = gazetteer()
    rows = [
        {
            "adcode": r.adcode,
            "name": r.name,
            "short_name": r.short_name or None,
            "level": r.level,
            "parent_adcode": r.parent_adcode,
            "prefecture_adcode": r.prefecture_adcode,
            "prefecture": atlas.name_of(r.prefecture_adcode),
            "province_adcode": r.province_adcode,
            "province": atlas.name_of(r.province_adcode),
            "valid_from": r.valid_from,
            "valid_to": r.valid_to,
        }
        for r in atlas.by_adcode.values()
    ]
    return pl.DataFrame(rows).sort("adcode")


def plan_period(year: int) -> str:
    """The 纲要 period: 2015-2020, then five-year plans from 2021."""
    if year <= 2020:
        return "2015-2020"
    start = 2021 + 5 * ((year - 2021) // 5)
    return f"{start}-{start + 4}"


def year_frame() -> pl.DataFrame:
    rows = [
        {
            "year": year,
            "plan_period": plan_period(year),
            "government_deadline": deadline(year, "government"),
            "department_deadline": deadline(year, "department"),
        }
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
    ]
    return pl.DataFrame(rows)


def indicator_frame() -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "indicator_code": i.code,
                "name_zh": i.name_zh,
                "name_en": i.name_en,
                "unit": i.unit,
                "kind": i.kind,
                "chapter": i.chapter,
                "direction": i.direction,
            }
            for i in catalogue().indicators
        ]
    )


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
        "dim_region": region_frame(),
        "dim_year": year_frame(),
        "dim_indicator": indicator_frame(),
        "dim_document": frames.documents,
        "fact_indicator": fact_frame(load),
        "fact_section": frames.sections,
        "fact_term": load.terms,
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
        con.execute("COMMIT")
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(building, path)
    return counts
