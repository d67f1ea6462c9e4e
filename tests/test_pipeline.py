"""The whole pipeline through Dagster, into a warehouse under tmp_path, notebooks rendered by a kernel."""

import shutil
from pathlib import Path

import pytest

from orchestration.run import run_pipeline
from transforms.batches import BATCHES, batch_of, source_batches
from transforms.samples import SAMPLE_REPORTS, folder_reports
from warehouse import queries
from warehouse.checks import CHECKS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("pipeline")
    inbox = root / "inbox"
    shutil.copytree(SAMPLE_REPORTS, inbox)
    (inbox / "defaced.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 50)
    warehouse, reports = root / "warehouse.duckdb", root / "reports"
    first = run_pipeline(inbox, warehouse, reports)
    counts_first = queries.row_counts(warehouse)
    second = run_pipeline(inbox, warehouse, reports)
    return first, second, counts_first, warehouse, reports


def test_every_asset_materialises_and_a_broken_file_does_not_stop_the_run(pipeline_run):
    first, second, _, warehouse, _ = pipeline_run
    assert first.success
    assert second.success
    assert first.errors == 1
    assert first.checks["no_report_quarantined"] == "0 reports quarantined"
    assert first.checks["reports_have_region_and_year"] == "100% of 5 reports have a region and a year"
    errors = queries.query(warehouse, "SELECT source, error FROM load_error")
    assert errors.height == 1
    assert errors["source"].item().endswith("defaced.html")


def test_rows_and_values(pipeline_run):
    _, _, counts, warehouse, _ = pipeline_run
    assert counts["dim_document"] == 5
    assert counts["fact_indicator"] == 55
    assert counts["fact_section"] > 50
    assert counts["fact_term"] > 1000
    assert counts["fact_theme"] == 50
    flagged = queries.query(
        warehouse, "SELECT region FROM v_document_quality WHERE list_contains(flags, 'injected_spam')"
    )
    assert flagged["region"].to_list() == ["长沙市"]
    review = queries.run_query(
        warehouse, "indicator_facts", province="河南省", indicators=["review_received"]
    )
    assert sorted(zip(review["region"], review["value"], strict=True)) == [
        ("中原区", 610),
        ("许昌市", 232),
        ("通许县", 12),
    ]


def test_a_run_that_brings_nothing_new_starts_no_job(tmp_path, sample_paths, monkeypatch):
    """The warehouse holds every input already: decided before the Dagster instance is even
    opened; nothing is published or rendered again. A changed file brings the job back."""
    import os

    import dagster as dg

    from orchestration.instance import fazhi_instance
    from warehouse.build import fingerprint

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(sample_paths[0], inbox)
    warehouse, reports = tmp_path / "warehouse.duckdb", tmp_path / "reports"
    first = run_pipeline(inbox, warehouse, reports)
    published, page = fingerprint(warehouse), (reports / "overview.html").stat().st_mtime_ns
    used_home, unopened = os.environ["DAGSTER_HOME"], tmp_path / "unopened-dagster-home"
    monkeypatch.setenv("DAGSTER_HOME", str(unopened))
    second = run_pipeline(inbox, warehouse, reports)
    assert not unopened.exists()  # the instance would have made it, with its dagster.yaml
    monkeypatch.setenv("DAGSTER_HOME", used_home)
    assert first.success
    assert {check.name for check in CHECKS} <= set(first.checks)
    assert second.success
    assert second.nothing_new
    assert second.run_id == ""
    assert fingerprint(warehouse) == published
    assert (reports / "overview.html").stat().st_mtime_ns == page
    shutil.copy(sample_paths[1], inbox)
    third = run_pipeline(inbox, warehouse, reports)
    assert not third.nothing_new
    with fazhi_instance() as instance:
        ids = {r.run_id for r in instance.get_runs(filters=dg.RunsFilter(job_name="build_everything"))}
    assert {first.run_id, third.run_id} <= ids


def test_a_run_builds_only_the_batches_its_new_files_fall_in(tmp_path, sample_paths):
    """One new file: its batch is built and loaded, the other batches' files are left as they were
    (their reports are in the warehouse) and not read again; the warehouse is the one a single
    build of both files gives."""
    import dagster as dg
    import duckdb

    from orchestration.instance import fazhi_instance
    from orchestration.settings import Settings

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(sample_paths[0], inbox / "first.txt")
    first_batch = batch_of(str(inbox / "first.txt"))
    name = next(f"new-{i}.txt" for i in range(100) if batch_of(str(inbox / f"new-{i}.txt")) != first_batch)
    new_batch = batch_of(str(inbox / name))
    warehouse, reports = tmp_path / "warehouse.duckdb", tmp_path / "reports"
    assert run_pipeline(inbox, warehouse, reports).success
    left = Settings.from_env().frames / "documents" / f"{first_batch}.parquet"
    before = left.stat().st_mtime_ns
    shutil.copy(sample_paths[1], inbox / name)
    second = run_pipeline(inbox, warehouse, reports)
    assert second.success
    with fazhi_instance() as instance:
        run = instance.get_run_by_id(second.run_id)
        records = instance.get_records_for_run(
            second.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION
        ).records
    assert run is not None
    built = {e.partition for r in records if (e := r.event_log_entry.asset_materialization) and e.partition}
    assert built == {new_batch}
    assert left.stat().st_mtime_ns == before
    with duckdb.connect(str(warehouse), read_only=True) as con:
        added = con.sql("SELECT documents FROM load_run ORDER BY finished_at DESC LIMIT 1").fetchone()
    assert added == (1,)
    together = tmp_path / "together"
    together.mkdir()
    shutil.copy(inbox / "first.txt", together)
    shutil.copy(inbox / name, together)
    single = tmp_path / "single.duckdb"
    assert run_pipeline(together, single, tmp_path / "single-reports").success
    incremental, at_once = queries.row_counts(warehouse), queries.row_counts(single)
    assert (incremental.pop("load_run"), at_once.pop("load_run")) == (2, 1)
    assert incremental == at_once


def test_a_second_run_gives_the_same_row_counts(pipeline_run):
    _, _, counts_first, warehouse, _ = pipeline_run
    assert queries.row_counts(warehouse) == counts_first


def test_notebooks_rendered_to_html(pipeline_run):
    first, _, _, _, reports = pipeline_run
    assert [p.name for p in first.reports] == [
        "audit.html",
        "indicator_trends.html",
        "overview.html",
        "themes_terms.html",
    ]
    html = (reports / "indicator_trends.html").read_text(encoding="utf-8")
    assert "全市行政机关负责人出庭应诉率达到99.09%" in html
    assert html.count('class="fazhi-chart"') == 4
    assert all("Traceback" not in p.read_text(encoding="utf-8") for p in first.reports)


def test_a_failing_blocking_check_keeps_the_published_warehouse(tmp_path, sample_paths):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    report = inbox / "report.txt"
    shutil.copy(sample_paths[0], report)
    warehouse, reports = tmp_path / "warehouse.duckdb", tmp_path / "reports"
    assert run_pipeline(inbox, warehouse, reports).success
    before = queries.row_counts(warehouse)
    # The site replaced the report by a page without a single figure: the new version would
    # supersede the old one and empty fact_indicator, so no_table_emptied blocks the publish.
    report.write_text(
        "许昌市人民政府关于2023年法治政府建设情况的报告\n页面正在维护,请稍后访问。", encoding="utf-8"
    )
    result = run_pipeline(inbox, warehouse, reports)
    assert not result.success
    assert queries.row_counts(warehouse) == before


def test_warning_check_still_publishes(tmp_path, sample_paths):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text = sample_paths[4].read_text(encoding="utf-8").replace("中原区", "我区").replace("郑州市", "我市")
    (inbox / "unnamed.txt").write_text(text, encoding="utf-8")
    warehouse = tmp_path / "warehouse.duckdb"
    assert run_pipeline(inbox, warehouse, tmp_path / "reports").success
    assert queries.row_counts(warehouse)["dim_document"] == 1


def test_runs_are_kept_on_the_one_persistent_instance(pipeline_run):
    """`fazhi run` records its runs and materialisations where `make dev` looks (DAGSTER_HOME
    under FAZHI_HOME), with telemetry off."""
    import dagster as dg

    from orchestration.instance import fazhi_instance
    from orchestration.settings import Settings

    with fazhi_instance() as instance:
        runs = instance.get_runs(filters=dg.RunsFilter(job_name="build_everything"))
        assert pipeline_run[0].run_id in {run.run_id for run in runs}
        assert instance.get_latest_materialization_event(dg.AssetKey("warehouse")) is not None
        assert not instance.telemetry_enabled
    assert Path(instance.root_directory) == Settings.from_env().dagster_home


def test_materialisations_carry_what_a_watcher_needs(pipeline_run):
    """Row counts and column schemas in Dagster's standard keys, the figures loaded as a table."""
    import dagster as dg

    from orchestration.instance import fazhi_instance

    first = pipeline_run[0]
    with fazhi_instance() as instance:
        records = instance.get_records_for_run(
            first.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION
        )
    events = [e for r in records.records if (e := r.event_log_entry.asset_materialization)]
    by_asset = {e.asset_key.to_user_string(): e for e in events}
    # A run builds the smallest range of batches that holds its files: each batch's
    # materialisation, with the run's row count.
    batches = sorted(e.partition or "" for e in events if e.asset_key.to_user_string() == "documents")
    files = set(source_batches(folder_reports(pipeline_run[3].parent / "inbox")))
    assert batches == list(BATCHES[BATCHES.index(min(files)) : BATCHES.index(max(files)) + 1])
    documents = by_asset["documents"].metadata
    assert documents["rows_in_run"].value == 5
    assert "dagster/row_count" not in documents
    schema = documents["dagster/column_schema"]
    assert isinstance(schema, dg.TableSchemaMetadataValue)
    assert "title" in [c.name for c in schema.schema.columns]
    loaded = by_asset["warehouse"].metadata
    assert loaded["dagster/row_count"].value == 55
    figures = loaded["figures"]
    assert isinstance(figures, dg.MarkdownMetadataValue)
    figures = figures.value.splitlines()
    assert figures[0].startswith("| indicator_code | indicator | unit | figures | reports |")
    assert any(line.startswith("| review_received | 行政复议案件收案数 |") for line in figures)
