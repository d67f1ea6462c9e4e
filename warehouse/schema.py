"""The warehouse DDL: one .sql file per table and per view, applied in name order."""

from importlib import resources
from pathlib import Path

import duckdb
import duckdb_extension_fts

FTS_EXTENSION = (
    Path(duckdb_extension_fts.__file__).parent
    / "extensions"
    / f"v{duckdb.__version__}"
    / "fts.duckdb_extension"
)
# Tokens are already split by jieba: the index only drops punctuation tokens (an empty `ignore`
# would split every character apart), and neither stems nor lowercases.
PUNCTUATION = "[[:punct:]，。、：；！？（）“”‘’《》【】〔〕—…·]+"
CREATE_FTS_INDEX = (
    "PRAGMA create_fts_index('document_search', 'document_id', 'tokens', stemmer = 'none', "
    f"stopwords = 'none', ignore = '{PUNCTUATION}', strip_accents = 0, lower = 0)"
)
PROJECT_DOCS = Path(__file__).resolve().parents[1] / "docs"

TABLES = (
    "dim_region",
    "dim_year",
    "dim_indicator",
    "dim_document",
    "fact_indicator",
    "fact_section",
    "fact_term",
    "document_search",
    "fact_theme",
    "fact_inconsistency",
    "load_error",
    "load_run",
)


def sql_files(folder: str) -> list[str]:
    root = resources.files("warehouse").joinpath("sql", folder)
    return [
        f.read_text("utf-8") for f in sorted(root.iterdir(), key=lambda f: f.name) if f.name.endswith(".sql")
    ]


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    for statement in sql_files("tables") + sql_files("views"):
        con.execute(statement)


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Load DuckDB's full-text extension from its PyPI package: no download at run time."""
    con.execute(f"LOAD '{FTS_EXTENSION}'")


def create_search_index(con: duckdb.DuckDBPyConnection) -> None:
    """BM25 index over the jieba tokens (DuckDB's own tokenizer cannot split Chinese), and the
    search_reports(tokens) table macro analysts call from SQL."""
    load_fts(con)
    con.execute(CREATE_FTS_INDEX)
    for statement in sql_files("search"):
        con.execute(statement)
