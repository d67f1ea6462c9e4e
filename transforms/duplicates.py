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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import polars as pl

SHINGLE = 8
NEAR_DUPLICATE = 0.85
# The characters of text compared at a time (with_duplicates_flagged_by_region): a group of
# regions about this size, 40 MB as Python strings.
GROUP_CHARACTERS = 20_000_000
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
    return flagged(documents, copies_of(documents, held))


def copies_of(documents: pl.DataFrame, held: pl.DataFrame | None = None) -> dict[str, str]:
    """document_id of each copy among the new `documents` -> its original (KEY_COLUMNS of both)."""
    held_keys = keys_of(held) if held is not None else []
    held_ids = {k.document_id for k in held_keys}
    return {
        copy: original
        for copy, original in find_duplicates(keys_of(documents), held_keys).items()
        if copy not in held_ids
    }


def flagged(documents: pl.DataFrame, copies: dict[str, str]) -> pl.DataFrame:
    if not copies:
        return documents
    original = pl.col("document_id").replace_strict(copies, default=None)
    return documents.with_columns(
        flags=pl.when(original.is_null())
        .then(pl.col("flags"))
        .otherwise(pl.col("flags").list.concat(pl.concat_list(pl.lit("duplicate_of:") + original)))
    )


def with_duplicates_flagged_by_region(
    documents: pl.DataFrame,
    texts: Sequence[Path],
    held: Callable[[list[str]], pl.DataFrame],
    characters: int = GROUP_CHARACTERS,
) -> pl.DataFrame:
    """`documents` (their text left out) with copies flagged, one group of regions at a time: a
    group's new texts are read from the DOCUMENTS files `texts`, the reports the warehouse holds
    for its regions from `held`. The loader holds a group's texts, never the run's (at 10,000
    reports 113 MB of UTF-8, twice that as the Python strings compared)."""
    copies: dict[str, str] = {}
    for group in region_groups(documents, characters):
        in_group = pl.col("adcode").is_in([g for g in group if g is not None])
        if None in group:
            in_group |= pl.col("adcode").is_null()
        new = pl.scan_parquet(list(texts)).filter(in_group).select(KEY_COLUMNS).collect()
        regions = [g for g in group if g is not None]
        copies |= copies_of(new, held(regions) if regions else None)
    return flagged(documents, copies)


def region_groups(documents: pl.DataFrame, characters: int = GROUP_CHARACTERS) -> list[list[str | None]]:
    """The documents' regions (None: no region, a bucket of its own) in groups whose texts add up
    to about `characters`; a region is never split, since its reports are compared with each other."""
    lengths = documents.group_by("adcode").agg(pl.col("length").sum()).sort("adcode", nulls_last=True)
    groups: list[list[str | None]] = [[]]
    size = 0
    for adcode, length in lengths.iter_rows():
        if groups[-1] and size + length > characters:
            groups.append([])
            size = 0
        groups[-1].append(adcode)
        size += length
    return [group for group in groups if group]
