"""Data-quality checks of a warehouse file, as plain functions: the pipeline runs them on the
candidate before publishing it (orchestration/checks.py), and they can be run by hand."""

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from warehouse.schema import TABLES, sql_files

UNUSABLE_FLAGS = ("no_region", "no_year", "ambiguous_region")
UNUSABLE_SHARE = 0.5
# Tables a run must never leave empty once they have rows (fact_inconsistency, load_error and
# fetch_log may legitimately empty when reports are corrected or sources change).
MAY_EMPTY = {"schema_version", "fact_inconsistency", "load_error", "load_run", "fetch_log"}
CORE_TABLES = tuple(table for table in TABLES if table not in MAY_EMPTY)


@dataclass(frozen=True)
class CheckResult:
    passed: bool
    description: str
    metadata: dict = field(default_factory=dict)


def check_sql(name: str) -> str:
    return dict(sql_files("checks") + sql_files("queries"))[f"{name}.sql"]


def rows(path: Path, name: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(check_sql(name)).fetchall()


def counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def keys_unique(path: Path) -> CheckResult:
    bad = {relation: n for relation, n in rows(path, "duplicate_keys") if n}
    return CheckResult(not bad, "every key is unique", {"duplicates": bad})


def facts_have_dimensions(path: Path) -> CheckResult:
    bad = {relation: n for relation, n in rows(path, "orphan_facts") if n}
    return CheckResult(
        not bad, "every fact points to a current document and known dimensions", {"orphans": bad}
    )


def rates_in_range(path: Path) -> CheckResult:
    bad = rows(path, "rates_out_of_range")
    return CheckResult(not bad, "every rate lies within 0-100", {"out_of_range": [list(r) for r in bad[:20]]})


def no_table_emptied(candidate: Path, published: Path) -> CheckResult:
    """A run that leaves a table empty that had rows lost data somewhere: never publish it."""
    before = counts(published) if published.exists() else {}
    after = counts(candidate)
    emptied = [t for t in CORE_TABLES if before.get(t) and not after.get(t)]
    return CheckResult(not emptied, "no table that had rows is empty", {"emptied": emptied, "rows": after})


def flags_counted(path: Path) -> CheckResult:
    """Flags are expected; most reports losing their region or year points at a broken source."""
    flags = dict(rows(path, "flag_counts"))
    documents = counts(path)["dim_document"]
    unusable = max((flags.get(flag, 0) for flag in UNUSABLE_FLAGS), default=0)
    passed = documents == 0 or unusable / documents <= UNUSABLE_SHARE
    return CheckResult(
        passed, f"at most {UNUSABLE_SHARE:.0%} of reports lack a region or year", {"flags": flags}
    )


def blocking_checks(candidate: Path, published: Path) -> list[CheckResult]:
    """The checks that stop a candidate from being published (the asset job runs them as asset checks)."""
    return [
        keys_unique(candidate),
        facts_have_dimensions(candidate),
        rates_in_range(candidate),
        no_table_emptied(candidate, published),
    ]
