"""Parsing: documents with metadata and flags, their outline, their indicator figures."""

import dagster as dg
import polars as pl

from orchestration.assets import frame_out
from orchestration.checks import PARSE_CHECKS, no_report_quarantined, reports_have_region_and_year
from orchestration.metadata import batched_output, counts_markdown
from orchestration.partitions import report_batches
from orchestration.storage import batch_files
from transforms.frames import ERRORS
from transforms.parsing import parse_batches
from transforms.rules_version import rules_version

# Each output's field of ReportFrames, and the columns of them the checks and the metadata read
# once every batch is written.
OUTPUTS = {
    "documents": "documents",
    "document_errors": "errors",
    "sections": "sections",
    "indicator_facts": "facts",
    "inconsistencies": "inconsistencies",
}
KEPT = {
    "documents": ("flags", "doc_type", "adcode", "report_year"),
    "document_errors": tuple(ERRORS),
    "indicator_facts": ("indicator_code",),
}


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
    failed run. The run's batches are parsed by one process pool, each batch's frames written as
    soon as it is parsed."""
    with batch_files(KEPT) as files:
        for batch, frames in parse_batches(raw_documents):
            for name, field in OUTPUTS.items():
                files.add(name, batch, getattr(frames, field))
        documents, errors = files.kept("documents"), files.kept("document_errors")
        yield batched_output(files, "documents", flags=counts_markdown(documents, "flags"))
        yield batched_output(files, "document_errors", by_stage=counts_markdown(errors, "stage"))
        yield batched_output(files, "sections")
        yield batched_output(
            files,
            "indicator_facts",
            by_indicator=counts_markdown(files.kept("indicator_facts"), "indicator_code"),
        )
        yield batched_output(files, "inconsistencies")
    yield no_report_quarantined(errors)
    yield reports_have_region_and_year(documents)
