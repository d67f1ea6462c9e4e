"""Parquet between the steps of the backfill job: each op output is a file under the stages folder,
so a step in another process, pod or Celery worker reads what the step before it wrote."""

import dagster as dg
import polars as pl
from upath import UPath

from orchestration.settings import Settings


class ParquetStageFiles(dg.UPathIOManager):
    """One Parquet file per output (and per mapping key of a fanned-out step)."""

    extension = ".parquet"

    def dump_to_path(self, context: dg.OutputContext, obj: pl.DataFrame, path: UPath) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        obj.write_parquet(str(path))

    def load_from_path(self, context: dg.InputContext, path: UPath) -> pl.DataFrame:
        return pl.read_parquet(str(path), glob=False)  # mapped steps are named like step[key]


class ParquetStages(dg.ConfigurableIOManagerFactory):
    """Where the stage files go: `base_dir`, else `stages/` under FAZHI_HOME."""

    base_dir: str = ""

    def create_io_manager(self, context: dg.InitResourceContext) -> ParquetStageFiles:
        base = self.base_dir or str(Settings.from_env().stages)
        return ParquetStageFiles(base_path=UPath(base))
