"""Terms, search tokens and themes: what each report talks about."""

from pathlib import Path

import dagster as dg

from orchestration.assets import frame_out
from orchestration.metadata import batched_output
from orchestration.partitions import report_batches
from orchestration.storage import AS_FILES, batch_files, built
from transforms.segmenting import segment_batches

# The outputs, in the order of SegmentFrames' fields.
OUTPUTS = ("terms", "search_tokens", "themes", "segment_errors")


@dg.multi_asset(
    group_name="text",
    partitions_def=report_batches,
    ins={"documents": AS_FILES},
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
def segmented_text(documents: dict[str, Path]):
    """One pass over every report's text (segmentation is the costliest part): term counts,
    search postings and theme coverage, each batch's frames written as soon as it is segmented
    (its texts read from the batch's file only then)."""
    with batch_files() as files:
        for batch, segmented in segment_batches({batch: built(path) for batch, path in documents.items()}):
            for name, frame in zip(OUTPUTS, segmented, strict=True):
                files.add(name, batch, frame)
        for name in OUTPUTS:
            yield batched_output(files, name)
