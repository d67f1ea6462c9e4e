"""Partitions: scraping by source (one per [[source]] name of the sources file), the build by
batch of report files (transforms/batches.py)."""

import dagster as dg

from transforms.batches import BATCHES

SOURCE_PARTITIONS = "sources"
sources_partitions = dg.DynamicPartitionsDefinition(name=SOURCE_PARTITIONS)
report_batches = dg.StaticPartitionsDefinition(list(BATCHES))

# The tags that make one run cover a range of partitions (what the UI sets for a single-run backfill).
RANGE_START, RANGE_END = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"


def batch_range(first: str = BATCHES[0], last: str = BATCHES[-1]) -> dict[str, str]:
    """The tags of a run over batches `first` to `last` (by default every batch)."""
    return {RANGE_START: first, RANGE_END: last}
