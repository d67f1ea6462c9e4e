"""`fazhi sql`: one analyst query against the published warehouse, read-only by construction.

Three layers, each enough on its own for the common case and together for the rest:
1. DuckDB's own parser classifies the text: exactly one statement, of type SELECT (SHOW, DESCRIBE,
   SUMMARIZE, PRAGMA table_info and FROM-first queries are SELECTs to it); EXPLAIN only of a query,
   since EXPLAIN ANALYZE executes what it explains.
2. The connection is read-only, with file-system access, extension installing and autoloading off
   and the configuration locked, so nothing reached through a function (COPY, read_csv, ATTACH,
   INSTALL, SET) can write a file or change a setting.
3. A timeout and Ctrl-C interrupt the query; at most `max_rows` rows are fetched.
"""

import re
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

LOCKED_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}
DEFAULT_TIMEOUT_SECONDS = 60.0
DEFAULT_MAX_ROWS = 10_000
BATCH_ROWS = 2048
EXPLAIN_WORDS = {"explain", "analyze"}
WORD = re.compile(r"[A-Za-z_]+")


class QueryRefused(ValueError):
    """The text is not one read-only query; the message says what it is instead."""


@dataclass(frozen=True)
class AnalystResult:
    frame: pl.DataFrame
    truncated: bool


def inner_of_explain(sql: str) -> str:
    """The statement an EXPLAIN [ANALYZE] explains; the tokenizer skips comments between the words."""
    for position, _ in duckdb.tokenize(sql):
        word = WORD.match(sql, position)
        if not word or word.group(0).lower() not in EXPLAIN_WORDS:
            return sql[position:]
    return ""


def check_read_only(sql: str) -> None:
    """Refuse anything but one query; a syntax error is reported as DuckDB words it."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as error:
        raise QueryRefused(one_line(error)) from error
    if len(statements) != 1:
        raise QueryRefused(f"one statement at a time ({len(statements)} given)")
    statement = statements[0]
    if statement.type == duckdb.StatementType.EXPLAIN:
        check_read_only(inner_of_explain(sql))
        return
    if statement.type != duckdb.StatementType.SELECT:
        raise QueryRefused(
            f"{statement.type.name} statements are refused: fazhi sql only reads "
            "(the warehouse is written by `fazhi run`)"
        )


def one_line(error: BaseException) -> str:
    """DuckDB's message and its hint (LINE …/caret lines dropped) on one line."""
    lines = [line.strip() for line in str(error).splitlines()]
    kept = [line for line in lines if line and not line.startswith("LINE ") and set(line) != {"^"}]
    return " ".join(kept)


def connect_locked(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `fazhi run` first")
    return duckdb.connect(str(path), read_only=True, config=LOCKED_CONFIG)


def analyst_query(
    path: Path,
    sql: str,
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> AnalystResult:
    """Run one read-only query with a timeout (Ctrl-C interrupts it too) and a row cap."""
    check_read_only(sql)
    con = connect_locked(path)
    timer = threading.Timer(timeout, con.interrupt)
    timer.start()
    try:
        batches = limited_batches(con.execute(sql).to_arrow_reader(BATCH_ROWS), max_rows + 1)
    except KeyboardInterrupt:
        con.interrupt()
        raise
    except duckdb.InterruptException as error:
        raise QueryRefused(f"query stopped after {timeout:g} s (--timeout)") from error
    finally:
        timer.cancel()
        con.close()
    frame = pl.DataFrame(pa.Table.from_batches(batches[1], schema=batches[0]))
    return AnalystResult(frame.head(max_rows), truncated=frame.height > max_rows)


def limited_batches(reader: pa.RecordBatchReader, rows: int) -> tuple[pa.Schema, list[pa.RecordBatch]]:
    """The reader's first `rows` rows as Arrow batches (types kept: lists, dates, structs)."""
    kept: list[pa.RecordBatch] = []
    count = 0
    for batch in reader:
        kept.append(batch.slice(0, rows - count))
        count += kept[-1].num_rows
        if count >= rows:
            break
    return reader.schema, kept
