"""The jobs: build everything from the configured input (in one process, or a step per process
for a backfill), the same without the pages and the pages alone (what the sensors run, so a
report dropped into the inbox is published by a run of its own), and scrape one source. Every
build is the same assets, batches and IO."""

import dagster as dg

from orchestration.assets.scrape import scraped_pages
from orchestration.assets.warehouse import rendered_notebooks

BUILD = dg.AssetSelection.all() - dg.AssetSelection.assets(scraped_pages)
PAGES = dg.AssetSelection.assets(rendered_notebooks)

build_everything = dg.define_asset_job(
    "build_everything",
    selection=BUILD,
    description="Read the reports (files or scraped), parse, load the warehouse, render the notebooks.",
    # One process: the steps parse and segment in their own process pool; a process per step cost
    # 12-28 s of start-up each when materialised from the UI.
    executor_def=dg.in_process_executor,
)
build_warehouse = dg.define_asset_job(
    "build_warehouse",
    selection=BUILD - PAGES,
    description="The build without the notebooks: what the sensors run; render_pages follows it.",
    executor_def=dg.in_process_executor,
)
render_pages = dg.define_asset_job(
    "render_pages",
    selection=PAGES,
    description="The notebooks rendered against the published warehouse (nothing if it has not changed).",
    executor_def=dg.in_process_executor,
)
build_in_batches = dg.define_asset_job(
    "build_in_batches",
    selection=BUILD,
    description="The build for a backfill: each step in its own process, as on a cluster (docs/scaling.md).",
    executor_def=dg.multiprocess_executor,
)
scrape_sources = dg.define_asset_job(
    "scrape_sources",
    selection=dg.AssetSelection.assets(scraped_pages),
    description="Scrape one source of the sources file into the raw store.",
)
