"""Duplicate reports: the same report published at two addresses, or mirrored with small edits.

Copies share their region and year, so only reports of one (region, year) are compared — pairwise
comparison of a whole year would not scale — by the Jaccard similarity of their character
shingles. The first source (in sorted order) is the original; the others point to it.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

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


def find_duplicates(documents: Sequence[DuplicateKey]) -> dict[str, str]:
    """document_id of each copy -> document_id of the original it duplicates."""
    buckets: dict[tuple, list[DuplicateKey]] = defaultdict(list)
    for document in sorted(documents, key=lambda d: d.source):
        buckets[(document.region, document.year)].append(document)
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
