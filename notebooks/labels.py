"""Chinese names for stored codes, so report pages never show `county` or `leadership_duty`:
levels, document types, required parts and flags from data/labels.toml, 纲要 chapters from the
theme lexicon. A code with no label is shown as stored (a new flag still appears)."""

import tomllib
from functools import cache
from importlib import resources

import polars as pl

from transforms.themes import chapters


@cache
def labels() -> dict[str, dict[str, str]]:
    text = resources.files("notebooks.data").joinpath("labels.toml").read_text("utf-8")
    found: dict[str, dict[str, str]] = tomllib.loads(text)
    return {**found, "chapter": {c.code: c.name_zh for c in chapters()}}


def label(kind: str, code: str) -> str:
    """The label of one code; a flag with a payload (`duplicate_of:…`) by its name."""
    return labels()[kind].get(code.split(":", maxsplit=1)[0], code)


def labelled(codes: pl.Expr, kind: str) -> pl.Expr:
    return codes.str.split(":").list.first().replace(labels()[kind])


def with_labels(frame: pl.DataFrame, **columns: str) -> pl.DataFrame:
    """The frame with each named column's codes (or lists of codes) replaced by their labels
    (column=kind)."""
    return frame.with_columns(
        pl.col(column).list.eval(labelled(pl.element(), kind))
        if isinstance(frame.schema[column], pl.List)
        else labelled(pl.col(column), kind)
        for column, kind in columns.items()
    )
