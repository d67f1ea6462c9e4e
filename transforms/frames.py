"""The frames passed between pipeline stages, with explicit schemas: each is one warehouse table's
rows before loading (or, for RAW_REPORTS, the files a run reads). Owner of the schemas; the
stages that fill them live in parsing.py and segmenting.py."""

import hashlib
from dataclasses import dataclass
from typing import Any

import polars as pl

from transforms.rawstore import FETCH_LOG

# The files a run reads: where the bytes are (a local file or a raw-store object), never the
# bytes themselves, so that a large folder is streamed to the parse workers, not held in memory.
RAW_REPORTS = {
    "source": pl.String,
    "path": pl.Binary,
    "sha256": pl.String,
    "size": pl.Int64,
    "region_hint": pl.String,
}
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
    "not_report_reason": pl.String,
    "flags": pl.List(pl.String),
    "length": pl.Int32,
    "numbers_per_1000": pl.Float64,
    "parts_present": pl.List(pl.String),
    "days_late": pl.Int32,
    "rules_version": pl.String,
    "text": pl.String,
}
# A document's row less its text: what the loader holds (DuckDB reads the texts from their files).
DOCUMENT_ROWS = {name: dtype for name, dtype in DOCUMENTS.items() if name != "text"}
# One row per file that did not become a document: `stage` is read, parse, segment or validate.
ERRORS = {
    "source": pl.String,
    "sha256": pl.String,
    "stage": pl.String,
    "error_type": pl.String,
    "error": pl.String,
}
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
    "rules_version": pl.String,
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


def document_id(source: str, sha256: str) -> str:
    """Stable id of one report version at one source: a changed file is a new version. The same
    text from another source joins the first document as a second source when it is loaded."""
    return hashlib.sha256(f"{source}\0{sha256}".encode()).hexdigest()[:16]


def error_row(source: str, sha256: str, stage: str, error: BaseException) -> dict[str, Any]:
    """A load_error row: the message on one line, the exception's class as its type."""
    message = " ".join(str(error).split()) or type(error).__name__
    return {
        "source": source,
        "sha256": sha256,
        "stage": stage,
        "error_type": type(error).__name__,
        "error": message[:500],
    }


def without_failed(frames: ReportFrames, failed: pl.DataFrame) -> ReportFrames:
    """The frames less the documents that failed a later stage (their error rows added)."""
    if failed.is_empty():
        return frames
    gone = pl.col("document_id").is_in(
        frames.documents.join(failed.select("source", "sha256"), on=["source", "sha256"])
        .get_column("document_id")
        .implode()
    )
    return ReportFrames(
        frames.documents.filter(~gone),
        pl.concat([frames.errors, failed.select(ERRORS.keys())]),
        frames.sections.filter(~gone),
        frames.facts.filter(~gone),
        frames.inconsistencies.filter(~gone),
    )
