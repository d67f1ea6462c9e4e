"""Raw documents and the fetch log: what a run reads."""

import dagster as dg
import polars as pl

from orchestration.assets.scrape import scraped_pages
from orchestration.metadata import frame_metadata
from orchestration.resources import FazhiPaths
from transforms.frames import FETCH_LOG_ROWS


@dg.asset(group_name="ingest", deps=[scraped_pages], kinds={"polars"})
def raw_documents(context: dg.AssetExecutionContext, paths: FazhiPaths) -> pl.DataFrame:
    """The report files of the input folder (the bundled samples by default) or the scraped reports
    of the sources file, less the versions the warehouse already holds: a rerun parses nothing."""
    files, new = paths.input_files()
    context.add_output_metadata({"files": files, "new_or_changed": new.height, **frame_metadata(new)})
    return new


@dg.asset(group_name="ingest", deps=[scraped_pages], kinds={"polars"})
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
