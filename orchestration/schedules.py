"""Scraping follows the reporting season: governments publish by 1 April, departments report by
1 March, and late reports trickle in through May — so every week from February to May, and on
the first of the month otherwise. Each tick scrapes every source of the sources file."""

from collections.abc import Iterator

import dagster as dg

from orchestration.jobs import scrape_sources
from orchestration.partitions import sources_partitions


def every_source(context: dg.ScheduleEvaluationContext) -> Iterator[dg.RunRequest]:
    """One scrape run per source partition, keyed by day so a tick never runs twice."""
    day = f"{context.scheduled_execution_time:%Y%m%d}"
    for key in sources_partitions.get_partition_keys(dynamic_partitions_store=context.instance):
        yield dg.RunRequest(run_key=f"{day}-{key}", partition_key=key)


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
