"""Asset checks on the warehouse candidate. Blocking checks with ERROR severity stop the publish
step, so analysts keep the last good warehouse; a WARN check is shown in the UI and publishes."""

from pathlib import Path

import dagster as dg

from orchestration.resources import FazhiPaths
from warehouse import checks
from warehouse.build import candidate_path


def candidate(context: dg.AssetCheckExecutionContext, paths: FazhiPaths) -> Path:
    return candidate_path(paths.warehouse(), context.run.run_id)


def result(outcome: checks.CheckResult, severity: dg.AssetCheckSeverity) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=outcome.passed,
        severity=severity,
        description=outcome.description,
        metadata={key: dg.MetadataValue.json(value) for key, value in outcome.metadata.items()},
    )


@dg.asset_check(asset="warehouse_candidate", blocking=True, description="Primary keys are unique.")
def unique_keys(context: dg.AssetCheckExecutionContext, paths: FazhiPaths) -> dg.AssetCheckResult:
    return result(checks.keys_unique(candidate(context, paths)), dg.AssetCheckSeverity.ERROR)


@dg.asset_check(
    asset="warehouse_candidate",
    blocking=True,
    description="Facts point to current documents and known dimensions.",
)
def facts_have_dimensions(context: dg.AssetCheckExecutionContext, paths: FazhiPaths) -> dg.AssetCheckResult:
    return result(checks.facts_have_dimensions(candidate(context, paths)), dg.AssetCheckSeverity.ERROR)


@dg.asset_check(asset="warehouse_candidate", blocking=True, description="Rates lie within 0-100.")
def rates_in_range(context: dg.AssetCheckExecutionContext, paths: FazhiPaths) -> dg.AssetCheckResult:
    return result(checks.rates_in_range(candidate(context, paths)), dg.AssetCheckSeverity.ERROR)


@dg.asset_check(
    asset="warehouse_candidate", blocking=True, description="No table that had rows is left empty."
)
def no_table_emptied(context: dg.AssetCheckExecutionContext, paths: FazhiPaths) -> dg.AssetCheckResult:
    outcome = checks.no_table_emptied(candidate(context, paths), paths.warehouse())
    return result(outcome, dg.AssetCheckSeverity.ERROR)


@dg.asset_check(
    asset="warehouse_candidate",
    description="Quality flags counted; warns when most reports lack a region or year.",
)
def flags_counted(context: dg.AssetCheckExecutionContext, paths: FazhiPaths) -> dg.AssetCheckResult:
    return result(checks.flags_counted(candidate(context, paths)), dg.AssetCheckSeverity.WARN)


WAREHOUSE_CHECKS = [unique_keys, facts_have_dimensions, rates_in_range, no_table_emptied, flags_counted]
