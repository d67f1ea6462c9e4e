"""The one Dagster code location of fazhi: every asset, the resource, and the job that builds it all."""

import dagster as dg

from orchestration.assets.ingest import raw_documents
from orchestration.assets.parse import parsed_reports
from orchestration.assets.text import segmented_text, themes
from orchestration.assets.warehouse import rendered_notebooks, warehouse, warehouse_candidate
from orchestration.checks import WAREHOUSE_CHECKS
from orchestration.resources import FazhiPaths

ALL_ASSETS = [
    raw_documents,
    parsed_reports,
    segmented_text,
    themes,
    warehouse_candidate,
    warehouse,
    rendered_notebooks,
]

build_everything = dg.define_asset_job(
    "build_everything",
    selection=dg.AssetSelection.all(),
    description="Read the reports, parse them, load the warehouse and render the notebooks.",
)

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=WAREHOUSE_CHECKS,
    jobs=[build_everything],
    resources={"paths": FazhiPaths()},
)
