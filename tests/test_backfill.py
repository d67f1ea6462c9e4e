"""The backfill: the assets of `fazhi run`, built in runs of a few batches each with the
multiprocess executor and loaded by one more run, build the warehouse `fazhi run` builds from the
same files, and the Dagster instance records a materialisation of every batch."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import load_input
from transforms.batches import BATCHES
from transforms.parsing import parse_reports
from transforms.samples import folder_reports
from warehouse.build import build_warehouse

pytestmark = pytest.mark.slow
PROJECT = Path(__file__).resolve().parents[1]

COMPARED = {
    "dim_document": "document_id, adcode, report_year, list_sort(flags) AS flags",
    "fact_indicator": "document_id, indicator_code, value, evidence",
    "fact_section": "document_id, path, category",
    "fact_term": "document_id, term, term_count",
    "fact_theme": "document_id, chapter, hits",
    "search_posting": "document_id, token, token_count",
    "search_document": "document_id, length",
    "load_error": "source, stage, error",
    "document_source": "source, sha256, document_id",
}


def rows(path, table: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return sorted(con.execute(f"SELECT {COMPARED[table]} FROM {table}").fetchall(), key=str)


def test_backfill_builds_the_warehouse_that_fazhi_run_builds(tmp_path, sample_paths):
    inbox = (tmp_path / "inbox").resolve()
    inbox.mkdir()
    for path in sample_paths:
        shutil.copy(path, inbox)
    shutil.copy(
        sample_paths[0], inbox / "mirror-of-the-first.txt"
    )  # one text, two sources, maybe two batches
    (inbox / "defaced.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 50)
    home = tmp_path / "home"
    command = [sys.executable, "-m", "orchestration.cli", "backfill", "--input", str(inbox), "--runs", "2"]
    env = {**os.environ, "FAZHI_HOME": str(home), "DAGSTER_HOME": str(home / "dagster")}
    finished = subprocess.run(
        command, check=False, env=env, cwd=PROJECT, capture_output=True, text=True, timeout=600
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert "5 reports in the warehouse (1 files of this run could not be read)" in finished.stdout

    reference = tmp_path / "reference.duckdb"
    build_warehouse(reference, load_input(parse_reports(folder_reports(inbox)), "reference"))
    for table in COMPARED:
        assert rows(home / "warehouse.duckdb", table) == rows(reference, table), table
    assert len(rows(reference, "document_source")) == 6
    assert sorted(path.stem for path in (home / "frames" / "documents").iterdir()) == list(BATCHES)
    recorded = subprocess.run(
        [sys.executable, "-c", RECORDED],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    batches, runs = recorded.stdout.split()
    assert batches == "".join(BATCHES)  # each batch's materialisation, as the UI's partitions view shows
    assert runs == "0,7|8,f|-,-"  # two runs of eight batches, then the load


RECORDED = """
import dagster as dg
instance = dg.DagsterInstance.get()
print("".join(sorted(instance.get_materialized_partitions(dg.AssetKey("documents")))))
start, end = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"
tags = [(r.tags.get(start, "-"), r.tags.get(end, "-")) for r in reversed(instance.get_runs())]
print("|".join(",".join(t) for t in tags))
"""
