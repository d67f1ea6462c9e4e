"""Asset checks on the warehouse candidate, one per check of warehouse/checks.py. Blocking checks
(ERROR severity) stop the publish step, so analysts keep the last good warehouse; a WARN check is
shown in the UI and publishes."""

import dagster as dg

from orchestration.resources import FazhiPaths
from warehouse import checks
from warehouse.build import candidate_path

UNCHANGED = checks.CheckResult(True, "nothing loaded: the published warehouse, as checked")


def asset_check(check: checks.Check) -> dg.AssetChecksDefinition:
    severity = dg.AssetCheckSeverity.ERROR if check.blocking else dg.AssetCheckSeverity.WARN

    @dg.asset_check(
        asset="warehouse_candidate", name=check.name, blocking=check.blocking, description=check.description
    )
    def evaluate(context: dg.AssetCheckExecutionContext, paths: FazhiPaths) -> dg.AssetCheckResult:
        """A run that loaded nothing stages the published file itself, which passed every check
        when it was published: it is not scanned again."""
        staged, published = candidate_path(paths.warehouse(), context.run.run_id), paths.warehouse()
        unchanged = published.exists() and staged.samefile(published)
        outcome = UNCHANGED if unchanged else check.run(staged, published)
        return dg.AssetCheckResult(
            passed=outcome.passed,
            severity=severity,
            description=outcome.description,
            metadata={key: dg.MetadataValue.json(value) for key, value in outcome.metadata.items()},
        )

    return evaluate


WAREHOUSE_CHECKS = [asset_check(check) for check in checks.CHECKS]
