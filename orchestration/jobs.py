"""The jobs: build everything from the configured input, and scrape one source."""

import dagster as dg

from orchestration.assets.scrape import scraped_pages

build_everything = dg.define_asset_job(
    "build_everything",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(scraped_pages),
    description="Read the reports (files or scraped), parse, load the warehouse, render the notebooks.",
    # One process: the steps pass large frames and parse in their own process pool; a process per
    # step cost 12-28 s of start-up each when materialised from the UI.
    executor_def=dg.in_process_executor,
)
scrape_sources = dg.define_asset_job(
    "scrape_sources",
    selection=dg.AssetSelection.assets(scraped_pages),
    description="Scrape one source of the sources file into the raw store.",
)
