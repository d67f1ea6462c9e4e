"""Partitions: scraping by source (one per [[source]] name of the sources file), the build by
batch of report files (transforms/batches.py).

A build covers the batches its new files fall in (`covering`): a run that brings one report
builds one batch and records ten materialisations, not 160 (Dagster's event log costs 10-15 ms an
event). Its loader reads the batches its run covers (`run_batches`), so a batch left from an
earlier build, whose files the warehouse already holds, is never read again."""

from collections.abc import Iterable, Mapping

import dagster as dg

from transforms.batches import BATCHES

SOURCE_PARTITIONS = "sources"
sources_partitions = dg.DynamicPartitionsDefinition(name=SOURCE_PARTITIONS)
report_batches = dg.StaticPartitionsDefinition(list(BATCHES))

# The tags that make one run cover a range of partitions (what the UI sets for a single-run backfill).
RANGE_START, RANGE_END = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"
PARTITION = "dagster/partition"


def batch_range(first: str = BATCHES[0], last: str = BATCHES[-1]) -> dict[str, str]:
    """The tags of a run over batches `first` to `last` (by default every batch)."""
    return {RANGE_START: first, RANGE_END: last}


def covering(batches: Iterable[str]) -> dict[str, str]:
    """The tags of a run over the smallest range of batches that holds `batches` (every batch
    when there are none: a first build of an empty folder still makes its warehouse)."""
    wanted = sorted(set(batches))
    return batch_range(wanted[0], wanted[-1]) if wanted else batch_range()


def run_batches(tags: Mapping[str, str]) -> list[str]:
    """The batches a run covers, from its tags: its range, its one partition, or (a run that
    names none, such as a backfill's load) every batch."""
    if RANGE_START in tags and RANGE_END in tags:
        first, last = BATCHES.index(tags[RANGE_START]), BATCHES.index(tags[RANGE_END])
        return list(BATCHES[first : last + 1])
    if tags.get(PARTITION) in BATCHES:
        return [tags[PARTITION]]
    return list(BATCHES)
