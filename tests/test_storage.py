"""The one IO manager: frames as Parquet files, read back whole or, for SCANNED inputs, as scans."""

import dagster as dg
import polars as pl

from orchestration.storage import SCANNED, ParquetFrames


@dg.asset
def counted_terms() -> pl.DataFrame:
    return pl.DataFrame({"term": ["复议", "应诉"], "term_count": [3, 2]})


@dg.asset(ins={"counted_terms": SCANNED})
def term_total(counted_terms: pl.LazyFrame) -> pl.DataFrame:
    assert isinstance(counted_terms, pl.LazyFrame)  # not read until collected
    return counted_terms.select(pl.col("term_count").sum()).collect()


@dg.asset
def term_rows(counted_terms: pl.DataFrame) -> pl.DataFrame:
    assert isinstance(counted_terms, pl.DataFrame)
    return counted_terms.select(pl.len())


def test_a_scanned_input_is_a_lazy_scan_of_the_file_a_plain_one_a_frame(tmp_path):
    io_manager = ParquetFrames(base_dir=str(tmp_path))
    result = dg.materialize([counted_terms, term_total, term_rows], resources={"io_manager": io_manager})
    assert result.success
    assert pl.read_parquet(tmp_path / "term_total.parquet").item() == 5
    assert pl.read_parquet(tmp_path / "term_rows.parquet").item() == 2
