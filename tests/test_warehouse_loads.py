"""Loads across runs: accumulation, idempotent reruns, new versions, migrations, a killed load."""

import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from tests.conftest import DATA, sample_load
from tests.pages import report_body
from warehouse import queries
from warehouse.build import build_warehouse, candidate_path
from warehouse.schema import NewerWarehouse, migrate, migrations, scalar, schema_version

VERSION_1 = DATA / "warehouse_v1"  # the base tables of schema version 1, as released


def test_runs_accumulate_and_a_rerun_changes_nothing(tmp_path, sample_paths):
    path = tmp_path / "w.duckdb"
    build_warehouse(path, sample_load(sample_paths[:2], "run-1"))
    assert queries.row_counts(path)["dim_document"] == 2
    counts = build_warehouse(path, sample_load(sample_paths, "run-2"))
    assert counts["dim_document"] == 5
    assert counts["load_run"] == 2
    sql = "SELECT * FROM v_indicator ORDER BY document_id, indicator_code"
    before = queries.query(path, sql)
    assert build_warehouse(path, sample_load(sample_paths, "run-3")) == counts
    assert queries.query(path, sql).equals(before)


def test_a_changed_report_supersedes_its_previous_version(tmp_path, sample_paths):
    path = tmp_path / "w.duckdb"
    source = tmp_path / "report.txt"
    source.write_bytes(sample_paths[0].read_bytes())
    build_warehouse(path, sample_load([source], "first"))
    source.write_text(
        sample_paths[0].read_text(encoding="utf-8").replace("受理复议案件232起", "受理复议案件240起")
    )
    build_warehouse(path, sample_load([source], "second"))
    versions = queries.query(path, "SELECT superseded FROM dim_document ORDER BY first_seen, superseded")
    assert sorted(versions["superseded"].to_list()) == [False, True]
    figures = queries.query(path, "SELECT value FROM v_indicator WHERE indicator_code = 'review_received'")
    assert figures["value"].to_list() == [240]
    summary = "SELECT median, n FROM summary_macro_region WHERE indicator_code = 'review_received'"
    assert queries.query(path, summary).rows() == [(240.0, 1)]
    superseded = "SELECT document_id FROM dim_document WHERE superseded"
    orphans = queries.query(path, f"SELECT count(*) FROM fact_indicator WHERE document_id IN ({superseded})")
    assert orphans.item() == 0


def test_an_error_is_kept_until_the_file_reads(tmp_path, sample_paths):
    path = tmp_path / "w.duckdb"
    broken = tmp_path / "late.txt"
    broken.write_bytes(b"\x00\x01binary" * 50)
    build_warehouse(path, sample_load([sample_paths[0], broken], "first"))
    assert queries.row_counts(path)["load_error"] == 1
    broken.write_text("\n".join(report_body(sample_paths[1])), encoding="utf-8")
    build_warehouse(path, sample_load([sample_paths[0], broken], "second"))
    counts = queries.row_counts(path)
    assert (counts["load_error"], counts["dim_document"]) == (0, 2)


def test_an_older_warehouse_file_is_migrated_in_place_with_its_data(tmp_path):
    path = tmp_path / "old.duckdb"
    load = sample_load()
    with duckdb.connect(str(path)) as con:
        for file in sorted(VERSION_1.glob("*.sql")):
            con.execute(file.read_text(encoding="utf-8"))
        con.execute("INSERT INTO schema_version VALUES (1, now(), 'base tables')")
        con.register("regions", load.dimensions["dim_region"].drop("macro_region").to_arrow())
        con.execute("INSERT INTO dim_region BY NAME SELECT * FROM regions")
        con.register("years", load.dimensions["dim_year"].to_arrow())
        con.execute("INSERT INTO dim_year BY NAME SELECT * FROM years")
        con.register("documents", load.frames.documents.drop("not_report_reason", "rules_version").to_arrow())
        con.execute("INSERT INTO dim_document BY NAME SELECT * FROM documents")
        first = load.frames.documents.item(0, "document_id")
        con.execute("INSERT INTO document_search VALUES (?, '枫桥经验 ， 枫桥经验 调解 2023')", [first])
    with duckdb.connect(str(path)) as con:
        applied = migrate(con)
        postings = con.execute("SELECT token, token_count FROM search_posting ORDER BY token").fetchall()
        assert postings == [("2023", 1), ("枫桥经验", 2), ("调解", 1)]
        assert con.execute("SELECT length FROM search_document").fetchall() == [(4,)]
        assert applied == [number for number, _, _ in migrations()]
        assert schema_version(con) == max(applied)
        assert con.execute("SELECT count(*) FROM document_source").fetchone()[0] == 5
        assert schema_of(con) == schema_of(fresh_schema())
        assert con.execute("SELECT count(*) FROM dim_document WHERE NOT superseded").fetchone()[0] == 5
        assert (
            con.execute("SELECT count(*) FROM dim_region").fetchone()[0]
            == load.dimensions["dim_region"].height
        )
    counts = build_warehouse(path, load)
    assert counts["dim_document"] == 5
    with_macro = queries.query(path, "SELECT macro_region FROM dim_region WHERE adcode = '411000'")
    assert with_macro.item() == "中部"


def schema_of(con: duckdb.DuckDBPyConnection) -> tuple[list, list]:
    """Columns (with types, defaults, nullability) and constraints of every table."""
    columns = con.execute(
        "SELECT table_name, column_name, data_type, column_default, is_nullable FROM duckdb_columns() "
        "WHERE schema_name = 'main' AND NOT internal AND table_name IN "
        "(SELECT table_name FROM duckdb_tables()) ORDER BY ALL"
    ).fetchall()
    constraints = con.execute(
        "SELECT table_name, constraint_type, constraint_text FROM duckdb_constraints() "
        "WHERE schema_name = 'main' ORDER BY ALL"
    ).fetchall()
    return columns, constraints


def fresh_schema() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    migrate(con)
    return con


def test_the_current_tables_are_what_every_migration_produces():
    """sql/tables is the schema now; a file migrated from version 1 must end with exactly it."""
    assert schema_version(fresh_schema()) == max(number for number, _, _ in migrations())


def test_a_warehouse_from_a_newer_fazhi_is_refused(tmp_path):
    path = tmp_path / "newer.duckdb"
    with duckdb.connect(str(path)) as con:
        migrate(con)
        con.execute("INSERT INTO schema_version VALUES (999, now(), 'from the future')")
    before = path.read_bytes()
    with pytest.raises(NewerWarehouse, match="newer than this fazhi"):
        build_warehouse(path, sample_load())
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.building*"))


@pytest.mark.slow
def test_a_load_killed_midway_leaves_the_previous_warehouse_intact(tmp_path):
    path = tmp_path / "w.duckdb"
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.replicate", str(path), "2000"],  # about 4 s of staging here
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.path.dirname(os.path.dirname(__file__)),
    )
    assert child.stdout.readline().strip() == "staging"
    deadline = time.monotonic() + 30
    while not candidate_path(path, "test").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    assert child.poll() is None, "the load ended before it could be killed: raise the copies"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    counts = queries.row_counts(path)
    assert counts["dim_document"] == 5
    assert counts["fact_indicator"] == 55
    build_warehouse(path, sample_load())
    assert not candidate_path(path, "test").exists()


def test_a_load_leaves_no_scratch_files_and_clears_those_of_loads_dead_long_ago(tmp_path):
    """A load writes its frames beside the candidate for DuckDB to read; a load killed midway
    leaves them (and its candidate) behind, which a later load removes once they are old."""
    path = tmp_path / "w.duckdb"
    dead_frames = tmp_path / "w.duckdb.dead.building.incoming-x"
    dead_frames.mkdir()
    (dead_frames / "fact_section.parquet").write_bytes(b"left by a killed load")
    dead_candidate = tmp_path / "w.duckdb.dead.building"
    dead_candidate.write_bytes(b"")
    recent = tmp_path / "w.duckdb.running.building.incoming-y"
    recent.mkdir()
    long_ago = time.time() - 7 * 3600
    for leftover in (dead_frames, dead_candidate):
        os.utime(leftover, (long_ago, long_ago))
    build_warehouse(path, sample_load())
    assert queries.row_counts(path)["fact_section"] > 0
    assert sorted(p.name for p in tmp_path.glob("*.building*")) == [recent.name]


def test_a_run_that_brings_nothing_leaves_the_file_untouched(tmp_path, sample_paths):
    from dataclasses import replace

    path = tmp_path / "w.duckdb"
    load = sample_load(sample_paths[:2], "first")
    build_warehouse(path, load)
    before = path.stat().st_mtime_ns
    empty = replace(
        load,
        run_id="second",
        frames=replace(
            load.frames, documents=load.frames.documents.clear(), errors=load.frames.errors.clear()
        ),
    )
    counts = build_warehouse(path, empty)
    assert path.stat().st_mtime_ns == before
    assert counts["dim_document"] == 2
    assert not candidate_path(path, "second").exists()


def test_a_run_that_brings_nothing_completes_a_file_from_an_older_fazhi(tmp_path, sample_paths):
    """A file without a summary table (written before it existed) gets it from the next run, even
    one with nothing new: the notebooks read it."""
    from dataclasses import replace

    path = tmp_path / "w.duckdb"
    load = sample_load(sample_paths[:2], "first")
    build_warehouse(path, load)
    with duckdb.connect(str(path)) as con:
        con.execute("DROP TABLE summary_macro_region")
    empty = replace(
        load, run_id="second", frames=replace(load.frames, documents=load.frames.documents.clear())
    )
    counts = build_warehouse(path, empty)
    assert counts["dim_document"] == 2
    summary = queries.query(path, "SELECT sum(n) AS n FROM summary_macro_region")
    assert summary.item() == queries.row_counts(path)["fact_indicator"] > 0


def test_the_texts_of_a_load_flow_through_its_join_whatever_their_size(tmp_path, monkeypatch):
    """The load's join of the documents' rows with their texts hashes the rows of the new
    documents and streams the texts: here 6,000 files whose texts (68 MB) exceed DuckDB's
    48 MB, all copies of 5 reports, so that 5 documents are new (with the texts as its hash
    table, 20,000 reports ran out of 256 MB; this load runs out of its 48 MB)."""
    from tests.replicate import replicated
    from warehouse import schema

    monkeypatch.setattr(schema, "BUILD_MEMORY_MB", 48)
    monkeypatch.setattr(schema, "INDEX_KB_PER_REPORT", 0)
    load = replicated(sample_load(), 1200)
    assert load.frames.documents.get_column("text").str.len_bytes().sum() > 48 * 2**20
    counts = build_warehouse(tmp_path / "w.duckdb", load)
    assert counts["dim_document"] == 5
    assert counts["document_source"] == 6000
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert scalar(con, "SELECT count(*) FROM dim_document WHERE length(text) > 1000") == 5


def test_a_writing_transaction_gets_memory_for_the_keys_of_every_report_it_leaves(tmp_path, sample_paths):
    """DuckDB pins the key indexes while it commits: a fixed limit failed at 50,000 reports."""
    from warehouse.build import discard_candidate, stage_change
    from warehouse.schema import BUILD_CONFIG, writer_memory_limit

    path = tmp_path / "w.duckdb"
    load = sample_load(sample_paths[:2], "first")
    build_warehouse(path, load)
    codes = load.dimensions["dim_indicator"].get_column("indicator_code").to_list()
    seen: list[str] = []
    probe = "SELECT current_setting('memory_limit')"
    candidate = stage_change(path, "probe", codes, lambda con: seen.append(scalar(con, probe)), 50_000)
    discard_candidate(candidate)

    def as_shown(limit: str | bool | int | float | list[str]) -> str:
        with duckdb.connect(config={"memory_limit": limit}) as con:
            return scalar(con, probe)

    assert seen == [as_shown(writer_memory_limit(50_002))]
    assert writer_memory_limit(50_002) == "356MB"
    assert as_shown(BUILD_CONFIG["memory_limit"]) != seen[0]


def test_two_writers_never_lose_a_load(tmp_path, sample_paths):
    """Two runs (a CLI run and a UI run, say) stage candidates from the same published file: the
    first publishes, the second is refused with a clear error and leaves nothing behind — its
    reports are still new, so the next run loads them on top."""
    from warehouse.build import WarehouseChanged, build_candidate, publish_warehouse

    path = tmp_path / "warehouse.duckdb"
    build_warehouse(path, sample_load(sample_paths[:1], run_id="base"))
    first = build_candidate(path, sample_load(sample_paths[1:2], run_id="cli"))
    second = build_candidate(path, sample_load(sample_paths[2:3], run_id="ui"))
    publish_warehouse(first, path)
    with pytest.raises(WarehouseChanged, match="changed while this run was loading; rerun"):
        publish_warehouse(second, path)
    assert queries.row_counts(path)["dim_document"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]
