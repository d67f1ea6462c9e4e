"""Scraped pages: one source's reports fetched from its website into the raw store."""

import dagster as dg

from orchestration.partitions import sources_partitions
from orchestration.resources import FazhiPaths
from transforms.scrape import scrape_source


@dg.asset(group_name="ingest", partitions_def=sources_partitions, kinds={"python", "http"})
def scraped_pages(context: dg.AssetExecutionContext, paths: FazhiPaths) -> dg.MaterializeResult:
    """The reports of one source (a government website's 法治政府建设 column), fetched politely
    and kept byte for byte under their sha256, with a log of every request."""
    sources = paths.deployed_sources()
    if sources is None:
        raise dg.Failure("no sources file: set FAZHI_SOURCES or put sources.toml in FAZHI_HOME")
    by_name = {s.name: s for s in sources.sources}
    if context.partition_key not in by_name:
        raise dg.Failure(f"source {context.partition_key!r} is not in the sources file")
    summary = scrape_source(by_name[context.partition_key], sources.fetch, paths.raw_store())
    return dg.MaterializeResult(
        metadata={
            "list_pages": summary.list_pages,
            "reports": summary.reports,
            "changed": summary.changed,
            "requests": summary.requests,
            "seconds": summary.seconds,
            "errors": dg.MetadataValue.md("\n".join(f"- {e}" for e in summary.errors) or "none"),
        }
    )
