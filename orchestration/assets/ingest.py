"""Raw documents and the fetch log: what a run reads."""

import dagster as dg
import polars as pl

from orchestration.assets.scrape import scraped_pages
from orchestration.metadata import frame_metadata
from orchestration.partitions import report_batches
from orchestration.resources import FazhiPaths
from transforms.batches import by_batch, joined, source_batches
from transforms.frames import FETCH_LOG_ROWS, RAW_REPORTS

# Every scraped source feeds every batch: a file's batch comes from its address, not its source.
EVERY_SOURCE = dg.AssetDep(scraped_pages, partition_mapping=dg.AllPartitionMapping())


@dg.asset(group_name="ingest", deps=[EVERY_SOURCE], partitions_def=report_batches, kinds={"polars"})
def raw_documents(context: dg.AssetExecutionContext, paths: FazhiPaths) -> dict[str, pl.DataFrame]:
    """The report files of the input folder (the bundled samples by default) or the scraped reports
    of the sources file, less the versions the warehouse already holds (a rerun parses nothing),
    in this run's batches (`files` counts every batch's)."""
    files, new = paths.input_files()
    batches = by_batch(new, source_batches(new), context.partition_keys)
    in_run = joined(batches, RAW_REPORTS)
    context.add_output_metadata(
        {"files": files, "new_or_changed": in_run.height, **frame_metadata(in_run, len(batches))}
    )
    return batches


@dg.asset(group_name="ingest", deps=[EVERY_SOURCE], kinds={"polars"})
def fetch_log(paths: FazhiPaths) -> dg.Output[pl.DataFrame]:
    """Every request of the last scrape of each source: URL, status, bytes, hash, seen when, error."""
    sources = paths.sources()
    store = paths.raw_store()
    logs = [
        store.read_log(s.name).with_columns(source_name=pl.lit(s.name)).select(list(FETCH_LOG_ROWS))
        for s in (sources.sources if sources else [])
    ]
    log = pl.concat([pl.DataFrame(schema=FETCH_LOG_ROWS), *logs])
    return dg.Output(log, metadata=frame_metadata(log))
