"""`fazhi sql` is read-only by construction: hostile statements change no byte and write no file;
tricky but legitimate queries answer correctly."""

import csv
import hashlib
import io
import json
import shutil

import pytest

from orchestration.cli import main
from orchestration.display import display_width, printable, table
from warehouse.analyst import QueryRefused, analyst_query

HOSTILE = [
    "EXPLAIN ANALYZE /* ' */ COPY (SELECT 'gone' AS x) TO 'warehouse.duckdb' (FORMAT csv)",
    "EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1",
    "COPY (SELECT 1) TO 'out.csv'",
    "COPY dim_document TO 'out.parquet' (FORMAT parquet)",
    "EXPORT DATABASE 'dump'",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('warehouse.duckdb')",
    "SELECT 1; DELETE FROM dim_document",
    "SELECT ';'; DROP TABLE fact_indicator",
    "/* SELECT */ DELETE FROM dim_document",
    "-- comment\nDROP TABLE dim_document",
    "DELETE FROM dim_document",
    "UPDATE dim_document SET title = 'x'",
    "INSERT INTO dim_year VALUES (1999, 'x', NULL, NULL)",
    "WITH x AS (SELECT 1) INSERT INTO dim_year SELECT * FROM x",
    "CREATE TABLE t (x INTEGER)",
    "CREATE VIEW v AS SELECT 1",
    "CREATE MACRO m() AS 1",
    "DROP VIEW v_indicator",
    "ALTER TABLE dim_document ADD COLUMN x INTEGER",
    "ATTACH 'other.duckdb' AS other",
    "ATTACH ':memory:' AS m",
    "DETACH warehouse",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET threads = 1",
    "SET enable_external_access = true",
    "RESET enable_external_access",
    "PRAGMA enable_profiling",
    "CHECKPOINT",
    "VACUUM",
    "CALL pragma_version()",
    "IMPORT DATABASE 'dump'",
    "PIVOT dim_document ON doc_type",
    "BEGIN TRANSACTION",
    "SELEC 1",
]
LEGITIMATE = [
    ("SELECT ';' AS semicolon", [{"semicolon": ";"}]),
    ('SELECT 1 AS "set"', [{"set": 1}]),
    ('SELECT 2 AS "DELETE" -- a comment with a \' quote', [{"DELETE": 2}]),
    ("/* leading comment */ SELECT 'a''b' AS quoted", [{"quoted": "a'b"}]),
    ("FROM (SELECT 3 AS x)", [{"x": 3}]),
    ("WITH t AS (SELECT 'DROP TABLE x' AS s) SELECT s FROM t", [{"s": "DROP TABLE x"}]),
    ("SELECT count(*) AS n FROM dim_document;", [{"n": 5}]),
    ("EXPLAIN SELECT 1", None),
    ("DESCRIBE dim_document", None),
    ("SHOW TABLES", None),
    ("SUMMARIZE dim_year", None),
    ("PRAGMA table_info('dim_document')", None),
]


@pytest.fixture
def warehouse_copy(sample_warehouse, tmp_path, monkeypatch):
    """A copy of the sample warehouse, the working directory beside it (relative paths land there)."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copyfile(sample_warehouse, path)
    monkeypatch.chdir(tmp_path)
    return path


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("statement", HOSTILE)
def test_a_hostile_statement_changes_nothing_and_writes_no_file(warehouse_copy, statement, capsys):
    before, files = digest(warehouse_copy), sorted(warehouse_copy.parent.iterdir())
    status = main(["sql", statement, "--warehouse", str(warehouse_copy)])
    assert status == 2
    error = capsys.readouterr().err
    assert error.startswith("fazhi sql: ")
    assert error.count("\n") == 1
    assert digest(warehouse_copy) == before
    assert sorted(warehouse_copy.parent.iterdir()) == files


def test_functions_cannot_reach_files_even_past_the_parser(warehouse_copy):
    """read_csv is a SELECT to the parser; the locked connection refuses the file."""
    with pytest.raises(Exception, match="disabled by configuration"):
        analyst_query(warehouse_copy, "SELECT * FROM read_csv('/etc/hostname')")


@pytest.mark.parametrize(("statement", "expected"), LEGITIMATE)
def test_tricky_but_legitimate_queries_answer(sample_warehouse, statement, expected):
    result = analyst_query(sample_warehouse, statement)
    if expected is not None:
        assert result.frame.to_dicts() == expected
    else:
        assert result.frame.height > 0


def test_syntax_errors_are_not_called_writes(sample_warehouse):
    with pytest.raises(QueryRefused, match="syntax error"):
        analyst_query(sample_warehouse, "SELEC 1")


def test_a_slow_query_is_stopped_by_the_timeout(sample_warehouse):
    slow = "SELECT count(*) FROM range(100000000000) a"
    with pytest.raises(QueryRefused, match="stopped after"):
        analyst_query(sample_warehouse, slow, timeout=0.5)


def test_rows_are_capped(sample_warehouse):
    result = analyst_query(sample_warehouse, "SELECT * FROM range(100)", max_rows=10)
    assert result.frame.height == 10
    assert result.truncated


def test_csv_and_json_carry_list_columns(sample_warehouse, capsys):
    query = "SELECT source, flags, parts_present FROM dim_document ORDER BY source"
    assert main(["sql", query, "--format", "csv", "--warehouse", str(sample_warehouse)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 5
    assert "injected_spam" in json.loads(rows[1]["flags"])
    assert main(["sql", query, "--format", "json", "--warehouse", str(sample_warehouse)]) == 0
    records = json.loads(capsys.readouterr().out)
    assert isinstance(records[0]["parts_present"], list)


def test_duckdb_errors_are_one_line_with_the_hint(sample_warehouse, capsys):
    assert main(["sql", "SELECT * FROM dim_documnt", "--warehouse", str(sample_warehouse)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "dim_document" in error  # DuckDB's "did you mean"


def test_the_table_view_measures_chinese_width_and_escapes_control_characters():
    import polars as pl

    frame = pl.DataFrame({"地区": ["许昌市", "x\x1b[31mred"], "n": [1200, 3]})
    lines = table(frame).splitlines()
    assert display_width(lines[0]) == display_width(lines[2]) == display_width(lines[3])
    assert "\x1b" not in table(frame)
    assert "1,200" in lines[2]
    assert printable("a\x07b") == "a\\x07b"


def test_the_shell_answers_statement_by_statement_and_refuses_writes(sample_warehouse):
    """`fazhi sql` with no query, fed on stdin as a user types: a statement over two lines, a
    write (refused, the shell goes on), an error, .tables, then .quit; the file is unchanged."""
    import hashlib
    import subprocess
    import sys
    from pathlib import Path

    before = hashlib.sha256(sample_warehouse.read_bytes()).hexdigest()
    typed = (
        "SELECT count(*) AS n\n  FROM dim_document;\n"
        "DELETE FROM dim_document;\n"
        "SELECT no_such_column FROM dim_document;\n"
        ".tables\n"
        "SELECT 'a;b' AS literal;\n"
        ".quit\n"
        "SELECT 'after quit';\n"
    )
    shell = subprocess.run(
        [str(Path(sys.executable).with_name("fazhi")), "sql", "--warehouse", str(sample_warehouse)],
        input=typed,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert shell.returncode == 0
    out, err = shell.stdout, shell.stderr
    assert out.splitlines()[:4] == ["n", "─", "5", "(1 rows)"]
    assert "DELETE statements are refused" in err
    assert "no_such_column" in err
    assert "v_indicator" in out
    assert "a;b" in out
    assert "after quit" not in out
    assert hashlib.sha256(sample_warehouse.read_bytes()).hexdigest() == before
