"""Batches of report files: stable, even enough, and every frame of a step split by them."""

import hashlib

import polars as pl

from transforms.batches import BATCHES, Batches, batch_of, joined
from transforms.frames import DOCUMENTS, TERMS, document_id


def test_a_files_batch_is_the_first_hex_digit_of_its_addresss_sha256():
    source = "/inbox/2023年度法治政府建设情况报告.txt"
    assert batch_of(source) == hashlib.sha256(source.encode()).hexdigest()[0]
    assert batch_of("https://www.example.gov.cn/fzzf/1.html") == "d"  # fixed: stored batches stay valid
    counts = pl.Series("batch", [batch_of(f"/inbox/{i}.txt") for i in range(1600)]).value_counts()
    assert sorted(counts.get_column("batch")) == list(BATCHES)
    assert min(counts.get_column("count").to_list()) > 60  # about 100 each


def documents_of(sources: list[str]) -> pl.DataFrame:
    rows = [{"document_id": document_id(s, "0" * 64), "source": s, "sha256": "0" * 64} for s in sources]
    return pl.DataFrame(rows, schema={"document_id": pl.String, "source": pl.String, "sha256": pl.String})


def test_frames_split_by_source_or_through_their_report():
    sources = [f"/inbox/{i}.txt" for i in range(40)]
    documents = documents_of(sources)
    keys = sorted({batch_of(s) for s in sources})
    batches = Batches(documents, keys)

    by_source = batches.split(documents)
    assert sorted(by_source) == keys
    assert all(batch_of(s) == key for key, part in by_source.items() for s in part.get_column("source"))
    assert sum(part.height for part in by_source.values()) == 40
    assert "__batch" not in by_source[keys[0]].columns

    terms = pl.DataFrame(
        {"document_id": documents.get_column("document_id"), "term": ["复议"] * 40, "term_count": [1] * 40},
        schema=TERMS,
    )
    split_terms = batches.split(terms)
    for key, part in split_terms.items():
        assert set(part.get_column("document_id").cast(pl.String)) == set(
            by_source[key].get_column("document_id")
        )


def test_a_batch_without_rows_gets_an_empty_frame_and_joining_restores_the_schema():
    documents = documents_of(["/inbox/a.txt"])
    only = batch_of("/inbox/a.txt")
    other = next(b for b in BATCHES if b != only)
    parts = Batches(documents, [only, other]).split(documents)
    assert parts[other].is_empty()
    assert parts[other].schema == documents.schema
    assert joined({}, DOCUMENTS).schema == pl.Schema(DOCUMENTS)
    assert joined(parts, {"document_id": pl.String, "source": pl.String, "sha256": pl.String}).height == 1
