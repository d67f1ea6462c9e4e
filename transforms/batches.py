"""Batches of report files: the partitions a build is cut into, so that a backfill of a large
corpus runs as many bounded runs (or pods) and one build covers them all in a single run.

A file's batch is the first hex digit of the sha256 of its address (`source`): even, stable
between runs, machines and library versions (Polars' own hash is not promised to be), and known
before the file is read. The files read are split by batch as they enter a build (`by_batch`);
after that each step works batch by batch (transforms/parallel.py, `map_by_batch` and
`gather_by_batch`), so every frame stays its batch's.
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


def joined(parts: Mapping[str, pl.DataFrame], schema: Mapping[str, Any]) -> pl.DataFrame:
    """The batches of one frame as one frame of `schema` (an empty one when there are none)."""
    return pl.concat(
        [pl.DataFrame(schema=dict(schema)), *(part.select(cast_to(schema)) for part in parts.values())]
    )


def cast_to(schema: Mapping[str, Any]) -> list[pl.Expr]:
    return [pl.col(name).cast(dtype) for name, dtype in schema.items()]
