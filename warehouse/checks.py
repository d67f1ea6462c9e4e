"""Data-quality checks of a warehouse file, as plain functions: the pipeline runs them on the
candidate before publishing it (orchestration/checks.py makes each of CHECKS an asset check; the
backfill runs the blocking ones itself), and they can be run by hand."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from warehouse.schema import BUILD_CONFIG, TABLES, scalar, schema_version, sql_files, table_counts

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
    published file it would replace (empty when there is none), and how many of its documents
    that file holds as they are (the temp table unchanged_documents lists them)."""

    con: duckdb.DuckDBPyConnection
    counts: dict[str, int]
    published_counts: dict[str, int]
    unchanged_documents: int

    def rows(self, name: str) -> list[tuple[Any, ...]]:
        return self.con.execute(check_sql(name)).fetchall()


def keys_unique(staged: Staged) -> CheckResult:
    """fact_term's and search_posting's keys (a row per term and token of every report: 5.8 and 7.8
    million rows at 10,000 reports) are looked at for the documents the candidate adds or
    changes only: a load writes those tables' rows for the reports it adds and removes those of
    the reports it supersedes, and the rows of every other document are the published file's,
    checked when it was published. The other tables are checked whole."""
    bad = {relation: n for relation, n in staged.rows("duplicate_keys") if n}
    return CheckResult(
        not bad,
        "every key is unique",
        {"duplicates": bad, "documents_checked_when_published": staged.unchanged_documents},
    )


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
    published_counts, published_version = published_state(candidate, published)
    with duckdb.connect(str(candidate), read_only=True, config=BUILD_CONFIG) as con:
        con.execute(check_sql("unchanged_documents"))
        if published_version is not None and published_version == schema_version(con):
            attach_read_only(con, published, "published")
            con.execute(check_sql("unchanged_documents_of_published"))
            con.execute("DETACH published")
        unchanged = scalar(con, "SELECT count(*) FROM unchanged_documents")
        staged = Staged(con, table_counts(con), published_counts, unchanged)
        return [(check, check.run(staged)) for check in checks]


def published_state(candidate: Path, published: Path) -> tuple[dict[str, int], int | None]:
    """(rows per table, schema version) of the file the candidate would replace; no version where
    there is no such file or it is the candidate itself (checked by hand): such a candidate is
    checked whole, and so is one migrated from an older schema (a migration may rewrite rows)."""
    if not published.exists():
        return {}, None
    with duckdb.connect(str(published), read_only=True) as con:
        counts, version = table_counts(con), schema_version(con)
    return counts, None if candidate.samefile(published) else version


def attach_read_only(con: duckdb.DuckDBPyConnection, path: Path, alias: str) -> None:
    """ATTACH takes no parameters: the path as an SQL string literal."""
    literal = "'" + str(path).replace("'", "''") + "'"
    con.execute(f"ATTACH {literal} AS {alias} (READ_ONLY)")


def failed_blocking_checks(candidate: Path, published: Path) -> list[CheckResult]:
    blocking = (check for check in CHECKS if check.blocking)
    return [outcome for _, outcome in run_checks(candidate, published, blocking) if not outcome.passed]
