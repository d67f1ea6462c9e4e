"""The parse stage: RAW_REPORTS rows in, the parse frames out, one report at a time and across
processes. Fault isolation lives here: whatever one file does — not a report, a parser bug, a
timeout, a broken invariant — it becomes one error row (with its stage and exception type) and
the other files go on."""

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from transforms.formats import UnreadableReport
from transforms.frames import (
    DOCUMENTS,
    ERRORS,
    FACTS,
    INCONSISTENCIES,
    SECTIONS,
    ReportFrames,
    document_id,
    error_row,
)
from transforms.indicators import Candidate, extract_indicators
from transforms.limits import read_capped, time_budget
from transforms.parallel import map_by_batch, map_in_processes
from transforms.report import ParsedReport, parse_report
from transforms.rules_version import rules_version
from transforms.samples import local_path
from transforms.validate import InvalidReport, check_report

log = logging.getLogger(__name__)


@dataclass
class ReportRows:
    """One file's rows of every parse frame: what a parse worker sends back. Rows rather than the
    ParsedReport (its candidates, page text and offsets), so the parent holds only what is loaded."""

    document: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    sections: list[dict[str, Any]] = field(default_factory=list[Any])
    facts: list[dict[str, Any]] = field(default_factory=list[Any])
    inconsistencies: list[dict[str, Any]] = field(default_factory=list[Any])


def read_and_parse(source: str, path: bytes, hint: str | None) -> ParsedReport:
    with time_budget():
        return parse_report(source, read_capped(local_path(path)), hint)


def report_rows(raw: dict[str, Any]) -> ReportRows:
    """A parsed and validated report's rows, or the error row of a file that is not one."""
    source, sha256 = raw["source"], raw["sha256"]
    try:
        report = read_and_parse(source, raw["path"], raw["region_hint"])
    except (UnreadableReport, OSError) as error:
        return ReportRows(error=error_row(source, sha256, "read", error))
    except Exception as error:
        log.warning("parsing %s failed", source, exc_info=True)
        return ReportRows(error=error_row(source, sha256, "parse", error))
    rows = rows_of(report)
    try:
        check_report(rows.document or {}, rows.sections, rows.facts)
    except InvalidReport as error:
        return ReportRows(error=error_row(source, sha256, "validate", error))
    return rows


def rows_of(report: ParsedReport) -> ReportRows:
    doc_id, version = document_id(report.source, report.sha256), rules_version()
    return ReportRows(
        document=report.document_row(doc_id, version),
        sections=[
            {
                "document_id": doc_id,
                "path": s.path,
                "depth": s.depth,
                "heading": s.heading,
                "category": s.category or None,
                "start_offset": s.start,
                "end_offset": s.end,
            }
            for s in report.sections
        ],
        facts=fact_rows(doc_id, report.facts, version),
        inconsistencies=[
            {"document_id": doc_id, "check_name": i.check, "codes": i.codes, "detail": i.detail}
            for i in report.inconsistencies
        ],
    )


def fact_rows(doc_id: str, facts: list[Candidate], version: str) -> list[dict[str, Any]]:
    """FACTS rows of one document's figures."""
    return [
        {
            "document_id": doc_id,
            "indicator_code": f.code,
            "value": float(f.value),
            "unit": f.unit,
            "qualifier": f.qualifier,
            "evidence": f.evidence,
            "start_offset": f.start,
            "end_offset": f.end,
            "rule_id": f.rule_id,
            "rules_version": version,
        }
        for f in facts
    ]


def reextracted_facts(documents: Iterable[tuple[str, str]]) -> pl.DataFrame:
    """The figures of stored texts (document id, normalised text) under the current rules: what
    `fazhi reprocess` compares with the figures held, with no re-fetching and no re-reading."""
    version = rules_version()
    rows = [
        row for doc_id, text in documents for row in fact_rows(doc_id, extract_indicators(text)[0], version)
    ]
    return pl.DataFrame(rows, schema=FACTS)


def parse_reports(raw: pl.DataFrame | Iterable[dict[str, Any]]) -> ReportFrames:
    """Parse every RAW_REPORTS row into the parse frames, across processes when there are many;
    unreadable or failing files become error rows with the reason, they never stop the run."""
    rows = raw.to_dicts() if isinstance(raw, pl.DataFrame) else list(raw)
    return report_frames(map_in_processes(report_rows, rows, len(rows), "parse"))


def parse_batches(raw: Mapping[str, pl.DataFrame]) -> Iterator[tuple[str, ReportFrames]]:
    """(batch, parse_reports of its RAW_REPORTS rows) batch after batch, all through one process pool."""
    sizes = {key: frame.height for key, frame in raw.items()}

    def rows(key: str) -> Iterator[dict[str, Any]]:
        return raw[key].iter_rows(named=True)

    return map_by_batch(sizes, rows, report_rows, report_frames, "parse")


def report_frames(outcomes: Iterable[ReportRows]) -> ReportFrames:
    documents: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    sections: list[dict[str, Any]] = []
    facts: list[dict[str, Any]] = []
    inconsistencies: list[dict[str, Any]] = []
    for outcome in outcomes:
        if outcome.document:
            documents.append(outcome.document)
        if outcome.error:
            errors.append(outcome.error)
        sections += outcome.sections
        facts += outcome.facts
        inconsistencies += outcome.inconsistencies
    return ReportFrames(
        documents=pl.DataFrame(documents, schema=DOCUMENTS),
        errors=pl.DataFrame(errors, schema=ERRORS),
        sections=pl.DataFrame(sections, schema=SECTIONS),
        facts=pl.DataFrame(facts, schema=FACTS),
        inconsistencies=pl.DataFrame(inconsistencies, schema=INCONSISTENCIES),
    )
