"""What `fazhi run` gives back and prints, and a run over an input folder that brings nothing new,
which is decided and done here, with no Dagster: importing Dagster and the asset graph was 1.2 s
of such a run's 2 s, opening the instance another 0.5 s (the job's part is orchestration/run.py)."""

from dataclasses import dataclass, field
from pathlib import Path

from notebooks.render import render_reports
from transforms.samples import SAMPLE_REPORTS, folder_reports, new_reports
from warehouse.queries import loaded_versions, row_counts, run_query


@dataclass
class RunResult:
    success: bool
    warehouse: Path
    reports: list[Path] = field(default_factory=list)
    errors: int = 0
    failed_checks: list[str] = field(default_factory=list)
    checks: dict[str, str] = field(default_factory=dict)
    scrapes: dict[str, dict] = field(default_factory=dict)
    published: bool = False
    run_id: str = ""
    nothing_new: bool = False


def held_input_run(input_dir: Path | None, warehouse: Path, reports_dir: Path) -> RunResult | None:
    """The run over an input folder (the bundled samples by default) whose every file is a
    version the warehouse holds; None when there is something to load."""
    if not warehouse.exists():
        return None
    folder = input_dir.resolve() if input_dir else SAMPLE_REPORTS
    new = new_reports(folder_reports(folder), loaded_versions(warehouse))
    return without_a_job(warehouse, reports_dir, {}) if new.is_empty() else None


def without_a_job(warehouse: Path, reports_dir: Path, scrapes: dict[str, dict]) -> RunResult:
    """Every input is a version the warehouse holds: no Dagster job, nothing loaded; the pages are
    rendered again only if a notebook changed (the render cache decides)."""
    reports = render_reports(warehouse, reports_dir)
    success = all(s["success"] for s in scrapes.values())
    return RunResult(success, warehouse, reports, scrapes=scrapes, nothing_new=True)


def print_summary(result: RunResult) -> None:
    for name, outcome in result.scrapes.items():
        print(f"source {name}: {outcome}")
    if not result.success:
        state = (
            "this run's checked warehouse was published before a later step failed"
            if result.published
            else "the published warehouse was left as it was"
        )
        print(f"fazhi run failed: see the Dagster log above; {state}.")
        for check in result.failed_checks:
            print(f"  failed check {check}")
        return
    if result.nothing_new:
        print(f"\nfazhi: nothing new to load; the warehouse is as it was: {result.warehouse}")
        for path in result.reports:
            print(f"report:    {path}")
        return
    for check in result.failed_checks:
        print(f"warning: check {check}")
    counts = row_counts(result.warehouse)
    documents, errors = counts["dim_document"], result.errors
    print(f"\nfazhi: {documents} reports in the warehouse ({errors} files of this run could not be read)")
    print("rows per table:")
    for table, count in counts.items():
        print(f"  {table:20s} {count:>8,}")
    flags = run_query(result.warehouse, "flag_counts")
    print("quality flags raised: " + (", ".join(f"{f} {n}" for f, n in flags.iter_rows()) or "none"))
    print(f"warehouse: {result.warehouse}")
    print(f"run:       {result.run_id} (in the Dagster UI's run list)")
    for path in result.reports:
        print(f"report:    {path}")
    print(
        "explore:   make dev  (Dagster UI on http://127.0.0.1:3000)   make lab  (JupyterLab on the notebooks)"
    )
    print('query:     .venv/bin/fazhi sql "SELECT * FROM v_indicator LIMIT 10"')
