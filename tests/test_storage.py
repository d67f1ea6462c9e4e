"""The one IO manager: frames as Parquet files, read back whole or, for AS_FILES inputs, as paths
(built or not: the consumer picks what it reads, and `built` says which file is missing)."""

from pathlib import Path

import dagster as dg
import polars as pl

from orchestration.storage import AS_FILES, ParquetFrames, built


@dg.asset
def counted_terms() -> pl.DataFrame:
    return pl.DataFrame({"term": ["复议", "应诉"], "term_count": [3, 2]})


@dg.asset(ins={"counted_terms": AS_FILES})
def term_total(counted_terms: Path) -> pl.DataFrame:
    assert isinstance(counted_terms, Path)  # never read by the IO manager
    return pl.scan_parquet(built(counted_terms)).select(pl.col("term_count").sum()).collect()


@dg.asset
def term_rows(counted_terms: pl.DataFrame) -> pl.DataFrame:
    assert isinstance(counted_terms, pl.DataFrame)
    return counted_terms.select(pl.len())


def test_an_input_as_files_is_the_path_of_the_file_a_plain_one_a_frame(tmp_path):
    io_manager = ParquetFrames(base_dir=str(tmp_path))
    result = dg.materialize([counted_terms, term_total, term_rows], resources={"io_manager": io_manager})
    assert result.success
    assert pl.read_parquet(tmp_path / "term_total.parquet").item() == 5
    assert pl.read_parquet(tmp_path / "term_rows.parquet").item() == 2


def test_an_input_as_files_that_was_never_built_fails_with_its_path_when_read(tmp_path):
    io_manager = ParquetFrames(base_dir=str(tmp_path))
    result = dg.materialize(
        [counted_terms.to_source_asset(), term_total],
        resources={"io_manager": io_manager},
        raise_on_error=False,
    )
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert "counted_terms.parquet has not been built" in str(failure.step_failure_data.error)
