"""The DuckDB warehouse: a checked candidate, then the published file, then the HTML reports."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
import polars as pl

from notebooks.render import render_reports
from orchestration.assets.parse import parsed_reports
from orchestration.assets.text import segmented_text
from orchestration.metadata import markdown_table
from orchestration.partitions import run_batches
from orchestration.resources import FazhiPaths
from orchestration.storage import AS_FILES, built, read
from transforms.batches import joined
from transforms.dimensions import dimension_frames
from transforms.duplicates import with_duplicates_flagged_by_region
from transforms.frames import (
    DOCUMENT_ROWS,
    ERRORS,
    FACTS,
    INCONSISTENCIES,
    SECTIONS,
    ReportFrames,
    without_failed,
)
from warehouse.build import build_candidate, candidate_path, publish_warehouse, warehouse_counts
from warehouse.contract import LoadInput, ParquetFiles, ReportRowFiles
from warehouse.queries import held_documents, run_query

# Every batched frame of parse and segment reaches the loader as files: it reads its run's batches.
BATCHED_INPUTS = [key.to_user_string() for key in (*parsed_reports.keys, *segmented_text.keys)]


@dg.asset(
    group_name="warehouse",
    pool="warehouse_writer",
    kinds={"duckdb"},
    ins=dict.fromkeys(BATCHED_INPUTS, AS_FILES),
)
def warehouse_candidate(
    context: dg.AssetExecutionContext,
    paths: FazhiPaths,
    documents: dict[str, Path],
    document_errors: dict[str, Path],
    sections: dict[str, Path],
    indicator_facts: dict[str, Path],
    inconsistencies: dict[str, Path],
    terms: dict[str, Path],
    search_tokens: dict[str, Path],
    themes: dict[str, Path],
    segment_errors: dict[str, Path],
    fetch_log: pl.DataFrame,
) -> None:
    """The published warehouse with the batches of this run loaded (every batch in a run that
    names none), built beside it and checked before it replaces it. New reports that copy one
    already held (or another of this build) are flagged. Only the documents' rows and the errors
    are held in Python: the texts are read from their files a group of regions at a time to look
    for copies, and DuckDB reads them and every other frame from the batch files as it loads."""
    batches = run_batches(context.run.tags)

    def frame(files: dict[str, Path], schema: Mapping[str, Any]) -> pl.DataFrame:
        return joined({batch: read(files[batch], list(schema)) for batch in batches}, schema)

    def scanned(files: dict[str, Path]) -> ParquetFiles:
        return ParquetFiles(tuple(built(files[batch]) for batch in batches))

    texts = scanned(documents)
    parsed = with_duplicates_flagged_by_region(
        frame(documents, DOCUMENT_ROWS),
        texts.paths,
        lambda regions: held_documents(paths.warehouse(), regions),
    )
    report_frames = ReportFrames(
        parsed,
        frame(document_errors, ERRORS),
        pl.DataFrame(schema=SECTIONS),
        pl.DataFrame(schema=FACTS),
        pl.DataFrame(schema=INCONSISTENCIES),
    )
    load = LoadInput(
        without_failed(report_frames, frame(segment_errors, ERRORS)),
        scanned(terms),
        scanned(search_tokens),
        scanned(themes),
        context.run.run_id,
        dimension_frames(),
        fetch_log,
        texts,
        ReportRowFiles(scanned(sections), scanned(indicator_facts), scanned(inconsistencies)),
    )
    candidate = build_candidate(paths.warehouse(), load)
    counts = {f"rows_{t}": n for t, n in warehouse_counts(candidate).items()}
    context.add_output_metadata({"files_not_loaded": load.frames.errors.height, **counts})


@dg.asset(group_name="warehouse", deps=[warehouse_candidate], pool="warehouse_writer", kinds={"duckdb"})
def warehouse(context: dg.AssetExecutionContext, paths: FazhiPaths) -> None:
    """The star schema analysts query (dim_region, dim_year, dim_indicator, dim_document, fact_*,
    v_* views), replaced atomically by the checked candidate: readers never see a half-loaded file."""
    publish_warehouse(candidate_path(paths.warehouse(), context.run.run_id), paths.warehouse())
    figures = run_query(paths.warehouse(), "figures_by_indicator")
    context.add_output_metadata(
        {
            "path": str(paths.warehouse()),
            "dagster/row_count": int(figures.get_column("figures").sum()),
            "figures": markdown_table(figures),
            "flags": markdown_table(run_query(paths.warehouse(), "flag_counts")),
        }
    )


@dg.asset(group_name="warehouse", deps=[warehouse], kinds={"jupyter", "html"})
def rendered_notebooks(context: dg.AssetExecutionContext, paths: FazhiPaths) -> None:
    """The notebooks executed against the warehouse by a Jupyter kernel, as HTML files that open offline."""
    written = render_reports(paths.warehouse(), paths.reports())
    context.add_output_metadata({"files": dg.MetadataValue.md("\n".join(f"- {p}" for p in written))})
