"""What one warehouse build loads: the load contract between the pipeline's stages and the loader."""

from dataclasses import dataclass, field

import polars as pl

from transforms.frames import FETCH_LOG_ROWS, ReportFrames


@dataclass(frozen=True)
class LoadInput:
    """Everything one warehouse build loads: the run's frames and the dimensions."""

    frames: ReportFrames
    terms: pl.DataFrame
    search: pl.DataFrame
    themes: pl.DataFrame
    run_id: str
    dimensions: dict[str, pl.DataFrame]
    fetch_log: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=FETCH_LOG_ROWS))
