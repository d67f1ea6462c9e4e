"""Read-only access to the warehouse: the analyst's `fazhi sql` and the notebooks' queries.

Readers open the published file read-only, so they never take the writer's lock; a statement that
is not a query is refused before it reaches DuckDB.
"""

import re
from pathlib import Path

import duckdb
import polars as pl

from warehouse.schema import TABLES, sql_files

READ_STATEMENT = re.compile(
    r"^\s*(\(?\s*(SELECT|WITH|FROM|VALUES|SHOW|DESCRIBE|SUMMARIZE|EXPLAIN|PRAGMA\s+table_info)\b)",
    re.IGNORECASE,
)
WRITE_WORD = re.compile(
    r"\b(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|ATTACH|DETACH|COPY|EXPORT|IMPORT|INSTALL|LOAD|SET|CALL|CHECKPOINT|VACUUM|TRUNCATE)\b",
    re.IGNORECASE,
)
SNIPPET_CONTEXT = 30


class WriteRefused(ValueError):
    """`fazhi sql` only reads."""


def connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A reader's connection: read-only."""
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `fazhi run` first")
    return duckdb.connect(str(path), read_only=True)


def check_read_only(sql: str) -> None:
    if (
        not READ_STATEMENT.match(sql)
        or WRITE_WORD.search(strip_literals(sql))
        or ";" in sql.strip().rstrip(";")
    ):
        raise WriteRefused(
            "fazhi sql only runs one read-only query (SELECT/WITH/…); the warehouse is written by `fazhi run`"
        )


def strip_literals(sql: str) -> str:
    return re.sub(r"'(?:[^']|'')*'", "''", sql)


def named_query(name: str) -> str:
    """One of the SQL files of sql/queries: the queries notebooks and reports use."""
    return dict(sql_files("queries"))[f"{name}.sql"]


def run_query(path: Path, name: str, **params: object) -> pl.DataFrame:
    """Run a named query; parameters it declares ($province, $regions…) default to NULL (all)."""
    sql = named_query(name)
    declared = set(re.findall(r"\$([a-z_]+)", sql))
    return query(path, sql, {key: params.get(key) for key in declared})


def query(path: Path, sql: str, params: dict | None = None) -> pl.DataFrame:
    con = connect_read_only(path)
    try:
        return con.execute(sql, params or {}).pl()
    finally:
        con.close()


def analyst_query(path: Path, sql: str) -> pl.DataFrame:
    check_read_only(sql)
    return query(path, sql)


def row_counts(path: Path) -> dict[str, int]:
    con = connect_read_only(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def search_reports(path: Path, tokens: list[str], limit: int = 20) -> pl.DataFrame:
    """Reports ranked by BM25 for all the tokens of a phrase (segmented as the index was), with a
    snippet around the first match, the match marked «…»."""
    if not tokens:
        raise ValueError("search needs a phrase")
    found = run_query(path, "search", tokens=" ".join(tokens), limit=limit)
    snippets = [snippet(text, tokens) for text in found.get_column("text").to_list()]
    return found.drop("text").with_columns(pl.Series("snippet", snippets, dtype=pl.String))


def snippet(text: str, tokens: list[str]) -> str:
    phrase = "".join(tokens)
    needle = phrase if phrase in text else next((t for t in tokens if t in text), "")
    at = text.find(needle) if needle else 0
    start, end = max(0, at - SNIPPET_CONTEXT), min(len(text), at + len(needle) + SNIPPET_CONTEXT)
    marked = text[start:at] + (f"«{needle}»" if needle else "") + text[at + len(needle) : end]
    return " ".join(marked.split())


def export_parquet(path: Path, out_dir: Path) -> list[Path]:
    """Every table and view as one Parquet file each."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect_read_only(path)
    written = []
    try:
        for (name,) in con.execute(named_query("relations")).fetchall():
            target = out_dir / f"{name}.parquet"
            con.sql(f'SELECT * FROM "{name}"').pl().write_parquet(target)
            written.append(target)
    finally:
        con.close()
    return written


def loaded_versions(path: Path) -> set[tuple[str, str]]:
    """(source, sha256) of every report version in the published warehouse (none if there is none)."""
    if not path.exists():
        return set()
    return set(run_query(path, "loaded_versions").iter_rows())
