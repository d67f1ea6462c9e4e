"""Terms, search tokens and themes: what each report talks about."""

import dagster as dg
import polars as pl

from transforms.frames import segment_documents


@dg.multi_asset(
    group_name="text",
    outs={
        "terms": dg.AssetOut(
            description="jieba term counts per report (domain dictionary; stop words and spam out)."
        ),
        "search_tokens": dg.AssetOut(
            description="How often each jieba token occurs in each report: the full-text index."
        ),
        "themes": dg.AssetOut(
            description="How much each report dwells on each 纲要 2021–2025 chapter, per 1,000 characters."
        ),
    },
)
def segmented_text(documents: pl.DataFrame):
    """One pass over every report's text (segmentation is the costliest part): term counts,
    search postings and theme coverage."""
    terms, search, themes = segment_documents(documents)
    yield dg.Output(terms, "terms", metadata={"rows": terms.height})
    yield dg.Output(search, "search_tokens", metadata={"rows": search.height})
    yield dg.Output(themes, "themes", metadata={"rows": themes.height})
