"""Terms and themes: what each report talks about."""

import dagster as dg
import polars as pl

from transforms.frames import term_frame, theme_frame


@dg.asset(group_name="text")
def terms(documents: pl.DataFrame) -> pl.DataFrame:
    """jieba term counts per report (domain dictionary; stop words and injected spam left out)."""
    frame = term_frame(documents)
    dg.get_dagster_logger().info("terms: %s rows", frame.height)
    return frame


@dg.asset(group_name="text")
def themes(documents: pl.DataFrame) -> pl.DataFrame:
    """How much each report dwells on each 纲要 2021–2025 chapter, per 1,000 characters."""
    return theme_frame(documents)
