"""Batches of report files: stable, even enough, and the files read split by them."""

import hashlib

import polars as pl

from transforms.batches import BATCHES, batch_of, by_batch, joined, source_batches
from transforms.frames import DOCUMENTS, document_id


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


def test_a_batch_without_rows_gets_an_empty_frame_and_joining_restores_the_schema():
    documents = documents_of(["/inbox/a.txt"])
    only = batch_of("/inbox/a.txt")
    other = next(b for b in BATCHES if b != only)
    parts = by_batch(documents, source_batches(documents), [only, other])
    assert parts[only].height == 1
    assert parts[other].is_empty()
    assert parts[other].schema == documents.schema
    assert "__batch" not in parts[only].columns
    assert joined({}, DOCUMENTS).schema == pl.Schema(DOCUMENTS)
    assert joined(parts, {"document_id": pl.String, "source": pl.String, "sha256": pl.String}).height == 1
