"""The assets of the one code location, by layer: ingest, parse, text, warehouse."""

import dagster as dg


def frame_out(description: str) -> dg.AssetOut:
    """An output of a multi-asset that is a Polars frame computed in Python (its kinds in the UI)."""
    return dg.AssetOut(description=description, kinds={"python", "polars"})
