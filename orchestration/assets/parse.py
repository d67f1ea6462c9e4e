"""Parsing: documents with metadata and flags, their outline, their indicator figures."""

import dagster as dg
import polars as pl

from orchestration.assets import frame_out
from orchestration.checks import PARSE_CHECKS, no_report_quarantined, reports_have_region_and_year
from orchestration.metadata import batched_output, counts_markdown
from orchestration.partitions import report_batches
from transforms.batches import Batches, joined
from transforms.frames import RAW_REPORTS
from transforms.parsing import parse_reports
from transforms.rules_version import rules_version


@dg.multi_asset(
    group_name="parse",
    partitions_def=report_batches,
    # The rules version: after a change to the rules the parse assets show as changed in the UI
    # (and `fazhi reprocess` redoes the stored reports).
    code_version=rules_version(),
    check_specs=PARSE_CHECKS,
    outs={
        "documents": frame_out(
            description="One row per readable report: title, region, year, dates, flags, text."
        ),
        "document_errors": frame_out(
            description="Files not read, parsed or validated as reports, with the stage and reason."
        ),
        "sections": frame_out(
            description="The outline of each report with the required part each top section is."
        ),
        "indicator_facts": frame_out(
            description="The catalogue's figures in each report, with evidence and offsets."
        ),
        "inconsistencies": frame_out(description="Figures of one report that disagree with each other."),
    },
)
def parsed_reports(raw_documents: dict[str, pl.DataFrame]):
    """Read, normalise and understand each report; a broken file becomes an error row, never a
    failed run. The run's batches are parsed together (one process pool) and split again."""
    frames = parse_reports(joined(raw_documents, RAW_REPORTS))
    batches = Batches(frames.documents, sorted(raw_documents))
    yield batched_output(
        batches, frames.documents, "documents", flags=counts_markdown(frames.documents, "flags")
    )
    yield batched_output(
        batches, frames.errors, "document_errors", by_stage=counts_markdown(frames.errors, "stage")
    )
    yield batched_output(batches, frames.sections, "sections")
    yield batched_output(
        batches, frames.facts, "indicator_facts", by_indicator=counts_markdown(frames.facts, "indicator_code")
    )
    yield batched_output(batches, frames.inconsistencies, "inconsistencies")
    yield no_report_quarantined(frames.errors)
    yield reports_have_region_and_year(frames.documents)
