"""The one IO manager: every frame an asset produces is a Parquet file under FAZHI_HOME/frames,
one per batch for the batched assets, so a step in another process, pod or Celery worker reads
what the step before it wrote, and the UI can rebuild any asset from the files of its inputs.

A batched asset's value is a dict of its batches' frames, whatever the run covers: one batch
(a backfill run on a cluster), some or all of them (`fazhi run`). An input declared with
`AS_FILES` gets the paths of every batch's file instead of frames, built or not: the warehouse
loader, which is not batched, reads the batches of its run only (orchestration/partitions.py) and
hands the largest frames (terms and search postings, tens of millions of rows) to DuckDB without
holding them in Python."""

from pathlib import Path

import dagster as dg
import polars as pl

from orchestration.settings import Settings

FILES = "fazhi/files"
AS_FILES = dg.AssetIn(metadata={FILES: True})


class ParquetFrames(dg.ConfigurableIOManager):
    """`base_dir`, else the frames folder of FAZHI_HOME; `asset/batch.parquet` or `asset.parquet`."""

    base_dir: str = ""

    def handle_output(self, context: dg.OutputContext, obj: pl.DataFrame | dict[str, pl.DataFrame]) -> None:
        keys = sorted(context.asset_partition_keys) if context.has_asset_partitions else None
        given = sorted(obj) if isinstance(obj, dict) else None
        if given != keys:
            name = context.asset_key.to_user_string()
            raise dg.Failure(f"{name} gave batches {given or 'none'}, its run builds {keys or 'none'}")
        if isinstance(obj, pl.DataFrame):
            write(obj, self.path(context.asset_key))
            return
        for key, frame in obj.items():
            write(frame, self.path(context.asset_key, key))

    def load_input(self, context: dg.InputContext) -> pl.DataFrame | Path | dict[str, pl.DataFrame | Path]:
        as_files = bool(context.definition_metadata.get(FILES))

        def value(path: Path) -> pl.DataFrame | Path:
            return path if as_files else read(path)

        if not context.has_asset_partitions:
            return value(self.path(context.asset_key))
        return {key: value(self.path(context.asset_key, key)) for key in sorted(context.asset_partition_keys)}

    def path(self, asset: dg.AssetKey, batch: str | None = None) -> Path:
        base = Path(self.base_dir) if self.base_dir else Settings.from_env().frames
        folder = base.joinpath(*asset.path)
        return folder / f"{batch}.parquet" if batch is not None else folder.with_suffix(".parquet")


def write(frame: pl.DataFrame, path: Path) -> None:
    """Written beside and renamed, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    frame.write_parquet(partial)
    partial.replace(path)


def read(path: Path) -> pl.DataFrame:
    return pl.read_parquet(built(path))


def built(path: Path) -> Path:
    if not path.is_file():
        raise dg.Failure(f"{path} has not been built: materialise every batch of its asset first")
    return path
