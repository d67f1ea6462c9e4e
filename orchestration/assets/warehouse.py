"""The DuckDB warehouse: a checked candidate, then the published file, then the HTML reports."""

import dagster as dg
import polars as pl

from orchestration.metadata import markdown_table
from orchestration.resources import FazhiPaths
from transforms.dimensions import dimension_frames
from transforms.duplicates import with_duplicates_flagged
from transforms.frames import ReportFrames, without_failed
from warehouse.build import candidate_path, publish_warehouse, stage_warehouse, warehouse_counts
from warehouse.contract import LoadInput
from warehouse.queries import held_documents, run_query
from warehouse.reports import render_reports


@dg.asset(group_name="warehouse", pool="warehouse_writer", kinds={"duckdb"})
def warehouse_candidate(
    context: dg.AssetExecutionContext,
    paths: FazhiPaths,
    documents: pl.DataFrame,
    document_errors: pl.DataFrame,
    sections: pl.DataFrame,
    indicator_facts: pl.DataFrame,
    inconsistencies: pl.DataFrame,
    terms: pl.DataFrame,
    search_tokens: pl.DataFrame,
    themes: pl.DataFrame,
    segment_errors: pl.DataFrame,
    fetch_log: pl.DataFrame,
) -> None:
    """The published warehouse with this run loaded, built beside it and checked before it
    replaces it. New reports that copy one already held (or another of this run) are flagged."""
    flagged = with_duplicates_flagged(documents, held_documents(paths.warehouse(), documents))
    frames = without_failed(
        ReportFrames(flagged, document_errors, sections, indicator_facts, inconsistencies), segment_errors
    )
    load = LoadInput(frames, terms, search_tokens, themes, context.run.run_id, dimension_frames(), fetch_log)
    candidate = stage_warehouse(paths.warehouse(), load)
    context.add_output_metadata({f"rows_{t}": n for t, n in warehouse_counts(candidate).items()})


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
