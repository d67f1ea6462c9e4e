"""Parsing: documents with metadata and flags, their outline, their indicator figures."""

import dagster as dg
import polars as pl

from transforms.parsing import parse_reports
from transforms.rules_version import rules_version


@dg.multi_asset(
    group_name="parse",
    # The rules version: after a change to the rules the parse assets show as changed in the UI
    # (and `fazhi reprocess` redoes the stored reports).
    code_version=rules_version(),
    outs={
        "documents": dg.AssetOut(
            description="One row per readable report: title, region, year, dates, flags, text."
        ),
        "document_errors": dg.AssetOut(
            description="Files not read, parsed or validated as reports, with the stage and reason."
        ),
        "sections": dg.AssetOut(
            description="The outline of each report with the required part each top section is."
        ),
        "indicator_facts": dg.AssetOut(
            description="The catalogue's figures in each report, with evidence and offsets."
        ),
        "inconsistencies": dg.AssetOut(description="Figures of one report that disagree with each other."),
    },
)
def parsed_reports(raw_documents: pl.DataFrame):
    """Read, normalise and understand each report; a broken file becomes an error row, never a failed run."""
    frames = parse_reports(raw_documents)
    flags = frames.documents.explode("flags").get_column("flags").drop_nulls().value_counts(sort=True)
    flag_lines = "\n".join(f"- {flag}: {count}" for flag, count in flags.iter_rows()) or "none"
    stages = frames.errors.get_column("stage").value_counts(sort=True)
    error_lines = "\n".join(f"- {stage}: {count}" for stage, count in stages.iter_rows()) or "none"
    metadata = {"rows": frames.documents.height, "flags": dg.MetadataValue.md(flag_lines)}
    yield dg.Output(frames.documents, "documents", metadata=metadata)
    yield dg.Output(
        frames.errors,
        "document_errors",
        metadata={"rows": frames.errors.height, "by_stage": dg.MetadataValue.md(error_lines)},
    )
    yield dg.Output(frames.sections, "sections", metadata={"rows": frames.sections.height})
    yield dg.Output(frames.facts, "indicator_facts", metadata={"rows": frames.facts.height})
    yield dg.Output(
        frames.inconsistencies, "inconsistencies", metadata={"rows": frames.inconsistencies.height}
    )
