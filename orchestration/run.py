"""`fazhi run`: execute the Dagster jobs in-process and say what they built."""

import logging
from pathlib import Path

import dagster as dg
from dagster import JobExecutionResult

from orchestration.assets.ingest import fetch_log, raw_documents
from orchestration.assets.parse import parsed_reports
from orchestration.assets.text import segmented_text
from orchestration.assets.warehouse import warehouse as warehouse_asset
from orchestration.assets.warehouse import warehouse_candidate
from orchestration.definitions import defs
from orchestration.instance import fazhi_instance
from orchestration.partitions import SOURCE_PARTITIONS, batch_range, covering
from orchestration.resources import FazhiPaths
from orchestration.run_result import RunResult, without_a_job
from orchestration.settings import Settings
from transforms.batches import BATCHES, source_batches
from transforms.sources import read_sources
from warehouse.build import fingerprint

log = logging.getLogger(__name__)
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def scrape_all(paths: FazhiPaths, sources_file: Path) -> dict[str, dict]:
    """One scrape run per source, as the schedules do; returns each source's materialization metadata."""
    names = [source.name for source in read_sources(sources_file).sources]
    job = defs.resolve_job_def("scrape_sources")
    outcomes = {}
    with fazhi_instance() as instance:
        instance.add_dynamic_partitions(SOURCE_PARTITIONS, names)
        for name in names:
            log.info("scraping %s …", name)
            result = job.execute_in_process(
                partition_key=name,
                instance=instance,
                resources={"paths": paths},
                run_config=QUIET,
                raise_on_error=False,
            )
            events = result.get_asset_materialization_events() if result.success else []
            metadata = {k: v.value for k, v in events[0].materialization.metadata.items()} if events else {}
            outcomes[name] = {"success": result.success, **metadata}
            log.info("scraped %s: %s", name, outcomes[name])
    return outcomes


def run_pipeline(
    input_dir: Path | None, warehouse: Path, reports_dir: Path, sources_file: Path | None = None
) -> RunResult:
    """The same jobs `dagster dev` shows, run in this process on the persistent instance."""
    config = {
        "input_dir": str(input_dir.resolve()) if input_dir else "",
        "sources_file": str(sources_file.resolve()) if sources_file else "",
        "warehouse_path": str(warehouse),
        "reports_dir": str(reports_dir),
    }
    paths = FazhiPaths(**config)
    before = fingerprint(warehouse)
    scrapes = scrape_all(paths, sources_file) if sources_file else {}
    new = paths.input_files()[1]
    if warehouse.exists() and new.is_empty():
        return without_a_job(warehouse, reports_dir, scrapes)
    run_config = {
        "resources": {"paths": {"config": config}},
        "loggers": {"console": {"config": {"log_level": "INFO"}}},
    }
    with fazhi_instance() as instance:
        result = dg.execute_job(
            dg.reconstructable(build_job), instance, run_config=run_config, tags=covering(source_batches(new))
        )
    errors = files_not_loaded(result) if result.success else 0
    evaluations = result.get_asset_check_evaluations()
    failed = [
        f"{e.check_name}: {e.description or ''} {e.metadata}".strip() for e in evaluations if not e.passed
    ]
    reports = sorted(reports_dir.glob("*.html"))
    return RunResult(
        result.success and all(s["success"] for s in scrapes.values()),
        warehouse,
        reports,
        errors,
        failed,
        {e.check_name: e.description or "" for e in evaluations},
        scrapes,
        published=fingerprint(warehouse) != before,
        run_id=result.run_id,
    )


# A backfill builds the batches before it loads them: these assets run per batch range, the rest once.
BATCHED = [*raw_documents.keys, *parsed_reports.keys, *segmented_text.keys]
LOAD = [*fetch_log.keys, *warehouse_candidate.keys, *warehouse_asset.keys]


def build_job() -> dg.JobDefinition:
    """`fazhi run`'s job, for dg.reconstructable: its in-process executor runs it in this process.
    Run by execute_job rather than execute_in_process, which keeps every step's output in memory
    until the run ends, for its result to return: every frame of a build (at 10,000 reports, 310
    MB held through the load, the run's peak)."""
    return defs.resolve_job_def("build_everything")


def batch_job() -> dg.JobDefinition:
    """The backfill's job, rebuilt in each step's process (dg.reconstructable)."""
    return defs.resolve_job_def("build_in_batches")


def run_backfill(input_dir: Path, runs: int) -> RunResult:
    """`fazhi run`'s assets over the input folder as a backfill: `runs` runs of consecutive batches
    (each step in its own process, as the UI's backfill or a cluster runs them, so a run holds
    only its batches), then one run that loads every batch, checks and publishes. On the Dagster
    instance of DAGSTER_HOME, so each batch's materialisations show in `make dev`. Notebooks are
    not rendered (`fazhi report` does that)."""
    settings = Settings.from_env()
    config = {"resources": {"paths": {"config": {"input_dir": str(input_dir.resolve())}}}}
    job = dg.reconstructable(batch_job)
    with fazhi_instance() as instance:
        for first, last in batch_ranges(runs):
            log.info("building batches %s to %s …", first, last)
            tags = batch_range(first, last)
            built = dg.execute_job(job, instance, run_config=config, tags=tags, asset_selection=BATCHED)
            if not built.success:
                return RunResult(False, settings.warehouse, run_id=built.run_id)
        loaded = dg.execute_job(job, instance, run_config=config, asset_selection=LOAD)
    if not loaded.success:
        return RunResult(False, settings.warehouse, run_id=loaded.run_id)
    return RunResult(True, settings.warehouse, errors=files_not_loaded(loaded), run_id=loaded.run_id)


def batch_ranges(runs: int) -> list[tuple[str, str]]:
    """The batches cut into `runs` ranges of consecutive batches, as even as they divide."""
    size = -(-len(BATCHES) // min(runs, len(BATCHES)))
    return [(BATCHES[i], BATCHES[min(i + size, len(BATCHES)) - 1]) for i in range(0, len(BATCHES), size)]


def files_not_loaded(result: dg.ExecuteInProcessResult | JobExecutionResult) -> int:
    """How many input files of a successful build became error rows (the loader's metadata)."""
    for event in result.get_asset_materialization_events():
        if event.asset_key == dg.AssetKey("warehouse_candidate"):
            value = event.materialization.metadata["files_not_loaded"].value
            return value if isinstance(value, int) else 0
    return 0
