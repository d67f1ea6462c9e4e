"""Parsed reports as Polars frames with explicit schemas: the boundary between pipeline stages.

Each frame is one warehouse table's rows before loading. A report that cannot be read becomes a
row of `errors`, never an exception that stops the run.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl

from transforms.dimensions import indicator_frame, region_frame, year_frame
from transforms.duplicates import DuplicateKey, find_duplicates
from transforms.formats import UnreadableReport
from transforms.parallel import map_in_processes
from transforms.quality import spam_spans
from transforms.rawstore import FETCH_LOG
from transforms.report import ParsedReport, parse_report
from transforms.terms import counted_terms, searchable_tokens, segment, without_spans
from transforms.themes import theme_coverage

DOCUMENTS = {
    "document_id": pl.String,
    "source": pl.String,
    "sha256": pl.String,
    "text_sha256": pl.String,
    "title": pl.String,
    "display_title": pl.String,
    "report_year": pl.Int32,
    "adcode": pl.String,
    "region_level": pl.String,
    "doc_date": pl.Date,
    "publish_date": pl.Date,
    "doc_number": pl.String,
    "issuer": pl.String,
    "addressee": pl.String,
    "doc_type": pl.String,
    "flags": pl.List(pl.String),
    "length": pl.Int32,
    "numbers_per_1000": pl.Float64,
    "parts_present": pl.List(pl.String),
    "days_late": pl.Int32,
    "text": pl.String,
}
ERRORS = {"source": pl.String, "sha256": pl.String, "error": pl.String}
SECTIONS = {
    "document_id": pl.String,
    "path": pl.String,
    "depth": pl.Int32,
    "heading": pl.String,
    "category": pl.String,
    "start_offset": pl.Int32,
    "end_offset": pl.Int32,
}
FACTS = {
    "document_id": pl.String,
    "indicator_code": pl.String,
    "value": pl.Float64,
    "unit": pl.String,
    "qualifier": pl.String,
    "evidence": pl.String,
    "start_offset": pl.Int32,
    "end_offset": pl.Int32,
    "rule_id": pl.String,
}
INCONSISTENCIES = {"document_id": pl.String, "check_name": pl.String, "codes": pl.String, "detail": pl.String}
# The two largest frames (14 million rows at 10,000 reports) keep their strings as categories: a
# quarter of the memory, and DuckDB reads them as VARCHAR without a copy of every string.
TERMS = {"document_id": pl.Categorical, "term": pl.Categorical, "term_count": pl.Int32}
SEARCH = {"document_id": pl.Categorical, "token": pl.Categorical, "token_count": pl.Int32}
FETCH_LOG_ROWS = {"source_name": pl.String, **FETCH_LOG}
THEMES = {"document_id": pl.String, "chapter": pl.String, "hits": pl.Int32, "per_1000_chars": pl.Float64}


@dataclass
class ReportFrames:
    documents: pl.DataFrame
    errors: pl.DataFrame
    sections: pl.DataFrame
    facts: pl.DataFrame
    inconsistencies: pl.DataFrame


@dataclass(frozen=True)
class LoadInput:
    """Everything one warehouse build loads: the run's frames and the dimensions."""

    frames: ReportFrames
    terms: pl.DataFrame
    search: pl.DataFrame
    themes: pl.DataFrame
    run_id: str
    dimensions: dict[str, pl.DataFrame]
    fetch_log: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=FETCH_LOG_ROWS))


def dimension_frames() -> dict[str, pl.DataFrame]:
    return {"dim_region": region_frame(), "dim_year": year_frame(), "dim_indicator": indicator_frame()}


def load_input(frames: ReportFrames, run_id: str) -> LoadInput:
    """Segment and theme the documents: the whole input of a warehouse build, outside Dagster."""
    terms, search, themes = segment_documents(frames.documents)
    return LoadInput(frames, terms, search, themes, run_id, dimension_frames())


def document_id(report: ParsedReport) -> str:
    """Stable id of one report version at one source: identical bytes at two addresses are two
    documents (the second flagged duplicate_of the first); a changed file is a new version."""
    return hashlib.sha256(f"{report.source}\0{report.sha256}".encode()).hexdigest()[:16]


RAW_DOCUMENTS = {"source": pl.String, "content": pl.Binary, "region_hint": pl.String}


def new_versions(
    files: list[tuple[str, bytes, str | None]], known: set[tuple[str, str]]
) -> list[tuple[str, bytes, str | None]]:
    """The files whose (source, sha256) the warehouse does not hold yet."""
    return [f for f in files if (f[0], hashlib.sha256(f[1]).hexdigest()) not in known]


@dataclass
class ReportRows:
    """One file's rows of every parse frame: what a parse worker sends back. Rows rather than the
    ParsedReport (its candidates, page text and offsets), so the parent holds only what is loaded."""

    document: dict | None = None
    error: dict | None = None
    sections: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    inconsistencies: list[dict] = field(default_factory=list)


def report_rows(file: tuple[str, bytes, str | None]) -> ReportRows:
    """A parsed report's rows, or the error row of a file that is not one."""
    source, raw, hint = file
    try:
        report = parse_report(source, raw, hint)
    except (UnreadableReport, ValueError) as error:
        return ReportRows(
            error={"source": source, "sha256": hashlib.sha256(raw).hexdigest(), "error": str(error)}
        )
    doc_id = document_id(report)
    return ReportRows(
        document=document_row(report),
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
        facts=[
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
            }
            for f in report.facts
        ],
        inconsistencies=[
            {"document_id": doc_id, "check_name": i.check, "codes": i.codes, "detail": i.detail}
            for i in report.inconsistencies
        ],
    )


def parse_reports(
    files: Iterable[tuple[str, bytes, str | None]], *, flag_duplicates: bool = True
) -> ReportFrames:
    """Parse every (source, bytes, region hint) into the parse frames, across processes when there
    are many; unreadable files become error rows with the reason, they never stop the run. A caller
    that parses in batches flags duplicates itself, once it holds every batch."""
    files = list(files)
    documents, errors, sections, facts, inconsistencies = [], [], [], [], []
    for outcome in map_in_processes(report_rows, files):
        if outcome.document:
            documents.append(outcome.document)
        if outcome.error:
            errors.append(outcome.error)
        sections += outcome.sections
        facts += outcome.facts
        inconsistencies += outcome.inconsistencies
    return ReportFrames(
        documents=frame_of_documents(documents, flag_duplicates),
        errors=pl.DataFrame(errors, schema=ERRORS),
        sections=pl.DataFrame(sections, schema=SECTIONS),
        facts=pl.DataFrame(facts, schema=FACTS),
        inconsistencies=pl.DataFrame(inconsistencies, schema=INCONSISTENCIES),
    )


def frame_of_documents(rows: list[dict], flag_duplicates: bool) -> pl.DataFrame:
    documents = pl.DataFrame(rows, schema=DOCUMENTS)
    return with_duplicates_flagged(documents) if flag_duplicates else documents


def with_duplicates_flagged(documents: pl.DataFrame) -> pl.DataFrame:
    """The same report at two sources: the later ones carry `duplicate_of:<id of the first>`."""
    keys = [
        DuplicateKey(*row)
        for row in documents.select("document_id", "source", "adcode", "report_year", "text").iter_rows()
    ]
    copies = find_duplicates(keys)
    if not copies:
        return documents
    original = pl.col("document_id").replace_strict(copies, default=None)
    return documents.with_columns(
        flags=pl.when(original.is_null())
        .then(pl.col("flags"))
        .otherwise(pl.col("flags").list.concat(pl.concat_list(pl.lit("duplicate_of:") + original)))
    )


def document_row(report: ParsedReport) -> dict:
    meta, region = report.meta, report.resolution.region
    return {
        "document_id": document_id(report),
        "source": report.source,
        "sha256": report.sha256,
        "text_sha256": hashlib.sha256(report.text.encode()).hexdigest(),
        "title": meta.title,
        "display_title": report.built_title(),
        "report_year": meta.report_year,
        "adcode": region.adcode if region else None,
        "region_level": report.resolution.level,
        "doc_date": meta.doc_date,
        "publish_date": meta.publish_date,
        "doc_number": meta.doc_number,
        "issuer": report.issuer,
        "addressee": meta.addressee,
        "doc_type": report.doc_type,
        "flags": report.flags,
        "length": len(report.text),
        "numbers_per_1000": report.numbers_per_1000(),
        "parts_present": report.parts_present(),
        "days_late": report.days_late(),
        "text": report.text,
    }


def segmented(document: tuple[str, str]) -> tuple[str, dict[str, int], dict[str, int], list[tuple]]:
    """(document id, term counts, search postings, theme rows) of one report, spam left out of the
    counts; counted in the worker so that token lists never cross processes."""
    doc_id, text = document
    tokens = segment(without_spans(text, spam_spans(text)))
    searchable = searchable_tokens(tokens)
    themes = [(doc_id, *coverage) for coverage in theme_coverage(text)]
    return doc_id, counted_terms(searchable), searchable, themes


class CountsFrame:
    """Per-report counts gathered into a Polars frame a batch at a time, so that Python objects
    for at most one batch are alive (terms and tokens are 14 million rows at 10,000 reports)."""

    BATCH_ROWS = 500_000

    def __init__(self, schema: dict[str, pl.DataType]) -> None:
        self.schema = schema
        self.parts: list[pl.DataFrame] = []
        self.columns: tuple[list, list, list] = ([], [], [])

    def add(self, doc_id: str, counts: dict[str, int]) -> None:
        ids, keys, values = self.columns
        ids += [doc_id] * len(counts)
        keys += counts.keys()
        values += counts.values()
        if len(ids) >= self.BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        self.parts.append(pl.DataFrame(dict(zip(self.schema, self.columns, strict=True)), schema=self.schema))
        self.columns = ([], [], [])

    def frame(self) -> pl.DataFrame:
        self.flush()
        return pl.concat(self.parts)


def segment_documents(documents: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(term counts, search postings, theme coverage) from one pass over every report's text."""
    terms, postings, themes = CountsFrame(TERMS), CountsFrame(SEARCH), []
    for doc_id, counted, searchable, covered in map_in_processes(
        segmented, list(documents.select("document_id", "text").iter_rows())
    ):
        terms.add(doc_id, counted)
        postings.add(doc_id, searchable)
        themes += covered
    return terms.frame(), postings.frame(), pl.DataFrame(themes, schema=THEMES, orient="row")
