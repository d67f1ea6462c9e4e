"""`fazhi run`: execute the Dagster job in-process and say what it built."""

from dataclasses import dataclass, field
from pathlib import Path

from orchestration.definitions import defs
from orchestration.resources import FazhiPaths
from warehouse.queries import row_counts, run_query


@dataclass
class RunResult:
    success: bool
    warehouse: Path
    reports: list[Path] = field(default_factory=list)
    errors: int = 0
    failed_checks: list[str] = field(default_factory=list)


def run_pipeline(input_dir: Path | None, warehouse: Path, reports_dir: Path) -> RunResult:
    """The same job `dagster dev` shows, run in this process with an ephemeral instance."""
    paths = FazhiPaths(
        input_dir=str(input_dir.resolve()) if input_dir else "",
        warehouse_path=str(warehouse),
        reports_dir=str(reports_dir),
    )
    job = defs.resolve_job_def("build_everything")
    run_config = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}
    result = job.execute_in_process(run_config=run_config, resources={"paths": paths}, raise_on_error=False)
    errors = result.output_for_node("parsed_reports", "document_errors").height if result.success else 0
    failed = [
        f"{e.check_name}: {e.description or ''} {e.metadata}".strip()
        for e in result.get_asset_check_evaluations()
        if not e.passed
    ]
    return RunResult(result.success, warehouse, sorted(reports_dir.glob("*.html")), errors, failed)


def print_summary(result: RunResult) -> None:
    if not result.success:
        print("fazhi run failed: see the Dagster log above; the published warehouse was left as it was.")
        for check in result.failed_checks:
            print(f"  failed check {check}")
        return
    for check in result.failed_checks:
        print(f"warning: check {check}")
    counts = row_counts(result.warehouse)
    print(f"\nfazhi: loaded {counts['dim_document']} reports ({result.errors} files could not be read)")
    print("rows per table:")
    for table, count in counts.items():
        print(f"  {table:20s} {count:>8,}")
    flags = run_query(result.warehouse, "flag_counts")
    print("quality flags raised: " + (", ".join(f"{f} {n}" for f, n in flags.iter_rows()) or "none"))
    print(f"warehouse: {result.warehouse}")
    for path in result.reports:
        print(f"report:    {path}")
    print(
        "explore:   make dev  (Dagster UI on http://127.0.0.1:3000)   make lab  (JupyterLab on the notebooks)"
    )
    print('query:     .venv/bin/fazhi sql "SELECT * FROM v_indicator LIMIT 10"')
