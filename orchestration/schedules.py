"""Scraping follows the reporting season: governments publish by 1 April, departments report by
1 March, and late reports trickle in through May — so every week from February to May, and on
the first of the month otherwise. Each tick scrapes every source of the deployed sources file."""

from collections.abc import Iterator

import dagster as dg

from orchestration.jobs import scrape_sources
from orchestration.partitions import SOURCE_PARTITIONS
from orchestration.settings import Settings
from transforms.sources import read_sources


def every_source(context: dg.ScheduleEvaluationContext) -> Iterator[dg.RunRequest | dg.SkipReason]:
    """One scrape run per source of FAZHI_SOURCES, keyed by day so a tick never runs twice. A
    source new to the file gets its partition here, so the schedule needs no other automation."""
    path = Settings.from_env().sources_file
    if not path.is_file():
        yield dg.SkipReason(f"no sources file at {path} (set FAZHI_SOURCES)")
        return
    names = [source.name for source in read_sources(path).sources]
    context.instance.add_dynamic_partitions(SOURCE_PARTITIONS, names)
    day = f"{context.scheduled_execution_time:%Y%m%d}"
    for name in names:
        yield dg.RunRequest(run_key=f"{day}-{name}", partition_key=name)


def scrape_schedule(name: str, cron: str, description: str) -> dg.ScheduleDefinition:
    return dg.ScheduleDefinition(
        name=name,
        cron_schedule=cron,
        job=scrape_sources,
        execution_fn=every_source,
        execution_timezone="Asia/Shanghai",
        default_status=dg.DefaultScheduleStatus.STOPPED,  # turned on in the UI (README)
        description=description,
    )


SCHEDULES = [
    scrape_schedule(
        "scrape_weekly_in_reporting_season", "0 6 * 2-5 1", "Every Monday 06:00 (Beijing), February-May."
    ),
    scrape_schedule(
        "scrape_monthly_off_season", "0 6 1 1,6-12 *", "The 1st of the month 06:00 (Beijing), June-January."
    ),
]
