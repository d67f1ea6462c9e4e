"""Improved rules reach every stored report: `fazhi reprocess` re-extracts the reports whose rules
version is old and records exactly what changed; `fazhi changes` prints it."""

import json
import shutil

import duckdb

from orchestration.cli import main
from orchestration.reprocess import reprocess
from transforms.codebook import codebook
from transforms.rules_version import rules_version
from warehouse import queries
from warehouse.schema import PROJECT_DOCS


def old_rules(path) -> None:
    """The warehouse as older rules left it: one figure read differently, one missed, one too many."""
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE dim_document SET rules_version = 'oldrules0001'")
        con.execute("UPDATE fact_indicator SET rules_version = 'oldrules0001'")
        xuchang = "adcode = '411000'"
        con.execute(
            f"UPDATE fact_indicator SET value = 999 WHERE indicator_code = 'review_received' AND {xuchang}"
        )
        con.execute(
            "DELETE FROM fact_indicator WHERE indicator_code = 'head_appearance_rate' AND adcode = '411000'"
        )
        con.execute(
            "INSERT INTO fact_indicator SELECT document_id, 'emergency_drills', adcode, report_year, 7, "
            "'场', "
            "'exact', evidence, start_offset, end_offset, 'old.rule', 'oldrules0001' FROM fact_indicator "
            "WHERE indicator_code = 'review_received' AND adcode = '411000'"
        )


def test_reprocess_changes_exactly_the_affected_figures(sample_warehouse, tmp_path, capsys):
    path = tmp_path / "w.duckdb"
    shutil.copyfile(sample_warehouse, path)
    old_rules(path)
    result = reprocess(path)
    assert (result.documents, result.changes, result.rules_version) == (5, 3, rules_version())
    changes = queries.query(
        path,
        "SELECT indicator_code, change, old_value, new_value, old_rules_version FROM fact_indicator_change",
    ).sort("indicator_code")
    assert changes.rows() == [
        ("emergency_drills", "removed", 7.0, None, "oldrules0001"),
        ("head_appearance_rate", "added", None, 99.09, None),
        ("review_received", "value_changed", 999.0, 232.0, "oldrules0001"),
    ]
    assert queries.query(path, "SELECT count(*) FROM fact_indicator").item() == 55
    assert queries.query(path, "SELECT DISTINCT rules_version FROM dim_document").item() == rules_version()
    assert reprocess(path).documents == 0  # nothing left to redo
    assert main(["changes", "--since", "oldrules0001", "--format", "json", "--warehouse", str(path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {row["change"] for row in printed} == {"added", "removed", "value_changed"}


def test_a_fresh_load_carries_the_current_rules_version(sample_warehouse):
    versions = queries.query(sample_warehouse, "SELECT DISTINCT rules_version FROM fact_indicator")
    assert versions.to_series().to_list() == [rules_version()]


def test_the_committed_codebook_is_current():
    assert (PROJECT_DOCS / "indicators.md").read_text(encoding="utf-8") == codebook() + "\n"


def test_version_names_the_release_and_the_rules(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip().endswith(f"(rules {rules_version()})")
