"""Parsing: documents with metadata and flags, their outline, their indicator figures."""

import dagster as dg
import polars as pl

from orchestration.assets import frame_out
from orchestration.metadata import counts_markdown, frame_metadata
from transforms.parsing import parse_reports
from transforms.rules_version import rules_version


@dg.multi_asset(
    group_name="parse",
    # The rules version: after a change to the rules the parse assets show as changed in the UI
    # (and `fazhi reprocess` redoes the stored reports).
    code_version=rules_version(),
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
def parsed_reports(raw_documents: pl.DataFrame):
    """Read, normalise and understand each report; a broken file becomes an error row, never a failed run."""
    frames = parse_reports(raw_documents)
    documents = {**frame_metadata(frames.documents), "flags": counts_markdown(frames.documents, "flags")}
    yield dg.Output(frames.documents, "documents", metadata=documents)
    errors = {**frame_metadata(frames.errors), "by_stage": counts_markdown(frames.errors, "stage")}
    yield dg.Output(frames.errors, "document_errors", metadata=errors)
    yield dg.Output(frames.sections, "sections", metadata=frame_metadata(frames.sections))
    facts = {**frame_metadata(frames.facts), "by_indicator": counts_markdown(frames.facts, "indicator_code")}
    yield dg.Output(frames.facts, "indicator_facts", metadata=facts)
    yield dg.Output(
        frames.inconsistencies, "inconsistencies", metadata=frame_metadata(frames.inconsistencies)
    )
