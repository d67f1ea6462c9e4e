"""Reprocessing: stored reports re-extracted under newer rules, every changed figure recorded.

The loader side of `fazhi reprocess`: the re-extracted figures replace the held ones in a
candidate (sql/reprocess), each difference goes to fact_indicator_change with old and new value,
evidence and rules versions, the blocking checks look at the candidate, and it is published
atomically like any load.
"""

import datetime as dt
from pathlib import Path

import duckdb
import polars as pl

from warehouse.build import discard_candidate, publish_warehouse, stage_change
from warehouse.checks import failed_blocking_checks
from warehouse.schema import scalar, sql_files

CHANGES_AT = "SELECT count(*) FROM fact_indicator_change WHERE changed_at = ?"


class ReprocessRefused(RuntimeError):
    """The candidate failed a blocking check; the published warehouse is as it was."""


def apply_reprocess(
    path: Path,
    *,
    documents: list[str],
    facts: pl.DataFrame,
    rules_version: str,
    run_id: str,
    codes: list[str],
) -> int:
    """Replace the figures of `documents` by `facts`; returns how many figures changed."""
    stamp = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    run = pl.DataFrame({"changed_at": [stamp], "rules_version": [rules_version]})
    ids = pl.DataFrame({"document_id": documents}, schema={"document_id": pl.String})

    def change(con: duckdb.DuckDBPyConnection) -> None:
        con.register("incoming_fact_indicator", facts.to_arrow())
        con.register("incoming_documents", ids.to_arrow())
        con.register("incoming_reprocess_run", run.to_arrow())
        for _, statement in sql_files("reprocess"):
            con.execute(statement)

    candidate = stage_change(path, run_id, codes, change)
    failed = failed_blocking_checks(candidate, path)
    if failed:
        discard_candidate(candidate)
        raise ReprocessRefused("; ".join(f"{c.description} {c.metadata}" for c in failed))
    with duckdb.connect(str(candidate), read_only=True) as con:
        changed = scalar(con, CHANGES_AT, [stamp])
    publish_warehouse(candidate, path)
    return changed
