"""Scraping is partitioned by source: one partition per [[source]] name of the sources file."""

import dagster as dg

sources_partitions = dg.DynamicPartitionsDefinition(name="sources")
