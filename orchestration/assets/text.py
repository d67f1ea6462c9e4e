"""Terms, search tokens and themes: what each report talks about."""

import dagster as dg
import polars as pl

from orchestration.assets import frame_out
from orchestration.metadata import batched_output
from orchestration.partitions import report_batches
from transforms.segmenting import segment_batches


@dg.multi_asset(
    group_name="text",
    partitions_def=report_batches,
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
def segmented_text(documents: dict[str, pl.DataFrame]):
    """One pass over every report's text (segmentation is the costliest part): term counts,
    search postings and theme coverage, each batch's frames built as soon as it is segmented."""
    segmented = segment_batches(documents)
    yield batched_output({key: s.terms for key, s in segmented.items()}, "terms")
    yield batched_output({key: s.search for key, s in segmented.items()}, "search_tokens")
    yield batched_output({key: s.themes for key, s in segmented.items()}, "themes")
    yield batched_output({key: s.errors for key, s in segmented.items()}, "segment_errors")
