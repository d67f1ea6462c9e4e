"""Raw documents: the report files the run reads."""

import dagster as dg
import polars as pl

from orchestration.resources import FazhiPaths
from transforms.samples import read_files, report_files


@dg.asset(group_name="ingest")
def raw_documents(context: dg.AssetExecutionContext, paths: FazhiPaths) -> pl.DataFrame:
    """Every report file of the input folder (the bundled samples by default), as bytes with its path."""
    files = list(read_files(report_files(paths.input_folder())))
    context.add_output_metadata({"files": len(files), "folder": str(paths.input_folder())})
    return pl.DataFrame(files, schema={"source": pl.String, "content": pl.Binary}, orient="row")
