"""Data-quality checks of a warehouse file, as plain functions: the pipeline runs them on the
candidate before publishing it (orchestration/checks.py makes each of CHECKS an asset check; the
backfill runs the blocking ones itself), and they can be run by hand."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from warehouse.build import warehouse_counts
from warehouse.schema import BUILD_CONFIG, TABLES, sql_files

UNUSABLE_FLAGS = ("no_region", "no_year", "ambiguous_region")
UNUSABLE_SHARE = 0.5
# Tables a run must never leave empty once they have rows (fact_inconsistency, load_error and
# fetch_log may legitimately empty when reports are corrected or sources change).
MAY_EMPTY = {
    "schema_version",
    "fact_inconsistency",
    "load_error",
    "load_run",
    "fetch_log",
    "fact_indicator_change",
}
CORE_TABLES = tuple(table for table in TABLES if table not in MAY_EMPTY)


@dataclass(frozen=True)
class CheckResult:
    passed: bool
    description: str
    metadata: dict[str, Any] = field(default_factory=dict[str, Any])


def check_sql(name: str) -> str:
    return dict(sql_files("checks") + sql_files("queries"))[f"{name}.sql"]


def rows(path: Path, name: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(path), read_only=True, config=BUILD_CONFIG) as con:
        return con.execute(check_sql(name)).fetchall()


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
    before = warehouse_counts(published) if published.exists() else {}
    after = warehouse_counts(candidate)
    emptied = [t for t in CORE_TABLES if before.get(t) and not after.get(t)]
    return CheckResult(not emptied, "no table that had rows is empty", {"emptied": emptied, "rows": after})


def flags_counted(path: Path) -> CheckResult:
    """Flags are expected; most reports losing their region or year points at a broken source."""
    flags = dict(rows(path, "flag_counts"))
    documents = warehouse_counts(path)["dim_document"]
    unusable = max((flags.get(flag, 0) for flag in UNUSABLE_FLAGS), default=0)
    passed = documents == 0 or unusable / documents <= UNUSABLE_SHARE
    return CheckResult(
        passed, f"at most {UNUSABLE_SHARE:.0%} of reports lack a region or year", {"flags": flags}
    )


@dataclass(frozen=True)
class Check:
    """One check of a candidate warehouse, given the published file it would replace. A blocking
    check that fails keeps the candidate from being published."""

    name: str
    description: str
    blocking: bool
    run: Callable[[Path, Path], CheckResult]


CHECKS = (
    Check("unique_keys", "Primary keys are unique.", True, lambda candidate, _: keys_unique(candidate)),
    Check(
        "facts_have_dimensions",
        "Facts point to current documents and known dimensions.",
        True,
        lambda candidate, _: facts_have_dimensions(candidate),
    ),
    Check("rates_in_range", "Rates lie within 0-100.", True, lambda candidate, _: rates_in_range(candidate)),
    Check("no_table_emptied", "No table that had rows is left empty.", True, no_table_emptied),
    Check(
        "flags_counted",
        "Quality flags counted; warns when most reports lack a region or year.",
        False,
        lambda candidate, _: flags_counted(candidate),
    ),
)


def failed_blocking_checks(candidate: Path, published: Path) -> list[CheckResult]:
    outcomes = (check.run(candidate, published) for check in CHECKS if check.blocking)
    return [outcome for outcome in outcomes if not outcome.passed]
