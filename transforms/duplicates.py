"""Near-duplicate reports: the same report mirrored with small edits (an identical text is one
document with two sources, which the loader sees from the text hash).

Copies share their region, so only reports of one region are compared — pairwise comparison of
a whole year would not scale — by the Jaccard similarity of their character shingles. The year is
not part of the key: a mirror that retitles a report (or whose year is misread) is still a copy,
while two years' reports of one region share far less than NEAR_DUPLICATE of their text.
Reports the warehouse already holds are the originals; among new ones, the first
source in sorted order is.

A text's shingles are kept as a sorted NumPy array of 64-bit polynomial hashes: 8 bytes a shingle
instead of a Python set's ~60, and built in a tenth of the time (at 10,000 reports the sets took
20 s and most of the loader's memory). Two texts whose shingle counts differ by more than
NEAR_DUPLICATE cannot reach it, so they are not compared.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

SHINGLE = 8
NEAR_DUPLICATE = 0.85
# Hashes are polynomials in a prime base, wrapping modulo 2**64 (unsigned arithmetic).
BASE = 1_000_003
POWERS = np.array([pow(BASE, k, 2**64) for k in range(SHINGLE)], dtype=np.uint64)
Shingles = npt.NDArray[np.uint64]


@dataclass(frozen=True)
class DuplicateKey:
    document_id: str
    source: str
    region: str | None
    year: int | None
    text: str


def shingles(text: str) -> Shingles:
    """The distinct hashes of the text's SHINGLE-character windows, whitespace removed, sorted."""
    codes = np.frombuffer("".join(text.split()).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    windows = max(1, len(codes) - SHINGLE + 1)
    codes = np.pad(codes, (0, max(0, SHINGLE - len(codes))))
    hashes = np.zeros(windows, dtype=np.uint64)
    for offset, power in enumerate(POWERS):
        hashes += codes[offset : offset + windows] * power
    hashes.sort()  # then drop repeats: faster than np.unique, which hashes before it sorts
    return hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]


def jaccard(a: Shingles, b: Shingles) -> float:
    """|a ∩ b| / |a ∪ b| of two sorted arrays of distinct hashes."""
    found = np.minimum(np.searchsorted(b, a), len(b) - 1)
    shared = int(np.count_nonzero(b[found] == a))
    return shared / (len(a) + len(b) - shared)


def may_be_near(a: Shingles, b: Shingles) -> bool:
    """The Jaccard similarity is at most the ratio of the two sizes."""
    return min(len(a), len(b)) >= NEAR_DUPLICATE * max(len(a), len(b))


def find_duplicates(documents: Sequence[DuplicateKey], held: Sequence[DuplicateKey] = ()) -> dict[str, str]:
    """document_id of each copy among `documents` -> the original it duplicates (`held`: reports
    already in the warehouse, compared first, never copies themselves)."""
    buckets: dict[str | None, list[DuplicateKey]] = defaultdict(list)
    for document in [*held, *sorted(documents, key=lambda d: d.source)]:
        buckets[document.region].append(document)
    copies: dict[str, str] = {}
    for bucket in (b for b in buckets.values() if len(b) > 1):  # a report alone in its bucket is no copy
        originals: list[tuple[DuplicateKey, Shingles]] = []
        for document in bucket:
            signature = shingles(document.text)
            original = next(
                (
                    o
                    for o, s in originals
                    if may_be_near(signature, s) and jaccard(signature, s) >= NEAR_DUPLICATE
                ),
                None,
            )
            if original is None:
                originals.append((document, signature))
            elif original.document_id != document.document_id:
                copies[document.document_id] = original.document_id
    return copies


KEY_COLUMNS = ("document_id", "source", "adcode", "report_year", "text")


def keys_of(frame: pl.DataFrame) -> list[DuplicateKey]:
    return [DuplicateKey(*row) for row in frame.select(KEY_COLUMNS).iter_rows()]


def with_duplicates_flagged(documents: pl.DataFrame, held: pl.DataFrame | None = None) -> pl.DataFrame:
    """New documents that copy another one carry `duplicate_of:<id of the original>`."""
    held_keys = keys_of(held) if held is not None else []
    copies = {
        copy: original
        for copy, original in find_duplicates(keys_of(documents), held_keys).items()
        if copy not in {k.document_id for k in held_keys}
    }
    if not copies:
        return documents
    original = pl.col("document_id").replace_strict(copies, default=None)
    return documents.with_columns(
        flags=pl.when(original.is_null())
        .then(pl.col("flags"))
        .otherwise(pl.col("flags").list.concat(pl.concat_list(pl.lit("duplicate_of:") + original)))
    )
