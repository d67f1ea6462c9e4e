"""Read-only access to the warehouse: the analyst's `fazhi sql` and the notebooks' queries.

Readers open the published file read-only, so they never take the writer's lock; a statement that
is not a query is refused before it reaches DuckDB.
"""

import re
from pathlib import Path

import duckdb
import polars as pl

from warehouse.schema import TABLES, load_fts

READ_STATEMENT = re.compile(
    r"^\s*(\(?\s*(SELECT|WITH|FROM|VALUES|SHOW|DESCRIBE|SUMMARIZE|EXPLAIN|PRAGMA\s+table_info)\b)",
    re.IGNORECASE,
)
WRITE_WORD = re.compile(
    r"\b(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|ATTACH|DETACH|COPY|EXPORT|IMPORT|INSTALL|LOAD|SET|CALL|CHECKPOINT|VACUUM|TRUNCATE)\b",
    re.IGNORECASE,
)

REGION_YEAR_INDICATOR = """
SELECT year, province, prefecture, region, indicator_code, indicator, value, unit, qualifier, evidence
FROM v_indicator
WHERE ($province IS NULL OR province = $province)
  AND ($indicator IS NULL OR indicator_code = $indicator)
ORDER BY indicator_code, year, region
"""
DOCUMENT_OVERVIEW = """
SELECT r.province, d.region_level AS level, d.report_year AS year, count(*) AS reports
FROM dim_document AS d LEFT JOIN dim_region AS r USING (adcode)
GROUP BY ALL ORDER BY ALL
"""
FLAG_COUNTS = """
SELECT split_part(flag, ':', 1) AS flag, count(*) AS reports
FROM (SELECT unnest(flags) AS flag FROM dim_document)
GROUP BY ALL ORDER BY reports DESC, flag
"""
QUALITY = "SELECT * FROM v_document_quality ORDER BY year, region"
THEME_PROFILE = """
SELECT r.name AS region, d.report_year AS year, t.chapter, avg(t.per_1000_chars) AS per_1000_chars
FROM fact_theme AS t JOIN dim_document AS d USING (document_id) LEFT JOIN dim_region AS r USING (adcode)
GROUP BY ALL ORDER BY ALL
"""


class WriteRefused(ValueError):
    """`fazhi sql` only reads."""


def connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A reader's connection: read-only, with the full-text extension loaded for search_reports()."""
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `fazhi run` first")
    con = duckdb.connect(str(path), read_only=True)
    load_fts(con)
    return con


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


def indicator_series(path: Path, province: str | None = None, indicator: str | None = None) -> pl.DataFrame:
    return query(path, REGION_YEAR_INDICATOR, {"province": province, "indicator": indicator})


def document_overview(path: Path) -> pl.DataFrame:
    return query(path, DOCUMENT_OVERVIEW)


def flag_counts(path: Path) -> pl.DataFrame:
    return query(path, FLAG_COUNTS)


def document_quality(path: Path) -> pl.DataFrame:
    return query(path, QUALITY)


def theme_profile(path: Path) -> pl.DataFrame:
    return query(path, THEME_PROFILE)


SEARCH = """
SELECT s.document_id, s.title, s.region, s.year, round(s.score, 3) AS score, d.text
FROM search_reports($tokens) AS s JOIN dim_document AS d USING (document_id)
LIMIT $limit
"""
SNIPPET_CONTEXT = 30
RELATIONS = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name"


def search_reports(path: Path, tokens: list[str], limit: int = 20) -> pl.DataFrame:
    """Reports ranked by BM25 for all the tokens of a phrase (segmented as the index was), with a
    snippet around the first match, the match marked «…»."""
    if not tokens:
        raise ValueError("search needs a phrase")
    found = query(path, SEARCH, {"tokens": " ".join(tokens), "limit": limit})
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
        for (name,) in con.execute(RELATIONS).fetchall():
            target = out_dir / f"{name}.parquet"
            con.sql(f'SELECT * FROM "{name}"').pl().write_parquet(target)
            written.append(target)
    finally:
        con.close()
    return written
