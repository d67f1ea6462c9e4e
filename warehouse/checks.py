"""Data-quality checks of a warehouse file, as plain functions: the pipeline runs them on the
candidate before publishing it (orchestration/checks.py makes each of CHECKS an asset check; the
backfill runs the blocking ones itself), and they can be run by hand."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from warehouse.build import warehouse_counts
from warehouse.schema import BUILD_CONFIG, TABLES, sql_files, table_counts

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


@dataclass(frozen=True)
class Staged:
    """A candidate open read-only for its checks, with the rows per table of it and of the
    published file it would replace (empty when there is none)."""

    con: duckdb.DuckDBPyConnection
    counts: dict[str, int]
    published_counts: dict[str, int]

    def rows(self, name: str) -> list[tuple[Any, ...]]:
        return self.con.execute(check_sql(name)).fetchall()


def keys_unique(staged: Staged) -> CheckResult:
    bad = {relation: n for relation, n in staged.rows("duplicate_keys") if n}
    return CheckResult(not bad, "every key is unique", {"duplicates": bad})


def facts_have_dimensions(staged: Staged) -> CheckResult:
    bad = {relation: n for relation, n in staged.rows("orphan_facts") if n}
    return CheckResult(
        not bad, "every fact points to a current document and known dimensions", {"orphans": bad}
    )


def rates_in_range(staged: Staged) -> CheckResult:
    bad = staged.rows("rates_out_of_range")
    return CheckResult(not bad, "every rate lies within 0-100", {"out_of_range": [list(r) for r in bad[:20]]})


def no_table_emptied(staged: Staged) -> CheckResult:
    """A run that leaves a table empty that had rows lost data somewhere: never publish it."""
    before, after = staged.published_counts, staged.counts
    emptied = [t for t in CORE_TABLES if before.get(t) and not after.get(t)]
    return CheckResult(not emptied, "no table that had rows is empty", {"emptied": emptied, "rows": after})


def flags_counted(staged: Staged) -> CheckResult:
    """Flags are expected; most reports losing their region or year points at a broken source."""
    flags = dict(staged.rows("flag_counts"))
    documents = staged.counts["dim_document"]
    unusable = max((flags.get(flag, 0) for flag in UNUSABLE_FLAGS), default=0)
    passed = documents == 0 or unusable / documents <= UNUSABLE_SHARE
    return CheckResult(
        passed, f"at most {UNUSABLE_SHARE:.0%} of reports lack a region or year", {"flags": flags}
    )


@dataclass(frozen=True)
class Check:
    """One check of a candidate warehouse. A blocking check that fails keeps the candidate from
    being published."""

    name: str
    description: str
    blocking: bool
    run: Callable[[Staged], CheckResult]


CHECKS = (
    Check("unique_keys", "Primary keys are unique.", True, keys_unique),
    Check(
        "facts_have_dimensions",
        "Facts point to current documents and known dimensions.",
        True,
        facts_have_dimensions,
    ),
    Check("rates_in_range", "Rates lie within 0-100.", True, rates_in_range),
    Check("no_table_emptied", "No table that had rows is left empty.", True, no_table_emptied),
    Check(
        "flags_counted",
        "Quality flags counted; warns when most reports lack a region or year.",
        False,
        flags_counted,
    ),
)


def run_checks(
    candidate: Path, published: Path, checks: Iterable[Check] = CHECKS
) -> list[tuple[Check, CheckResult]]:
    """Each check's outcome on the candidate, over one read-only connection: a connection per
    check (and per count of rows) cost 0.2 s of a one-report run at 1,000 reports."""
    published_counts = warehouse_counts(published) if published.exists() else {}
    with duckdb.connect(str(candidate), read_only=True, config=BUILD_CONFIG) as con:
        staged = Staged(con, table_counts(con), published_counts)
        return [(check, check.run(staged)) for check in checks]


def failed_blocking_checks(candidate: Path, published: Path) -> list[CheckResult]:
    blocking = (check for check in CHECKS if check.blocking)
    return [outcome for _, outcome in run_checks(candidate, published, blocking) if not outcome.passed]
