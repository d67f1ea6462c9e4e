"""The one Dagster code location of fazhi: every asset, the resources, and the jobs that build it."""

from importlib.metadata import version

import dagster as dg

from orchestration.assets.ingest import fetch_log, raw_documents
from orchestration.assets.parse import parsed_reports
from orchestration.assets.scrape import scraped_pages
from orchestration.assets.text import segmented_text
from orchestration.assets.warehouse import rendered_notebooks, warehouse, warehouse_candidate
from orchestration.checks import WAREHOUSE_CHECKS
from orchestration.jobs import (
    build_everything,
    build_in_batches,
    build_warehouse,
    render_pages,
    scrape_sources,
)
from orchestration.resources import FazhiPaths
from orchestration.schedules import SCHEDULES
from orchestration.sensors import SENSORS
from orchestration.storage import ParquetFrames

# One owner for every asset, the team that answers for the figures; a code version on every asset
# (the parse assets carry the rules version, the others fazhi's), so the UI shows what is stale.
ALL_ASSETS = dg.map_asset_specs(
    lambda spec: spec.replace_attributes(
        owners=["team:fazhi"], code_version=spec.code_version or version("fazhi")
    ),
    [
        scraped_pages,
        raw_documents,
        fetch_log,
        parsed_reports,
        segmented_text,
        warehouse_candidate,
        warehouse,
        rendered_notebooks,
    ],
)

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=WAREHOUSE_CHECKS,
    jobs=[build_everything, build_warehouse, render_pages, build_in_batches, scrape_sources],
    schedules=SCHEDULES,
    sensors=SENSORS,
    resources={"paths": FazhiPaths(), "io_manager": ParquetFrames()},
)
