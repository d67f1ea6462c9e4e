"""Batches of report files: the partitions a build is cut into, so that a backfill of a large
corpus runs as many bounded runs (or pods) and one build covers them all in a single run.

A file's batch is the first hex digit of the sha256 of its address (`source`): even, stable
between runs, machines and library versions (Polars' own hash is not promised to be), and known
before the file is read. Every frame of a build is split by batch on its way out of a step:
frames with a `source` by that column, the others through their `document_id`'s report.
"""

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

BATCHES = tuple("0123456789abcdef")


def batch_of(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()[0]


def source_batches(frame: pl.DataFrame) -> pl.Series:
    """The batch of each row of a frame with a `source` column."""
    sources = frame.get_column("source").unique()
    mapping = {source: batch_of(source) for source in sources.to_list()}
    return frame.get_column("source").replace_strict(mapping, return_dtype=pl.String)


def by_batch(frame: pl.DataFrame, batches: pl.Series, keys: Sequence[str]) -> dict[str, pl.DataFrame]:
    """The rows of each batch of `keys` (an empty frame for a batch without rows)."""
    parts = frame.with_columns(batches.alias("__batch")).partition_by("__batch", as_dict=True)
    empty = frame.clear()
    return {key: parts.get((key,), empty).drop("__batch", strict=False) for key in keys}


class Batches:
    """Splits a step's output frames by batch, knowing which batch each report of the step is in."""

    def __init__(self, documents: pl.DataFrame, keys: Sequence[str]) -> None:
        self.keys = keys
        self.of_document = dict(
            zip(
                documents.get_column("document_id").to_list(),
                source_batches(documents).to_list(),
                strict=True,
            )
        )

    def split(self, frame: pl.DataFrame) -> dict[str, pl.DataFrame]:
        if "source" in frame.columns:
            return by_batch(frame, source_batches(frame), self.keys)
        ids = frame.get_column("document_id").cast(pl.String)
        return by_batch(frame, ids.replace_strict(self.of_document, return_dtype=pl.String), self.keys)


def joined(parts: Mapping[str, pl.DataFrame], schema: Mapping[str, Any]) -> pl.DataFrame:
    """The batches of one frame as one frame of `schema` (an empty one when there are none)."""
    return pl.concat(
        [pl.DataFrame(schema=dict(schema)), *(part.select(cast_to(schema)) for part in parts.values())]
    )


def scanned(parts: Mapping[str, pl.LazyFrame], schema: Mapping[str, Any]) -> pl.LazyFrame:
    """The batches' files as one lazy frame of `schema`, read only by whoever collects it."""
    return pl.concat(
        [pl.LazyFrame(schema=dict(schema)), *(part.select(cast_to(schema)) for part in parts.values())]
    )


def cast_to(schema: Mapping[str, Any]) -> list[pl.Expr]:
    return [pl.col(name).cast(dtype) for name, dtype in schema.items()]
