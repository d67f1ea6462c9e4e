"""Load a run into the warehouse aside, then publish it atomically.

The published file is copied to `<name>.building`, migrated, and the run is loaded there in one
transaction: new report versions are added, older versions of the same source are marked
superseded and lose their facts, versions already loaded are left alone (a rerun changes
nothing). Only then is the candidate renamed over the published file, so readers never see a
half-loaded warehouse and a crash mid-load leaves the previous one as it was. Between staging
and publishing, the pipeline's blocking checks look at the candidate.
"""

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl

from warehouse.contract import LoadInput, ParquetFiles
from warehouse.schema import (
    BUILD_CONFIG,
    TABLES,
    create_derived,
    is_current,
    limit_writer_memory,
    migrate,
    sql_files,
    table_counts,
)

# What a run brings: every table but the version table and search_document (summed from the
# postings in SQL), the sources it read, and its documents' texts apart from their rows.
DERIVED = ("schema_version", "search_document", "document_source", "fact_indicator_change")
INCOMING = (*(table for table in TABLES if table not in DERIVED), "run_sources", "document_text")


STALE_CANDIDATE_SECONDS = 6 * 3600


class WarehouseChanged(RuntimeError):
    """Another run published the warehouse after this run's candidate was copied from it."""


def candidate_path(path: Path, run_id: str) -> Path:
    """Each run builds its own candidate, so two runs never write one file."""
    return path.with_name(f"{path.name}.{run_id}.building")


def fingerprint(path: Path) -> str:
    if not path.exists():
        return "absent"
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def base_marker(candidate: Path) -> Path:
    return candidate.with_name(candidate.name + ".base")


def remove_stale_candidates(path: Path) -> None:
    """Candidates left by runs that died long ago."""
    for leftover in path.parent.glob(f"{path.name}.*.building*"):
        if now().timestamp() - leftover.stat().st_mtime > STALE_CANDIDATE_SECONDS:
            if leftover.is_dir():  # the frames of a load (load_run)
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


Incoming = pl.DataFrame | ParquetFiles


def incoming_frames(load: LoadInput, started: dt.datetime) -> dict[str, Incoming]:
    frames = load.frames
    sources = pl.concat([frames.documents.select("source"), frames.errors.select("source")])
    run = pl.DataFrame([{"run_id": load.run_id, "started_at": started, "finished_at": now()}])
    return {
        **load.dimensions,
        "dim_document": frames.documents.drop("text", strict=False).with_columns(
            first_seen=pl.lit(started), superseded=pl.lit(False)
        ),
        "document_text": load.document_texts(),
        "fact_indicator": load.facts(),
        "fact_section": load.sections(),
        "fact_term": load.terms,
        "fact_theme": load.themes,
        "fact_inconsistency": load.inconsistencies(),
        "search_posting": load.search,
        "load_error": frames.errors,
        "load_run": run,
        "run_sources": sources,
        "fetch_log": load.fetch_log,
    }


def load_run(con: duckdb.DuckDBPyConnection, frames: dict[str, Incoming], folder: Path) -> None:
    """Run the load scripts over this run's frames, each read by DuckDB from Parquet as it
    inserts: a frame held in Python is written to `folder` first. Handed to DuckDB as Arrow it
    stayed copied for the whole load (Polars' string views become Arrow strings; DuckDB would
    push its filters into PyArrow, which has no kernels for views): a build's largest process
    peaked at 865 MB with 10,000 reports and 1,104 MB with 20,000, now 709 and 887 MB."""
    for name in INCOMING:
        frame = frames[name]
        if isinstance(frame, pl.DataFrame):
            written = folder / f"{name}.parquet"
            frame.write_parquet(written, compression="lz4", statistics=False)
            frame = ParquetFiles((written,))
        con.register(f"incoming_{name}", con.read_parquet([str(path) for path in frame.paths]))
    try:
        for _, statement in sql_files("load"):
            con.execute(statement)
    finally:
        for name in INCOMING:
            con.unregister(f"incoming_{name}")


def nothing_to_load(load: LoadInput) -> bool:
    frames = load.frames
    return frames.documents.is_empty() and frames.errors.is_empty() and load.fetch_log.is_empty()


def build_candidate(path: Path, load: LoadInput) -> Path:
    """The published warehouse plus this run, as a candidate file beside it; returns its path.
    A run that brings nothing uses the published file itself (a hard link) when that file is
    current: a rerun with nothing new copies nothing and publishes an unchanged file."""
    started = now()
    codes = load.dimensions["dim_indicator"].get_column("indicator_code").to_list()
    if nothing_to_load(load) and published_is_current(path, codes):
        candidate = new_candidate(path, load.run_id)
        os.link(path, candidate)
        return candidate

    def change(con: duckdb.DuckDBPyConnection) -> None:
        scratch = candidate_path(path, load.run_id)
        with tempfile.TemporaryDirectory(prefix=f"{scratch.name}.incoming-", dir=scratch.parent) as folder:
            load_run(con, incoming_frames(load, started), Path(folder))

    return stage_change(path, load.run_id, codes, change, load.frames.documents.height)


def published_is_current(path: Path, codes: list[str]) -> bool:
    if not path.exists():
        return False
    with duckdb.connect(str(path), read_only=True) as con:
        return is_current(con, codes)


def new_candidate(path: Path, run_id: str) -> Path:
    candidate = candidate_path(path, run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_candidates(path)
    candidate.unlink(missing_ok=True)
    base_marker(candidate).write_text(fingerprint(path))
    return candidate


def stage_change(
    path: Path,
    run_id: str,
    codes: list[str],
    change: Callable[[duckdb.DuckDBPyConnection], None],
    reports_added: int = 0,
) -> Path:
    """A copy of the published warehouse, migrated, with `change` applied in one transaction:
    the candidate a run's checks look at before it replaces the published file. `reports_added`:
    how many reports the change may add, for the transaction's memory limit."""
    candidate = new_candidate(path, run_id)
    try:
        if path.exists():
            shutil.copyfile(path, candidate)  # a full disk fails here: the partial copy goes too
        with duckdb.connect(str(candidate), config=BUILD_CONFIG) as con:
            con.execute("SET enable_progress_bar = false")
            migrate(con)
            limit_writer_memory(con, reports_added)
            con.execute("BEGIN")
            change(con)
            create_derived(con, codes)
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
    except BaseException:
        discard_candidate(candidate)
        raise
    return candidate


def discard_candidate(candidate: Path) -> None:
    """A candidate that will not be published, with its base marker."""
    candidate.unlink(missing_ok=True)
    base_marker(candidate).unlink(missing_ok=True)


def publish_warehouse(candidate: Path, path: Path) -> None:
    """Atomically replace the published warehouse by the checked candidate, unless another run
    published in between (its work would be lost): then this run fails and can simply be rerun."""
    marker = base_marker(candidate)
    if marker.read_text() != fingerprint(path):
        discard_candidate(candidate)
        raise WarehouseChanged(f"{path} changed while this run was loading; rerun to load on top of it")
    if path.exists() and candidate.samefile(path):
        candidate.unlink()  # nothing was staged: rename() of a hard link onto itself does nothing
    else:
        os.replace(candidate, path)
    marker.unlink(missing_ok=True)


def warehouse_counts(path: Path) -> dict[str, int]:
    """Rows per table of a warehouse file (the published one or a candidate)."""
    with duckdb.connect(str(path), read_only=True) as con:
        return table_counts(con)


def build_warehouse(path: Path, load: LoadInput) -> dict[str, int]:
    """Build the candidate and publish it in one go (no checks between): for callers outside the pipeline."""
    publish_warehouse(build_candidate(path, load), path)
    return warehouse_counts(path)
