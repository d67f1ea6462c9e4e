"""Parsing: documents with metadata and flags, their outline, their indicator figures."""

import dagster as dg
import polars as pl

from orchestration.assets import frame_out
from orchestration.checks import PARSE_CHECKS, no_report_quarantined, reports_have_region_and_year
from orchestration.metadata import batched_output, counts_markdown, in_one
from orchestration.partitions import report_batches
from transforms.parsing import parse_batches
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
    failed run. The run's batches are parsed by one process pool, each batch's frames built as
    soon as it is parsed."""
    frames = parse_batches(raw_documents)
    documents = {key: f.documents for key, f in frames.items()}
    errors = {key: f.errors for key, f in frames.items()}
    facts = {key: f.facts for key, f in frames.items()}
    yield batched_output(
        documents, "documents", flags=counts_markdown(in_one(documents.values(), "flags"), "flags")
    )
    all_errors = in_one(errors.values())
    yield batched_output(errors, "document_errors", by_stage=counts_markdown(all_errors, "stage"))
    yield batched_output({key: f.sections for key, f in frames.items()}, "sections")
    yield batched_output(
        facts,
        "indicator_facts",
        by_indicator=counts_markdown(in_one(facts.values(), "indicator_code"), "indicator_code"),
    )
    yield batched_output({key: f.inconsistencies for key, f in frames.items()}, "inconsistencies")
    yield no_report_quarantined(all_errors)
    yield reports_have_region_and_year(in_one(documents.values(), "doc_type", "adcode", "report_year"))
