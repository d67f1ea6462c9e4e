"""A large load for crash tests: the sample reports' frames repeated under new ids and sources.

Run as `python -m tests.replicate WAREHOUSE COPIES`: it loads the samples once (published), then
stages a load of COPIES × 5 more reports, printing "staging" just before — the test kills it then.
"""

import sys
from dataclasses import replace
from pathlib import Path

import polars as pl

from tests.conftest import sample_load
from warehouse.build import build_candidate, build_warehouse
from warehouse.contract import LoadInput, ParquetFiles

FRAME_FIELDS = ("documents", "sections", "facts", "inconsistencies")


def renamed(frame: pl.DataFrame, copy: int) -> pl.DataFrame:
    frame = frame.with_columns(pl.col("document_id") + f"-{copy}")
    return frame.with_columns(pl.col("source") + f"#{copy}") if "source" in frame.columns else frame


def replicated(load: LoadInput, copies: int) -> LoadInput:
    def many(frame: pl.DataFrame | ParquetFiles) -> pl.DataFrame:
        frame = pl.read_parquet(list(frame.paths)) if isinstance(frame, ParquetFiles) else frame
        return pl.concat([renamed(frame, copy) for copy in range(copies)])

    frames = replace(load.frames, **{name: many(getattr(load.frames, name)) for name in FRAME_FIELDS})
    return replace(
        load, frames=frames, terms=many(load.terms), search=many(load.search), themes=many(load.themes)
    )


def main(warehouse: str, copies: str) -> None:
    path = Path(warehouse)
    load = sample_load()
    build_warehouse(path, load)
    big = replicated(load, int(copies))
    print("staging", flush=True)
    build_candidate(path, big)
    print("staged", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
