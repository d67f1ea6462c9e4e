"""What one warehouse build loads: the load contract between the pipeline's stages and the loader."""

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from transforms.frames import FETCH_LOG_ROWS, ReportFrames


@dataclass(frozen=True)
class ParquetFiles:
    """A frame as the Parquet files a step wrote (one per batch), which DuckDB reads itself as it
    loads, in bounded memory: at 10,000 reports the search postings took 199 MB and 1.9 s read
    this way, 479 MB and 3.3 s through a Polars scan (which DuckDB collects whole)."""

    paths: tuple[Path, ...]

    def __post_init__(self) -> None:
        if not self.paths:
            raise ValueError("ParquetFiles needs at least one file (an empty batch has one too)")


@dataclass(frozen=True)
class ReportRowFiles:
    """A run's outlines, figures and consistency findings as the batch files parse wrote them,
    when `LoadInput.frames` leaves them out: DuckDB reads them as it loads, and the load keeps
    only the rows of the documents it loads (a document that failed later has none kept). Held
    in Python they added 42 MB to a build's largest process at 10,000 reports, 69 MB at 20,000."""

    sections: ParquetFiles
    facts: ParquetFiles
    inconsistencies: ParquetFiles


@dataclass(frozen=True)
class LoadInput:
    """Everything one warehouse build loads: the run's frames and the dimensions."""

    frames: ReportFrames
    # The two largest, tens of millions of rows at scale: as their batch files they are read by
    # DuckDB as it loads, never held in Python.
    terms: pl.DataFrame | ParquetFiles
    search: pl.DataFrame | ParquetFiles
    themes: pl.DataFrame | ParquetFiles
    run_id: str
    dimensions: dict[str, pl.DataFrame]
    fetch_log: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=FETCH_LOG_ROWS))
    # The documents' texts (document_id, text), when frames.documents leaves them out: the
    # pipeline's loader gives its batches' DOCUMENTS files (113 MB of text at 10,000 reports).
    texts: ParquetFiles | None = None
    row_files: ReportRowFiles | None = None

    def document_texts(self) -> pl.DataFrame | ParquetFiles:
        return self.texts if self.texts is not None else self.frames.documents.select("document_id", "text")

    def sections(self) -> pl.DataFrame | ParquetFiles:
        return self.row_files.sections if self.row_files else self.frames.sections

    def facts(self) -> pl.DataFrame | ParquetFiles:
        return self.row_files.facts if self.row_files else self.frames.facts

    def inconsistencies(self) -> pl.DataFrame | ParquetFiles:
        return self.row_files.inconsistencies if self.row_files else self.frames.inconsistencies
