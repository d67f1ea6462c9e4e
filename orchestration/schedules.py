"""Scraping follows the reporting season: governments publish by 1 April, departments report by
1 March, and late reports trickle in through May — so every week from February to May, and on
the first of the month otherwise. Each tick scrapes every source of the sources file."""

import dagster as dg

from orchestration.jobs import scrape_sources
from orchestration.partitions import sources_partitions

SEASON_CRON = "0 6 * 2-5 1"
OFF_SEASON_CRON = "0 6 1 1,6-12 *"


def every_source(context: dg.ScheduleEvaluationContext) -> list[dg.RunRequest]:
    keys = sources_partitions.get_partition_keys(dynamic_partitions_store=context.instance)
    return [
        dg.RunRequest(run_key=f"{context.scheduled_execution_time:%Y%m%d}-{key}", partition_key=key)
        for key in keys
    ]


@dg.schedule(
    cron_schedule=SEASON_CRON,
    job=scrape_sources,
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
def scrape_weekly_in_reporting_season(context: dg.ScheduleEvaluationContext) -> list[dg.RunRequest]:
    """Every Monday 06:00 (Beijing) from February to May."""
    return every_source(context)


@dg.schedule(
    cron_schedule=OFF_SEASON_CRON,
    job=scrape_sources,
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
def scrape_monthly_off_season(context: dg.ScheduleEvaluationContext) -> list[dg.RunRequest]:
    """The first of each month, 06:00 (Beijing), from June to January."""
    return every_source(context)


SCHEDULES = [scrape_weekly_in_reporting_season, scrape_monthly_off_season]
