"""Asset checks on the warehouse candidate. Blocking checks with ERROR severity stop the publish
step, so analysts keep the last good warehouse; a WARN check is shown in the UI and publishes."""

from collections.abc import Callable
from pathlib import Path

import dagster as dg

from orchestration.resources import FazhiPaths
from warehouse import checks
from warehouse.build import candidate_path


def candidate(context: dg.AssetCheckExecutionContext, paths: FazhiPaths) -> Path:
    return candidate_path(paths.warehouse(), context.run.run_id)


def evaluate(
    context: dg.AssetCheckExecutionContext,
    paths: FazhiPaths,
    check: Callable[[Path], checks.CheckResult],
    severity: dg.AssetCheckSeverity,
) -> dg.AssetCheckResult:
    """Run a check on this run's candidate. A run that loaded nothing stages the published file
    itself, which passed every check when it was published: it is not scanned again."""
    staged, published = candidate(context, paths), paths.warehouse()
    if published.exists() and staged.samefile(published):
        return result(
            checks.CheckResult(True, "nothing loaded: the published warehouse, as checked"), severity
        )
    return result(check(staged), severity)


def result(outcome: checks.CheckResult, severity: dg.AssetCheckSeverity) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=outcome.passed,
        severity=severity,
        description=outcome.description,
        metadata={key: dg.MetadataValue.json(value) for key, value in outcome.metadata.items()},
    )


@dg.asset_check(asset="warehouse_candidate", blocking=True, description="Primary keys are unique.")
def unique_keys(context: dg.AssetCheckExecutionContext, paths: FazhiPaths) -> dg.AssetCheckResult:
    return evaluate(context, paths, checks.keys_unique, dg.AssetCheckSeverity.ERROR)


@dg.asset_check(
    asset="warehouse_candidate",
    blocking=True,
    description="Facts point to current documents and known dimensions.",
)
def facts_have_dimensions(context: dg.AssetCheckExecutionContext, paths: FazhiPaths) -> dg.AssetCheckResult:
    return evaluate(context, paths, checks.facts_have_dimensions, dg.AssetCheckSeverity.ERROR)


@dg.asset_check(asset="warehouse_candidate", blocking=True, description="Rates lie within 0-100.")
def rates_in_range(context: dg.AssetCheckExecutionContext, paths: FazhiPaths) -> dg.AssetCheckResult:
    return evaluate(context, paths, checks.rates_in_range, dg.AssetCheckSeverity.ERROR)


@dg.asset_check(
    asset="warehouse_candidate", blocking=True, description="No table that had rows is left empty."
)
def no_table_emptied(context: dg.AssetCheckExecutionContext, paths: FazhiPaths) -> dg.AssetCheckResult:
    def emptied(staged: Path) -> checks.CheckResult:
        return checks.no_table_emptied(staged, paths.warehouse())

    return evaluate(context, paths, emptied, dg.AssetCheckSeverity.ERROR)


@dg.asset_check(
    asset="warehouse_candidate",
    description="Quality flags counted; warns when most reports lack a region or year.",
)
def flags_counted(context: dg.AssetCheckExecutionContext, paths: FazhiPaths) -> dg.AssetCheckResult:
    return evaluate(context, paths, checks.flags_counted, dg.AssetCheckSeverity.WARN)


WAREHOUSE_CHECKS = [unique_keys, facts_have_dimensions, rates_in_range, no_table_emptied, flags_counted]
