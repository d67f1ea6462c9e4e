"""Near-duplicate reports: the same report mirrored with small edits (an identical text is one
document with two sources, which the loader sees from the text hash).

Copies share their region, so only reports of one region are compared — pairwise comparison of
a whole year would not scale — by the Jaccard similarity of their character shingles. The year is
not part of the key: a mirror that retitles a report (or whose year is misread) is still a copy,
while two years' reports of one region share far less than NEAR_DUPLICATE of their text.
Reports the warehouse already holds are the originals; among new ones, the first
source in sorted order is.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

SHINGLE = 8
NEAR_DUPLICATE = 0.85


@dataclass(frozen=True)
class DuplicateKey:
    document_id: str
    source: str
    region: str | None
    year: int | None
    text: str


def shingles(text: str) -> set[int]:
    compact = "".join(text.split())
    return {hash(compact[i : i + SHINGLE]) for i in range(max(1, len(compact) - SHINGLE + 1))}


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def find_duplicates(documents: Sequence[DuplicateKey], held: Sequence[DuplicateKey] = ()) -> dict[str, str]:
    """document_id of each copy among `documents` -> the original it duplicates (`held`: reports
    already in the warehouse, compared first, never copies themselves)."""
    buckets: dict[str | None, list[DuplicateKey]] = defaultdict(list)
    for document in [*held, *sorted(documents, key=lambda d: d.source)]:
        buckets[document.region].append(document)
    copies: dict[str, str] = {}
    for bucket in (b for b in buckets.values() if len(b) > 1):  # a report alone in its bucket is no copy
        originals: list[tuple[DuplicateKey, set[int]]] = []
        for document in bucket:
            signature = shingles(document.text)
            original = next((o for o, s in originals if jaccard(signature, s) >= NEAR_DUPLICATE), None)
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
