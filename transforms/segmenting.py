"""The segmentation stage: every document's text through jieba once, giving term counts, search
postings and theme coverage; a report whose segmentation fails becomes an error row (stage
`segment`) and is left out of the load, the others go on."""

import logging
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import polars as pl

from transforms.frames import ERRORS, SEARCH, TERMS, THEMES, error_row
from transforms.parallel import CHUNK, chunks, gather_by_batch, gather_in_processes
from transforms.quality import spam_spans
from transforms.terms import counted_tokens, segment, without_spans
from transforms.themes import theme_coverage

TEXT_COLUMNS = ["document_id", "source", "sha256", "text"]

log = logging.getLogger(__name__)


class Segmented(NamedTuple):
    document_id: str
    terms: dict[str, int]
    postings: dict[str, int]
    themes: list[tuple[Any, ...]]
    error: dict[str, Any] | None = None


class SegmentFrames(NamedTuple):
    terms: pl.DataFrame
    search: pl.DataFrame
    themes: pl.DataFrame
    errors: pl.DataFrame


def segmented(document: tuple[str, str, str, str]) -> Segmented:
    """Counts of one report, spam left out; counted in the worker so token lists never cross processes."""
    doc_id, source, sha256, text = document
    try:
        tokens = segment(without_spans(text, spam_spans(text)))
        searchable, terms = counted_tokens(tokens)
        themes = [(doc_id, *coverage) for coverage in theme_coverage(text)]
    except Exception as error:
        log.warning("segmenting %s failed", source, exc_info=True)
        return Segmented(doc_id, {}, {}, [], error_row(source, sha256, "segment", error))
    return Segmented(doc_id, terms, searchable, themes)


class CountsFrame:
    """Per-report counts gathered into a Polars frame BATCH_ROWS at a time, so that the Python
    objects of at most that many rows are alive: a worker's chunk of 64 generated reports is
    about 90,000 rows of terms and tokens, a chunk of very long reports can be many more."""

    BATCH_ROWS = 500_000

    def __init__(self, schema: Mapping[str, type[pl.DataType]]) -> None:
        self.schema = schema
        self.parts: list[pl.DataFrame] = []
        self.columns: tuple[list[Any], list[Any], list[Any]] = ([], [], [])

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


def segment_documents(documents: pl.DataFrame) -> SegmentFrames:
    """(term counts, search postings, theme coverage, errors) from one pass over every report's text."""
    texts = chunks(text_rows(documents), CHUNK)
    return joined(list(gather_in_processes(segmented_part, texts, documents.height, "segment")))


def segment_batches(documents: Mapping[str, Path]) -> Iterator[tuple[str, SegmentFrames]]:
    """(batch, segment_documents of its DOCUMENTS file) batch after batch, all through one process
    pool: a batch's texts are read from its file when the pool reaches them."""
    sizes = {key: pl.scan_parquet(path).select(pl.len()).collect().item() for key, path in documents.items()}

    def rows(key: str) -> Iterator[tuple[str, str, str, str]]:
        return text_rows(pl.read_parquet(documents[key], columns=TEXT_COLUMNS))

    return gather_by_batch(sizes, rows, segmented_part, joined, "segment")


def segmented_part(documents: list[tuple[str, str, str, str]]) -> SegmentFrames:
    """A few reports' frames, built in the worker that segmented them (see transforms/parallel.py)."""
    return segment_frames(map(segmented, documents))


def joined(parts: list[SegmentFrames]) -> SegmentFrames:
    """The frames of a batch from its parts: categorical columns from several processes are one
    column of strings again once concatenated (Polars keeps one global set of categories)."""
    if not parts:
        return segment_frames([])
    return SegmentFrames(*(pl.concat(frames) for frames in zip(*parts, strict=True)))


def text_rows(documents: pl.DataFrame) -> Iterator[tuple[str, str, str, str]]:
    return documents.select(TEXT_COLUMNS).iter_rows()


def segment_frames(outcomes: Iterable[Segmented]) -> SegmentFrames:
    terms, postings = CountsFrame(TERMS), CountsFrame(SEARCH)
    themes: list[tuple[Any, ...]] = []
    errors: list[dict[str, Any]] = []
    for outcome in outcomes:
        if outcome.error:
            errors.append(outcome.error)
            continue
        terms.add(outcome.document_id, outcome.terms)
        postings.add(outcome.document_id, outcome.postings)
        themes += outcome.themes
    return SegmentFrames(
        terms.frame(),
        postings.frame(),
        pl.DataFrame(themes, schema=THEMES, orient="row"),
        pl.DataFrame(errors, schema=ERRORS),
    )
