"""The one IO manager: frames as Parquet files, read back whole or, for AS_FILES inputs, as paths
(built or not: the consumer picks what it reads, and `built` says which file is missing); a
batch a step wrote itself (BatchFiles) moved into place."""

from pathlib import Path

import dagster as dg
import polars as pl

from orchestration.metadata import batched_output
from orchestration.storage import AS_FILES, ParquetFrames, batch_files, built


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


batches = dg.StaticPartitionsDefinition(["0", "1"])


@dg.asset(partitions_def=batches)
def written_batch(context: dg.AssetExecutionContext):
    """Writes its batch as it makes it and gives the file, as parse and segment do."""
    with batch_files({"result": ["term"]}) as files:
        files.add("result", context.partition_key, pl.DataFrame({"term": ["复议"], "term_count": [3]}))
        assert files.kept("result").columns == ["term"]
        yield batched_output(files, "result")


@dg.asset(partitions_def=batches)
def failing_batch(context: dg.AssetExecutionContext) -> None:
    with batch_files() as files:
        files.add("failing_batch", context.partition_key, pl.DataFrame({"n": [1]}))
        raise RuntimeError("the step fails after writing its batch")


def test_a_batch_written_by_its_step_is_moved_into_place_and_its_folder_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_HOME", str(tmp_path))
    frames = tmp_path / "frames"
    io_manager = ParquetFrames(base_dir=str(frames))
    result = dg.materialize([written_batch], partition_key="1", resources={"io_manager": io_manager})
    assert result.success
    assert pl.read_parquet(frames / "written_batch" / "1.parquet").rows() == [("复议", 3)]
    assert not (frames / "written_batch" / "0.parquet").exists()
    materialisation = result.asset_materializations_for_node("written_batch")[0]
    assert materialisation.metadata["dagster/row_count"].value == 1
    assert [p.name for p in frames.iterdir()] == ["written_batch"]  # the step's folder is gone


def test_a_failed_step_leaves_no_batch_file_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_HOME", str(tmp_path))
    frames = tmp_path / "frames"
    result = dg.materialize(
        [failing_batch],
        partition_key="0",
        resources={"io_manager": ParquetFrames(base_dir=str(frames))},
        raise_on_error=False,
    )
    assert not result.success
    assert list(frames.iterdir()) == []
