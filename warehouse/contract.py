"""What one warehouse build loads: the load contract between the pipeline's stages and the loader."""

from dataclasses import dataclass, field

import polars as pl

from transforms.frames import FETCH_LOG_ROWS, ReportFrames


@dataclass(frozen=True)
class LoadInput:
    """Everything one warehouse build loads: the run's frames and the dimensions."""

    frames: ReportFrames
    # The two largest, tens of millions of rows at scale: a lazy frame (scans of the batch files)
    # is read by DuckDB as it loads, never held in Python.
    terms: pl.DataFrame | pl.LazyFrame
    search: pl.DataFrame | pl.LazyFrame
    themes: pl.DataFrame
    run_id: str
    dimensions: dict[str, pl.DataFrame]
    fetch_log: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=FETCH_LOG_ROWS))
