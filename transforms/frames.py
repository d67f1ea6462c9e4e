"""Parsed reports as Polars frames with explicit schemas: the boundary between pipeline stages.

Each frame is one warehouse table's rows before loading. A report that cannot be read becomes a
row of `errors`, never an exception that stops the run.
"""

import hashlib
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import polars as pl

from transforms.dimensions import indicator_frame, region_frame, year_frame
from transforms.duplicates import DuplicateKey, find_duplicates
from transforms.formats import UnreadableReport
from transforms.quality import spam_spans
from transforms.rawstore import FETCH_LOG
from transforms.report import ParsedReport, parse_report
from transforms.terms import CHUNK, PARALLEL_FROM, counted_terms, segment_many, without_spans
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
TERMS = {"document_id": pl.String, "term": pl.String, "term_count": pl.Int32}
SEARCH = {"document_id": pl.String, "tokens": pl.String}
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
    terms, search = segment_documents(frames.documents)
    return LoadInput(frames, terms, search, theme_frame(frames.documents), run_id, dimension_frames())


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


def parse_one(file: tuple[str, bytes, str | None]) -> ParsedReport | dict:
    """A parsed report, or the error row of a file that is not one."""
    source, raw, hint = file
    try:
        return parse_report(source, raw, hint)
    except (UnreadableReport, ValueError) as error:
        return {"source": source, "sha256": hashlib.sha256(raw).hexdigest(), "error": str(error)}


def parse_all(files: Iterable[tuple[str, bytes, str | None]]) -> tuple[list[ParsedReport], list[dict]]:
    """Parse every (source, bytes, region hint), across processes when there are many; unreadable
    files become error rows with the reason, they never stop the run."""
    files = list(files)
    if len(files) < PARALLEL_FROM:
        outcomes = [parse_one(file) for file in files]
    else:
        with ProcessPoolExecutor() as pool:
            outcomes = list(pool.map(parse_one, files, chunksize=CHUNK))
    reports = [o for o in outcomes if isinstance(o, ParsedReport)]
    errors = [o for o in outcomes if isinstance(o, dict)]
    mark_duplicates(reports)
    return reports, errors


def mark_duplicates(reports: list[ParsedReport]) -> None:
    """The same report at two sources: the later ones carry `duplicate_of:<id of the first>`."""
    keys = [
        DuplicateKey(
            document_id(r),
            r.source,
            r.resolution.region.adcode if r.resolution.region else None,
            r.meta.report_year,
            r.text,
        )
        for r in reports
    ]
    copies = find_duplicates(keys)
    for report in reports:
        original = copies.get(document_id(report))
        if original:
            report.flags.append(f"duplicate_of:{original}")


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


def report_frames(reports: list[ParsedReport], errors: list[dict]) -> ReportFrames:
    return ReportFrames(
        documents=pl.DataFrame([document_row(r) for r in reports], schema=DOCUMENTS),
        errors=pl.DataFrame(errors, schema=ERRORS),
        sections=pl.DataFrame(
            [
                {
                    "document_id": document_id(r),
                    "path": s.path,
                    "depth": s.depth,
                    "heading": s.heading,
                    "category": s.category or None,
                    "start_offset": s.start,
                    "end_offset": s.end,
                }
                for r in reports
                for s in r.sections
            ],
            schema=SECTIONS,
        ),
        facts=pl.DataFrame(
            [
                {
                    "document_id": document_id(r),
                    "indicator_code": f.code,
                    "value": float(f.value),
                    "unit": f.unit,
                    "qualifier": f.qualifier,
                    "evidence": f.evidence,
                    "start_offset": f.start,
                    "end_offset": f.end,
                    "rule_id": f.rule_id,
                }
                for r in reports
                for f in r.facts
            ],
            schema=FACTS,
        ),
        inconsistencies=pl.DataFrame(
            [
                {"document_id": document_id(r), "check_name": i.check, "codes": i.codes, "detail": i.detail}
                for r in reports
                for i in r.inconsistencies
            ],
            schema=INCONSISTENCIES,
        ),
    )


def segment_documents(documents: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(term counts, search tokens) from one segmentation pass, spam left out of both."""
    ids = documents.get_column("document_id").to_list()
    texts = [without_spans(t, spam_spans(t)) for t in documents.get_column("text").to_list()]
    terms, search = [], []
    for doc_id, tokens in zip(ids, segment_many(texts), strict=True):
        terms += [
            {"document_id": doc_id, "term": t, "term_count": n} for t, n in counted_terms(tokens).items()
        ]
        search.append({"document_id": doc_id, "tokens": " ".join(t for t in tokens if t.strip())})
    return pl.DataFrame(terms, schema=TERMS), pl.DataFrame(search, schema=SEARCH)


def theme_frame(documents: pl.DataFrame) -> pl.DataFrame:
    rows = [
        {"document_id": doc_id, "chapter": chapter, "hits": hits, "per_1000_chars": share}
        for doc_id, text in documents.select("document_id", "text").iter_rows()
        for chapter, hits, share in theme_coverage(text)
    ]
    return pl.DataFrame(rows, schema=THEMES)
