"""The backfill job: the build of `fazhi run` fanned out over batches of files and report years.

Parsing runs as one step per batch of files, segmentation as one step per report year, so
Dagster's multiprocess executor here — or its Kubernetes or Celery executors on a cluster — runs
them side by side. Every step writes its frames as Parquet (orchestration/stages.py); one loader
gathers them and writes DuckDB through the same candidate, checks and atomic publication as the
asset job. A report's year is only known once it is parsed, so the batches before parsing are
cut by a hash of the file's address and the year groups after it. Notebooks are not rendered:
`fazhi report` does that once the backfill is in.
"""

import dagster as dg
import polars as pl

from orchestration.resources import FazhiPaths
from orchestration.stages import ParquetStages
from transforms.dimensions import dimension_frames
from transforms.duplicates import with_duplicates_flagged
from transforms.frames import (
    DOCUMENTS,
    ERRORS,
    FACTS,
    INCONSISTENCIES,
    SEARCH,
    SECTIONS,
    TERMS,
    THEMES,
    ReportFrames,
    without_failed,
)
from transforms.parsing import parse_reports
from transforms.segmenting import segment_documents
from warehouse.build import discard_candidate, publish_warehouse, stage_warehouse
from warehouse.checks import failed_blocking_checks
from warehouse.contract import LoadInput
from warehouse.queries import held_documents

STAGES = "stages"
PARSED = ("documents", "document_errors", "sections", "indicator_facts", "inconsistencies")
TEXT = ("terms", "search_tokens", "themes", "segment_errors")


class BackfillConfig(dg.Config):
    input_dir: str
    batches: int = 8


@dg.op(out=dg.DynamicOut(io_manager_key=STAGES))
def input_batches(config: BackfillConfig, paths: FazhiPaths):
    """The input folder's new report files in `batches` groups, by a hash of their address."""
    _, files = FazhiPaths(input_dir=config.input_dir, warehouse_path=paths.warehouse_path).input_files()
    batched = files.with_columns(batch=pl.col("source").hash() % config.batches)
    for (batch,), part in batched.partition_by("batch", as_dict=True).items():
        yield dg.DynamicOutput(part.drop("batch"), mapping_key=f"batch_{batch}")


@dg.op(out={name: dg.Out(io_manager_key=STAGES) for name in PARSED})
def parse_batch(raw_documents: pl.DataFrame):
    """`parsed_reports` for one batch; duplicates are flagged by the loader, which sees every batch."""
    frames = parse_reports(raw_documents)
    return frames.documents, frames.errors, frames.sections, frames.facts, frames.inconsistencies


@dg.op(out=dg.DynamicOut(io_manager_key=STAGES))
def texts_by_year(documents: list[pl.DataFrame]):
    """Every parsed report's text, one group per year it covers (and one for reports without a year)."""
    texts = gathered(documents, DOCUMENTS).select("document_id", "source", "sha256", "report_year", "text")
    for (year,), part in texts.partition_by("report_year", as_dict=True).items():
        yield dg.DynamicOutput(part.drop("report_year"), mapping_key=f"year_{year or 'unknown'}")


@dg.op(out={name: dg.Out(io_manager_key=STAGES) for name in TEXT})
def segment_year(texts: pl.DataFrame):
    """`segmented_text` for one year's reports."""
    return segment_documents(texts)


@dg.op
def load_backfill(
    context: dg.OpExecutionContext,
    paths: FazhiPaths,
    documents: list[pl.DataFrame],
    document_errors: list[pl.DataFrame],
    sections: list[pl.DataFrame],
    indicator_facts: list[pl.DataFrame],
    inconsistencies: list[pl.DataFrame],
    terms: list[pl.DataFrame],
    search_tokens: list[pl.DataFrame],
    themes: list[pl.DataFrame],
    segment_errors: list[pl.DataFrame],
) -> None:
    """The one writer: every batch and year loaded, checked and published as by the asset job."""
    parsed = gathered(documents, DOCUMENTS)
    frames = without_failed(
        ReportFrames(
            with_duplicates_flagged(parsed, held_documents(paths.warehouse(), parsed)),
            gathered(document_errors, ERRORS),
            gathered(sections, SECTIONS),
            gathered(indicator_facts, FACTS),
            gathered(inconsistencies, INCONSISTENCIES),
        ),
        gathered(segment_errors, ERRORS),
    )
    load = LoadInput(
        frames,
        gathered(terms, TERMS),
        gathered(search_tokens, SEARCH),
        gathered(themes, THEMES),
        context.run.run_id,
        dimension_frames(),
    )
    candidate = stage_warehouse(paths.warehouse(), load)
    failed = failed_blocking_checks(candidate, paths.warehouse())
    if failed:
        discard_candidate(candidate)
        raise dg.Failure(
            "blocking checks failed: " + "; ".join(f"{c.description} {c.metadata}" for c in failed)
        )
    publish_warehouse(candidate, paths.warehouse())
    context.add_output_metadata({"documents": frames.documents.height, "errors": frames.errors.height})


def gathered(parts: list[pl.DataFrame], schema: dict) -> pl.DataFrame:
    """The parts of a fanned-out output as one frame (an empty one when nothing was fanned out)."""
    return pl.concat([pl.DataFrame(schema=schema), *(part.cast(schema) for part in parts)])


@dg.job(
    executor_def=dg.multiprocess_executor,
    resource_defs={"paths": FazhiPaths(), STAGES: ParquetStages()},
    description="The build fanned out over batches of files and report years, one loader (docs/scaling.md).",
)
def backfill_by_year():
    documents, errors, sections, facts, inconsistencies = input_batches().map(parse_batch)
    terms, search, themes, segment_errors = texts_by_year(documents.collect()).map(segment_year)
    load_backfill(
        documents.collect(),
        errors.collect(),
        sections.collect(),
        facts.collect(),
        inconsistencies.collect(),
        terms.collect(),
        search.collect(),
        themes.collect(),
        segment_errors.collect(),
    )
