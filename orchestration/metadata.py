"""Materialisation metadata a watcher of the UI can use: row counts and column schemas in
Dagster's standard keys (the UI shows them on the asset page), and Markdown previews."""

from collections.abc import Sequence

import dagster as dg
import polars as pl

from orchestration.storage import BatchFiles

PREVIEW_ROWS = 20


def frame_metadata(frame: pl.DataFrame, batches: int = 1) -> dict[str, dg.MetadataValue]:
    return table_metadata(frame.schema, frame.height, batches)


def table_metadata(schema: pl.Schema, rows: int, batches: int = 1) -> dict[str, dg.MetadataValue]:
    """dagster/row_count and dagster/column_schema of a frame an asset gives. A run over several
    batches gives every batch's materialisation the same metadata, the run's: its row count is
    then `rows_in_run`, not a batch's `dagster/row_count`."""
    columns = [dg.TableColumn(name, str(dtype)) for name, dtype in schema.items()]
    return {
        "dagster/row_count" if batches == 1 else "rows_in_run": dg.MetadataValue.int(rows),
        "dagster/column_schema": dg.MetadataValue.table_schema(dg.TableSchema(columns=columns)),
    }


def markdown_table(frame: pl.DataFrame, rows: int = PREVIEW_ROWS) -> dg.MetadataValue:
    """The first rows of a small frame as a Markdown table (pipes in values escaped)."""
    if frame.is_empty():
        return dg.MetadataValue.md("none")

    def line(values: Sequence[object]) -> str:
        return "| " + " | ".join(str(v).replace("|", "\\|") for v in values) + " |"

    lines = [line(frame.columns), line(["---"] * frame.width)]
    lines += [line(list(row)) for row in frame.head(rows).iter_rows()]
    if frame.height > rows:
        lines.append(f"\n… and {frame.height - rows} more")
    return dg.MetadataValue.md("\n".join(lines))


def counts_markdown(frame: pl.DataFrame, column: str) -> dg.MetadataValue:
    """How many rows have each value of a column (a list column counts each element)."""
    values = frame.get_column(column)
    if values.dtype == pl.List(pl.String):
        values = values.explode()
    counts = values.drop_nulls().value_counts(sort=True)
    return markdown_table(counts)


def batched_output(files: BatchFiles, name: str, **extra: dg.MetadataValue) -> dg.Output:
    """An output of a batched asset, the file of each of this run's batches, with the run's metadata."""
    parts = files.files[name]
    metadata = table_metadata(files.schemas[name], files.rows[name], len(parts))
    return dg.Output(dict(parts), name, metadata={**metadata, **extra})
