"""Asset checks on the warehouse candidate, one per check of warehouse/checks.py. Blocking checks
(ERROR severity) stop the publish step, so analysts keep the last good warehouse; a WARN check is
shown in the UI and publishes."""

import dagster as dg
import polars as pl

from orchestration.resources import FazhiPaths
from warehouse import checks
from warehouse.build import candidate_path

UNCHANGED = checks.CheckResult(True, "nothing loaded: the published warehouse, as checked")
PLACED_SHARE = 0.5


def asset_check(check: checks.Check) -> dg.AssetChecksDefinition:
    severity = dg.AssetCheckSeverity.ERROR if check.blocking else dg.AssetCheckSeverity.WARN

    @dg.asset_check(
        asset="warehouse_candidate", name=check.name, blocking=check.blocking, description=check.description
    )
    def evaluate(context: dg.AssetCheckExecutionContext, paths: FazhiPaths) -> dg.AssetCheckResult:
        """A run that loaded nothing has the published file itself as its candidate, which passed every check
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


# Checks of each build's parsing, evaluated by the parse step itself over the run's batches.
PARSE_CHECKS = [
    dg.AssetCheckSpec(
        "no_report_quarantined",
        asset="document_errors",
        description="Reports quarantined because they broke an invariant.",
    ),
    dg.AssetCheckSpec(
        "reports_have_region_and_year",
        asset="documents",
        description="Most reports have a region and a year.",
    ),
]


def no_report_quarantined(document_errors: pl.DataFrame) -> dg.AssetCheckResult:
    """A quarantined report (stage validate) points at a parser bug: shown, not blocking — the run
    loaded every other report, and the quarantined one is retried next run."""
    stages = dict(document_errors.get_column("stage").value_counts().iter_rows())
    quarantined = stages.get("validate", 0)
    return dg.AssetCheckResult(
        asset_key="document_errors",
        check_name="no_report_quarantined",
        passed=quarantined == 0,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{quarantined} reports quarantined",
        metadata={"errors_by_stage": dg.MetadataValue.json(stages)},
    )


def reports_have_region_and_year(documents: pl.DataFrame) -> dg.AssetCheckResult:
    """Reports without a region or a year cannot be compared; most of them lacking one points at
    a source whose pages fazhi reads wrongly."""
    reports = documents.filter(pl.col("doc_type") != "not_a_report")
    placed = reports.filter(pl.col("adcode").is_not_null() & pl.col("report_year").is_not_null()).height
    share = placed / reports.height if reports.height else 1.0
    return dg.AssetCheckResult(
        asset_key="documents",
        check_name="reports_have_region_and_year",
        passed=share >= PLACED_SHARE,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{share:.0%} of {reports.height} reports have a region and a year",
        metadata={"reports": reports.height, "with_region_and_year": placed},
    )
