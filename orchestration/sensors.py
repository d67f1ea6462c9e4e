"""Sensors: files dropped into the inbox, finished scrapes, and the pages after either's build.

The first two run `build_warehouse`, which publishes the warehouse without rendering the
notebooks; `pages_after_build` then renders them in a run of its own, so that a new report is
in the published warehouse within seconds of the sensor's tick."""

import hashlib
import json
from pathlib import Path

import dagster as dg

from orchestration.jobs import build_warehouse, render_pages, scrape_sources
from orchestration.partitions import covering
from orchestration.resources import FazhiPaths
from orchestration.settings import Settings
from transforms.batches import source_batches
from transforms.samples import report_files


def inbox_state(folder: Path) -> dict[str, str]:
    """File name -> size and modification time, for every report file in the inbox."""
    if not folder.is_dir():
        return {}
    return {
        str(p.relative_to(folder)): f"{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in report_files(folder)
    }


def inbox_run_config(folder: Path) -> dict:
    return {"resources": {"paths": {"config": {"input_dir": str(folder)}}}}


@dg.sensor(job=build_warehouse, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def inbox_files(context: dg.SensorEvaluationContext) -> dg.SensorResult | dg.SkipReason:
    """Builds from data/inbox/ when a report file is added or changed there."""
    folder = Settings.from_env().inbox
    state = inbox_state(folder)
    previous = json.loads(context.cursor) if context.cursor else {}
    changed = sorted(name for name, stamp in state.items() if previous.get(name) != stamp)
    if not changed:
        return dg.SkipReason(f"nothing new in {folder}")
    new = FazhiPaths(input_dir=str(folder)).input_files()[1]
    if new.is_empty():
        skipped = f"{len(changed)} files changed in {folder}, every version already in the warehouse"
        return dg.SensorResult(skip_reason=skipped, cursor=json.dumps(state))
    key = hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:16]
    tags = {"inbox_files": str(len(changed)), **covering(source_batches(new))}
    request = dg.RunRequest(run_key=key, run_config=inbox_run_config(folder), tags=tags)
    return dg.SensorResult(run_requests=[request], cursor=json.dumps(state))


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[scrape_sources],
    request_job=build_warehouse,
    default_status=dg.DefaultSensorStatus.STOPPED,
)
def build_after_scrape(context: dg.RunStatusSensorContext) -> dg.RunRequest | dg.SkipReason:
    """After a source is scraped, load what the sources file's scrapes brought (reports already
    loaded are skipped): the build reads the same sources file the scrape did."""
    config = paths_of(context.dagster_run).get("config", {})
    sources_file = config.get("sources_file") or str(Settings.from_env().sources_file)
    paths = {**config, "sources_file": sources_file}
    new = FazhiPaths(**paths).input_files()[1]
    if new.is_empty():
        return dg.SkipReason(f"the scrapes of {sources_file} brought no report the warehouse lacks")
    return dg.RunRequest(
        run_key=context.dagster_run.run_id,
        run_config={"resources": {"paths": {"config": paths}}},
        tags=covering(source_batches(new)),
    )


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[build_warehouse],
    request_job=render_pages,
    minimum_interval_seconds=5,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def pages_after_build(context: dg.RunStatusSensorContext) -> dg.RunRequest:
    """The notebooks rendered again after a build the sensors started has published the warehouse
    (the build's paths: the same warehouse and report folder)."""
    paths = paths_of(context.dagster_run)
    return dg.RunRequest(
        run_key=context.dagster_run.run_id,
        run_config={"resources": {"paths": paths}} if paths else {},
    )


def paths_of(run: dg.DagsterRun) -> dict:
    """The `paths` resource's part of a run's config (empty: the defaults of FAZHI_HOME)."""
    run_config: dict = dict(run.run_config)
    return run_config.get("resources", {}).get("paths", {})


SENSORS = [inbox_files, build_after_scrape, pages_after_build]
