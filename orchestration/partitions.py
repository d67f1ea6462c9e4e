"""Scraping is partitioned by source: one partition per [[source]] name of the sources file."""

import dagster as dg

SOURCE_PARTITIONS = "sources"
sources_partitions = dg.DynamicPartitionsDefinition(name=SOURCE_PARTITIONS)
