"""The path past one file: the same tables and views in a local DuckLake catalog."""

import duckdb

from warehouse import queries
from warehouse.lake import DUCKLAKE_EXTENSION, copy_to_ducklake


def test_the_schema_and_its_views_load_into_a_ducklake_catalog(sample_warehouse, tmp_path):
    counts = copy_to_ducklake(sample_warehouse, tmp_path / "catalog.ducklake", tmp_path / "lake-data")
    assert counts == queries.row_counts(sample_warehouse)
    assert list((tmp_path / "lake-data").rglob("*.parquet"))
    sql = (
        "SELECT region, year, value FROM v_indicator WHERE indicator_code = 'review_received' ORDER BY region"
    )
    with duckdb.connect() as con:
        con.execute(f"LOAD '{DUCKLAKE_EXTENSION}'")
        con.execute(f"ATTACH 'ducklake:{tmp_path / 'catalog.ducklake'}' AS lake (READ_ONLY)")
        con.execute("USE lake")
        in_lake = con.execute(sql).fetchall()
    assert in_lake == queries.query(sample_warehouse, sql).rows()
    assert len(in_lake) == 4


def test_fazhi_lake_copies_the_warehouse_and_says_how_much(sample_warehouse, tmp_path, capsys):
    from orchestration.cli import main

    catalog = tmp_path / "fazhi.ducklake"
    code = main(
        ["lake", str(catalog), "--data-path", str(tmp_path / "data"), "--warehouse", str(sample_warehouse)]
    )
    assert code == 0
    counts = queries.row_counts(sample_warehouse)
    expected = f"DuckLake catalog {catalog}: {sum(counts.values()):,} rows in {len(counts)} tables"
    assert capsys.readouterr().out.strip() == expected
    assert catalog.is_file()
