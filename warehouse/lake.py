"""The warehouse in a DuckLake catalog: the way past one file when many analysts and writers
share it (docs/scaling.md). DuckLake keeps table data as Parquet and the catalog in a database;
it has no primary, foreign key or CHECK constraints, so the constraints stay with the loader and
the asset checks, and the same views run on top.
"""

from pathlib import Path

import duckdb
import duckdb_extension_ducklake

from warehouse.schema import TABLES, sql_files, table_counts

DUCKLAKE_EXTENSION = (
    Path(duckdb_extension_ducklake.__file__).parent
    / "extensions"
    / f"v{duckdb.__version__}"
    / "ducklake.duckdb_extension"
)
LAKE = "lake"


def without_comments(script: str) -> list[str]:
    """The statements of a view script less COMMENT ON (DuckLake comments tables, not view columns)."""
    statements = [s.strip() for s in script.split(";\n") if s.strip()]
    return [s for s in statements if not s.upper().startswith("COMMENT ON")]


def copy_to_ducklake(warehouse: Path, catalog: Path, data_path: Path) -> dict[str, int]:
    """Copy every table of a warehouse file into a DuckLake catalog and create the views there;
    returns rows per table in the lake. The summary tables are computed there from its views."""
    data_path.mkdir(parents=True, exist_ok=True)
    with duckdb.connect() as con:
        con.execute(f"LOAD '{DUCKLAKE_EXTENSION}'")
        con.execute(f"ATTACH '{warehouse}' AS source (READ_ONLY)")
        con.execute(f"ATTACH 'ducklake:{catalog}' AS {LAKE} (DATA_PATH '{data_path}/')")
        for table in TABLES:
            con.execute(f"CREATE OR REPLACE TABLE {LAKE}.{table} AS SELECT * FROM source.{table}")
        con.execute(f"USE {LAKE}")
        for _, script in sql_files("views") + sql_files("summaries"):
            for statement in without_comments(script):
                con.execute(statement)
        return table_counts(con, prefix=f"{LAKE}.")
