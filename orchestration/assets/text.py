"""Terms, search tokens and themes: what each report talks about."""

import dagster as dg
import polars as pl

from orchestration.assets import frame_out
from orchestration.metadata import frame_metadata
from transforms.segmenting import segment_documents


@dg.multi_asset(
    group_name="text",
    outs={
        "terms": frame_out(
            description="jieba term counts per report (domain dictionary; stop words and spam out)."
        ),
        "search_tokens": frame_out(
            description="How often each jieba token occurs in each report: the full-text index."
        ),
        "themes": frame_out(
            description="How much each report dwells on each 纲要 2021–2025 chapter, per 1,000 characters."
        ),
        "segment_errors": frame_out(
            description="Reports whose segmentation failed: left out of the load, retried next run."
        ),
    },
)
def segmented_text(documents: pl.DataFrame):
    """One pass over every report's text (segmentation is the costliest part): term counts,
    search postings and theme coverage."""
    segmented = segment_documents(documents)
    yield dg.Output(segmented.terms, "terms", metadata=frame_metadata(segmented.terms))
    yield dg.Output(segmented.search, "search_tokens", metadata=frame_metadata(segmented.search))
    yield dg.Output(segmented.themes, "themes", metadata=frame_metadata(segmented.themes))
    yield dg.Output(segmented.errors, "segment_errors", metadata=frame_metadata(segmented.errors))
