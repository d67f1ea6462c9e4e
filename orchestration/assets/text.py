"""Terms, search tokens and themes: what each report talks about."""

import dagster as dg
import polars as pl

from transforms.segmenting import segment_documents


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
        "segment_errors": dg.AssetOut(
            description="Reports whose segmentation failed: left out of the load, retried next run."
        ),
    },
)
def segmented_text(documents: pl.DataFrame):
    """One pass over every report's text (segmentation is the costliest part): term counts,
    search postings and theme coverage."""
    segmented = segment_documents(documents)
    yield dg.Output(segmented.terms, "terms", metadata={"rows": segmented.terms.height})
    yield dg.Output(segmented.search, "search_tokens", metadata={"rows": segmented.search.height})
    yield dg.Output(segmented.themes, "themes", metadata={"rows": segmented.themes.height})
    yield dg.Output(segmented.errors, "segment_errors", metadata={"rows": segmented.errors.height})
