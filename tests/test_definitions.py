"""The one Dagster code location loads and holds the data flow of DESIGN."""

import dagster as dg
import pytest

from orchestration.checks import PARSE_CHECKS, WAREHOUSE_CHECKS
from orchestration.definitions import defs
from orchestration.partitions import PARTITION, batch_range, covering, run_batches
from transforms.batches import BATCHES, batch_of


def test_definitions_load_with_every_stage():
    keys = {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()}
    assert keys == {
        "scraped_pages",
        "raw_documents",
        "fetch_log",
        "documents",
        "document_errors",
        "sections",
        "indicator_facts",
        "inconsistencies",
        "terms",
        "search_tokens",
        "segment_errors",
        "themes",
        "warehouse_candidate",
        "warehouse",
        "rendered_notebooks",
    }


def test_every_asset_says_what_it_means():
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        assert graph.get(key).description, key


def test_the_job_selects_everything():
    job = defs.resolve_job_def("build_everything")
    assert isinstance(job, dg.JobDefinition)
    assert "scraped_pages" not in {k.to_user_string() for k in job.asset_layer.executable_asset_keys}
    assert len(set(job.asset_layer.executable_asset_keys)) == 14
    scrape = defs.resolve_job_def("scrape_sources")
    assert isinstance(scrape.partitions_def, dg.DynamicPartitionsDefinition)
    assert scrape.partitions_def.name == "sources"


def test_schedules_follow_the_reporting_season():
    schedules = {s.name: s.cron_schedule for s in defs.schedules if isinstance(s, dg.ScheduleDefinition)}
    assert schedules == {
        "scrape_weekly_in_reporting_season": "0 6 * 2-5 1",
        "scrape_monthly_off_season": "0 6 1 1,6-12 *",
    }


def test_blocking_checks_guard_the_publish_step():
    specs = {spec.name: spec for check in WAREHOUSE_CHECKS for spec in check.check_specs}
    parse = {spec.name for spec in PARSE_CHECKS}
    assert {key.name for key in defs.resolve_asset_graph().asset_check_keys} == set(specs) | parse
    blocking = {name for name, spec in specs.items() if spec.blocking}
    assert blocking == {"unique_keys", "facts_have_dimensions", "rates_in_range", "no_table_emptied"}
    assert all(spec.asset_key.to_user_string() == "warehouse_candidate" for spec in specs.values())


def test_inbox_sensor_requests_a_build_for_new_files(tmp_path, monkeypatch, sample_paths):
    from orchestration.sensors import inbox_files

    monkeypatch.setenv("FAZHI_HOME", str(tmp_path))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    context = dg.build_sensor_context()
    assert isinstance(inbox_files(context), dg.SkipReason)
    (inbox / "report.txt").write_bytes(sample_paths[0].read_bytes())
    result = inbox_files(dg.build_sensor_context())
    assert isinstance(result, dg.SensorResult)
    assert result.run_requests
    request = result.run_requests[0]
    assert request.run_config["resources"]["paths"]["config"]["input_dir"] == str(inbox)
    assert request.tags == {"inbox_files": "1", **covering([batch_of(str(inbox / "report.txt"))])}
    again = inbox_files(dg.build_sensor_context(cursor=result.cursor))
    assert isinstance(again, dg.SkipReason)


def test_inbox_files_the_warehouse_holds_already_start_no_run(tmp_path, monkeypatch, sample_paths):
    """A file touched (or copied back) with a version the warehouse holds: the cursor moves on,
    no run is requested."""
    from orchestration.sensors import inbox_files
    from tests.conftest import sample_load
    from warehouse.build import build_warehouse

    monkeypatch.setenv("FAZHI_HOME", str(tmp_path))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    report = inbox / "report.txt"
    report.write_bytes(sample_paths[0].read_bytes())
    build_warehouse(tmp_path / "warehouse.duckdb", sample_load([report]))
    result = inbox_files(dg.build_sensor_context())
    assert isinstance(result, dg.SensorResult)
    assert not result.run_requests
    assert "already in the warehouse" in (result.skip_reason.skip_message or "")
    assert isinstance(inbox_files(dg.build_sensor_context(cursor=result.cursor)), dg.SkipReason)


def test_a_run_covers_the_batches_its_tags_name():
    assert run_batches(batch_range("3", "5")) == ["3", "4", "5"]
    assert run_batches({PARTITION: "a"}) == ["a"]
    assert run_batches({PARTITION: "henan-xuchang"}) == list(BATCHES)  # a source, not a batch
    assert run_batches({}) == list(BATCHES)
    assert covering(["9", "2", "2"]) == batch_range("2", "9")
    assert covering([]) == batch_range()


def test_a_schedule_tick_scrapes_every_source_of_the_deployed_sources_file(tmp_path, monkeypatch):
    import datetime as dt

    sources = tmp_path / "sites.toml"
    sources.write_text(
        '[[source]]\nname = "henan-xuchang"\nstart_url = "https://www.xuchang.gov.cn/fzzf/"\n'
        '[[source]]\nname = "hunan-changsha"\nstart_url = "https://www.changsha.gov.cn/fzzf/"\n',
        encoding="utf-8",
    )
    schedule = next(s for s in defs.schedules if s.name == "scrape_weekly_in_reporting_season")
    assert isinstance(schedule, dg.ScheduleDefinition)
    with dg.instance_for_test() as instance:
        context = dg.build_schedule_context(
            instance=instance,
            scheduled_execution_time=dt.datetime(2026, 3, 2, 6),
            repository_def=defs.get_repository_def(),
        )
        assert isinstance(schedule.evaluate_tick(context).skip_message, str)
        monkeypatch.setenv("FAZHI_SOURCES", str(sources))
        requests = schedule.evaluate_tick(context).run_requests
        partitions = instance.get_dynamic_partitions("sources")
    assert [r.partition_key for r in requests] == ["henan-xuchang", "hunan-changsha"]
    assert requests[0].run_key == "20260302-henan-xuchang"
    assert partitions == ["henan-xuchang", "hunan-changsha"]


@pytest.mark.slow
def test_dg_check_defs_passes_on_the_project():
    """`dg check defs` (what CI runs for a Dagster project) loads the one Definitions."""
    from tests.processes import run_tool

    check = run_tool("dg", "check", "defs", timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "All definitions loaded successfully" in check.stdout + check.stderr


def test_every_asset_has_an_owner_and_a_code_version():
    from importlib.metadata import version

    from transforms.rules_version import rules_version

    specs = {spec.key.to_user_string(): spec for spec in defs.resolve_all_asset_specs()}
    assert {tuple(spec.owners) for spec in specs.values()} == {("team:fazhi",)}
    assert specs["indicator_facts"].code_version == rules_version()
    assert specs["warehouse"].code_version == version("fazhi")
    assert specs["warehouse"].kinds == {"duckdb"}


def test_a_one_batch_run_stores_and_counts_only_its_batch(tmp_path, sample_paths):
    import polars as pl

    from orchestration.assets.ingest import raw_documents
    from orchestration.resources import FazhiPaths
    from orchestration.storage import ParquetFrames
    from transforms.batches import batch_of
    from transforms.samples import display_name

    batch = batch_of(display_name(sample_paths[0]))
    in_batch = sum(batch_of(display_name(p)) == batch for p in sample_paths)
    frames = tmp_path / "frames"
    resources = {
        "paths": FazhiPaths(input_dir=str(sample_paths[0].parent), warehouse_path=str(tmp_path / "w.duckdb")),
        "io_manager": ParquetFrames(base_dir=str(frames)),
    }
    result = dg.materialize([raw_documents], partition_key=batch, resources=resources)
    metadata = result.get_asset_materialization_events()[0].materialization.metadata
    assert metadata["files"].value == len(sample_paths)
    assert metadata["new_or_changed"].value == in_batch
    assert metadata["dagster/row_count"].value == in_batch
    assert [p.name for p in (frames / "raw_documents").iterdir()] == [f"{batch}.parquet"]
    assert pl.read_parquet(frames / "raw_documents" / f"{batch}.parquet").height == in_batch
