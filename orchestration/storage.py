"""The one IO manager: every frame an asset produces is a Parquet file under FAZHI_HOME/frames,
one per batch for the batched assets, so a step in another process, pod or Celery worker reads
what the step before it wrote, and the UI can rebuild any asset from the files of its inputs.

A batched asset's value is a dict of its batches' frames, whatever the run covers: one batch
(a backfill run on a cluster), some or all of them (`fazhi run`). A step over many batches writes
each batch as it makes it (`BatchFiles`) and gives the files, which the IO manager moves into
place: it holds one batch at a time, not the run's. An input declared with `AS_FILES` gets the
paths of every batch's file instead of frames, built or not: segmentation reads a batch's texts
when it reaches it, and the warehouse loader, which is not batched, reads the batches of its run
only (orchestration/partitions.py) and hands the largest frames (terms, search postings and the
texts) to DuckDB without holding them in Python. At 10,000 reports the largest process of
`fazhi run` went from 1.10 GB to 0.88 GB this way, at 20,000 from 1.73 GB to 1.10 GB."""

import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import polars as pl

from orchestration.settings import Settings

FILES = "fazhi/files"
AS_FILES = dg.AssetIn(metadata={FILES: True})


class ParquetFrames(dg.ConfigurableIOManager):
    """`base_dir`, else the frames folder of FAZHI_HOME; `asset/batch.parquet` or `asset.parquet`."""

    base_dir: str = ""

    def handle_output(
        self, context: dg.OutputContext, obj: pl.DataFrame | dict[str, pl.DataFrame | Path]
    ) -> None:
        keys = sorted(context.asset_partition_keys) if context.has_asset_partitions else None
        given = sorted(obj) if isinstance(obj, dict) else None
        if given != keys:
            name = context.asset_key.to_user_string()
            raise dg.Failure(f"{name} gave batches {given or 'none'}, its run builds {keys or 'none'}")
        if isinstance(obj, pl.DataFrame):
            write(obj, self.path(context.asset_key))
            return
        for key, frame in obj.items():
            target = self.path(context.asset_key, key)
            if isinstance(frame, Path):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(frame, target)  # a rename within one disk: never half a file
            else:
                write(frame, target)

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


def read(path: Path, columns: list[str] | None = None) -> pl.DataFrame:
    return pl.read_parquet(built(path), columns=columns)


def built(path: Path) -> Path:
    if not path.is_file():
        raise dg.Failure(f"{path} has not been built: materialise every batch of its asset first")
    return path


class BatchFiles:
    """The outputs of a batched step, written batch by batch as the step makes them, into a
    folder of its own beside the frames; `files` is what the step gives for an output (the IO
    manager moves them into place). Keeps each output's row count and schema for its metadata,
    and the `kept` columns the step's checks read."""

    def __init__(self, folder: Path, kept: Mapping[str, Sequence[str]]) -> None:
        self.folder = folder
        self.kept_columns = kept
        self.files: dict[str, dict[str, Path]] = defaultdict(dict)
        self.rows: Counter[str] = Counter()
        self.schemas: dict[str, pl.Schema] = {}
        self.kept_parts: dict[str, list[pl.DataFrame]] = defaultdict(list)

    def add(self, output: str, batch: str, frame: pl.DataFrame) -> None:
        path = self.folder / output / f"{batch}.parquet"
        write(frame, path)
        self.files[output][batch] = path
        self.rows[output] += frame.height
        self.schemas[output] = frame.schema
        if output in self.kept_columns:
            self.kept_parts[output].append(frame.select(self.kept_columns[output]))

    def kept(self, output: str) -> pl.DataFrame:
        """The kept columns of every batch of `output`, as one frame."""
        return pl.concat(self.kept_parts[output])


@contextmanager
def batch_files(kept: Mapping[str, Sequence[str]] | None = None) -> Iterator[BatchFiles]:
    """A step's BatchFiles; what the IO manager has not moved (a failed step's) is removed."""
    frames = Settings.from_env().frames
    frames.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".step-", dir=frames))
    try:
        yield BatchFiles(folder, kept or {})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
