"""Terms, search tokens and themes: what each report talks about."""

import dagster as dg
import polars as pl

from transforms.frames import segment_documents, theme_frame


@dg.multi_asset(
    group_name="text",
    outs={
        "terms": dg.AssetOut(
            description="jieba term counts per report (domain dictionary; stop words and spam out)."
        ),
        "search_tokens": dg.AssetOut(description="Each report as jieba tokens, for the full-text index."),
    },
)
def segmented_text(documents: pl.DataFrame):
    """Segment every report once (the costliest stage) and derive term counts and search tokens."""
    terms, search = segment_documents(documents)
    yield dg.Output(terms, "terms", metadata={"rows": terms.height})
    yield dg.Output(search, "search_tokens", metadata={"rows": search.height})


@dg.asset(group_name="text")
def themes(documents: pl.DataFrame) -> pl.DataFrame:
    """How much each report dwells on each 纲要 2021–2025 chapter, per 1,000 characters."""
    return theme_frame(documents)
