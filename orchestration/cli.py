"""The `fazhi` command: run the pipeline, check a report by hand, query the warehouse."""

import argparse
import fcntl
import gc
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from orchestration.settings import Settings


def entry_point() -> None:
    """The `fazhi` command. What it built is on disk when main returns; the objects it made are left
    to the operating system: Python's last garbage collections at exit walk every object Dagster,
    Polars and the notebooks' libraries made (0.8-1.2 s after a 1,000-report run), and frozen
    objects are not walked. Exit handlers still run."""
    status = main()
    gc.freeze()
    sys.exit(status)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except RunInProgress as error:
        print(f"fazhi: {error}", file=sys.stderr)
        return 3
    except (FileNotFoundError, ValueError) as error:
        print(f"fazhi: {error}", file=sys.stderr)
        return 2


def parser() -> argparse.ArgumentParser:
    settings = Settings.from_env()
    top = argparse.ArgumentParser(prog="fazhi", description="法治政府建设年度报告 → DuckDB warehouse.")
    top.add_argument("--version", action="version", version=version_line())
    commands = top.add_subparsers(required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run the whole pipeline through Dagster, then render the notebooks")
    origin = run.add_mutually_exclusive_group()
    origin.add_argument("--input", type=Path, help="folder of report files (default: the bundled samples)")
    origin.add_argument("--sources", type=Path, help="sources.toml: scrape these sites first, then process")
    run.add_argument("--warehouse", type=Path, default=settings.warehouse, help="warehouse file to write")
    run.set_defaults(handler=command_run)

    backfill = commands.add_parser(
        "backfill",
        help="a large input: the build in runs of a few batches each (bounded memory), then one load",
    )
    backfill.add_argument("--input", type=Path, required=True, help="folder of report files")
    backfill.add_argument(
        "--runs", type=int, default=4, help="runs the 16 batches are cut into before the load (default 4)"
    )
    backfill.set_defaults(handler=command_backfill)

    extract = commands.add_parser(
        "extract", help="understand report files, one JSON object per file; no warehouse"
    )
    extract.add_argument("files", nargs="+", type=Path)
    extract.add_argument("--format", choices=["jsonl"], default="jsonl")
    extract.add_argument(
        "--explain", action="store_true", help="also list every indicator candidate and its verdict"
    )
    extract.add_argument("--debug", action="store_true", help="print the traceback of a file that fails")
    extract.set_defaults(handler=command_extract)

    sql = commands.add_parser(
        "sql", help="run one read-only query against the warehouse (none: a read-only shell)"
    )
    sql.add_argument("query", nargs="?", help="omit it for a shell: statements end with ';'")
    sql.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sql.add_argument("--warehouse", type=Path, default=settings.warehouse)
    sql.add_argument("--max-rows", type=int, default=10_000, help="rows to print at most (default 10,000)")
    sql.add_argument("--timeout", type=float, default=60.0, help="seconds before the query is stopped")
    sql.set_defaults(handler=command_sql)

    search = commands.add_parser("search", help="full-text search (BM25 over jieba tokens), best match first")
    search.add_argument("phrase")
    search.add_argument("--warehouse", type=Path, default=settings.warehouse)
    search.add_argument("--limit", type=int, default=20)
    search.set_defaults(handler=command_search)

    report = commands.add_parser("report", help="render the notebooks to HTML under data/reports/")
    report.add_argument("--warehouse", type=Path, default=settings.warehouse)
    report.add_argument(
        "--out", type=Path, help="folder of the HTML pages (default: reports/ beside the warehouse)"
    )
    report.add_argument(
        "--notebook", action="append", metavar="NAME", help="render only this notebook (repeatable)"
    )
    report.add_argument(
        "-p", "--parameter", action="append", default=[], metavar="KEY=VALUE", help="e.g. -p province=河南省"
    )
    report.set_defaults(handler=command_report)

    export = commands.add_parser("export", help="write every table and view as Parquet")
    export.add_argument("--parquet", type=Path, required=True, metavar="DIR")
    export.add_argument("--warehouse", type=Path, default=settings.warehouse)
    export.set_defaults(handler=command_export)

    lake = commands.add_parser(
        "lake", help="copy the warehouse into a DuckLake catalog (Parquet data, every view): docs/scaling.md"
    )
    lake.add_argument(
        "catalog", type=Path, help="the catalog database to create or replace, e.g. fazhi.ducklake"
    )
    lake.add_argument("--data-path", type=Path, required=True, help="folder for the lake's Parquet files")
    lake.add_argument("--warehouse", type=Path, default=settings.warehouse)
    lake.set_defaults(handler=command_lake)

    add_maintenance_commands(commands, settings)
    return top


def add_maintenance_commands(commands: argparse._SubParsersAction, settings: Settings) -> None:
    """The commands about the warehouse's definitions and rules rather than its contents."""
    schema = commands.add_parser("schema", help="print the data dictionary (from the warehouse DDL)")
    schema.set_defaults(handler=command_schema)

    codebook = commands.add_parser("codebook", help="print the indicator codebook (from the catalogue)")
    codebook.set_defaults(handler=command_codebook)

    reprocess = commands.add_parser(
        "reprocess", help="re-extract stored reports whose rules version is old, recording what changed"
    )
    reprocess.add_argument("--warehouse", type=Path, default=settings.warehouse)
    reprocess.set_defaults(handler=command_reprocess)

    changes = commands.add_parser("changes", help="what reprocessing changed, figure by figure")
    changes.add_argument(
        "--since", metavar="VERSION", help="only changes since the warehouse left this rules version"
    )
    changes.add_argument("--warehouse", type=Path, default=settings.warehouse)
    changes.add_argument("--format", choices=["table", "csv", "json"], default="table")
    changes.set_defaults(handler=command_changes)


def version_line() -> str:
    from importlib.metadata import version

    from transforms.rules_version import rules_version

    return f"fazhi {version('fazhi')} (rules {rules_version()})"


class RunInProgress(RuntimeError):
    """Another `fazhi run` holds the lock."""


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """One run at a time: a second run stops at once instead of racing the first one's writes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise RunInProgress(
                f"another `fazhi run` is running (lock {path}); nothing was changed"
            ) from error
        yield


def command_run(args: argparse.Namespace) -> int:
    from orchestration.run_result import held_input_run, print_summary

    settings = Settings.from_env()
    warehouse = args.warehouse.resolve()
    reports = warehouse.parent / "reports"
    if args.input and not args.input.is_dir():
        raise FileNotFoundError(f"input folder not found: {args.input}")
    if args.sources and not args.sources.is_file():
        raise FileNotFoundError(f"sources file not found: {args.sources}")
    show_progress()
    with run_lock(settings.run_lock):
        result = None if args.sources else held_input_run(args.input, warehouse, reports)
        if result is None:  # something to load, or to scrape: Dagster is imported only now
            from orchestration.run import run_pipeline

            result = run_pipeline(args.input, warehouse, reports, args.sources)
    print_summary(result)
    return 0 if result.success else 1


def command_backfill(args: argparse.Namespace) -> int:
    from orchestration.run import run_backfill
    from orchestration.run_result import print_summary

    if not args.input.is_dir():
        raise FileNotFoundError(f"input folder not found: {args.input}")
    if args.runs < 1:
        raise ValueError("--runs must be at least 1")
    with run_lock(Settings.from_env().run_lock):
        result = run_backfill(args.input, args.runs)
    print_summary(result)
    if result.success:
        print("notebooks: not rendered by a backfill; run `fazhi report`")
    return 0 if result.success else 1


def show_progress() -> None:
    """Scraping progress (pages fetched, reports found) on stderr while a long fetch runs."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    for name in ("transforms.scrape", "orchestration.run"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)


def command_extract(args: argparse.Namespace) -> int:
    from orchestration.extract import extract_records

    if args.debug:
        logging.basicConfig(level=logging.DEBUG, format="%(message)s", stream=sys.stderr)
    failed = 0
    for record in extract_records(args.files, explain=args.explain):
        failed += "error" in record
        print(json.dumps(record, ensure_ascii=False))
    if failed:
        print(f"fazhi extract: {failed} of {len(args.files)} files could not be read", file=sys.stderr)
    return 1 if failed else 0


def command_sql(args: argparse.Namespace) -> int:
    from orchestration.shell import run_shell

    if args.query is None:
        if not args.warehouse.exists():
            print(f"fazhi sql: no warehouse at {args.warehouse}: run `fazhi run` first", file=sys.stderr)
            return 2
        return run_shell(lambda statement: answer_query(args, statement))
    return answer_query(args, args.query)


def answer_query(args: argparse.Namespace, query: str) -> int:
    """One read-only query, printed in the chosen format; an error is one line on stderr (2)."""
    import duckdb

    from orchestration import display
    from warehouse.analyst import QueryRefused, analyst_query, one_line

    try:
        result = analyst_query(args.warehouse, query, timeout=args.timeout, max_rows=args.max_rows)
    except QueryRefused as error:
        print(f"fazhi sql: {error}", file=sys.stderr)
        return 2
    except duckdb.Error as error:
        print(f"fazhi sql: {one_line(error)}", file=sys.stderr)
        return 2
    if args.format == "csv":
        sys.stdout.write(display.csv_text(result.frame))
    elif args.format == "json":
        print(display.json_lines(result.frame))
    else:
        print(display.table(result.frame, result.truncated))
    if result.truncated and args.format != "table":
        print(f"fazhi sql: only the first {args.max_rows:,} rows (--max-rows)", file=sys.stderr)
    return 0


def command_search(args: argparse.Namespace) -> int:
    from orchestration.display import printable
    from transforms.terms import segment
    from warehouse.queries import search_reports

    tokens = [t for t in segment(args.phrase) if t.strip()]
    for row in search_reports(args.warehouse, tokens, args.limit).iter_rows(named=True):
        title, found = printable(row["title"] or ""), printable(row["snippet"])
        print(f"{row['score']:.3f}\t{row['region'] or '?'}\t{row['year'] or '?'}\t{title}")
        print(f"    …{found}…")
    return 0


def command_report(args: argparse.Namespace) -> int:
    from notebooks.render import parameters_from, render_reports

    out = args.out or args.warehouse.resolve().parent / "reports"
    for path in render_reports(args.warehouse, out, parameters_from(args.parameter), args.notebook):
        print(path)
    return 0


def command_lake(args: argparse.Namespace) -> int:
    from warehouse.lake import copy_to_ducklake

    if not args.warehouse.is_file():
        raise FileNotFoundError(f"no warehouse at {args.warehouse}: run `fazhi run` first")
    counts = copy_to_ducklake(args.warehouse, args.catalog, args.data_path)
    print(f"DuckLake catalog {args.catalog}: {sum(counts.values()):,} rows in {len(counts)} tables")
    return 0


def command_export(args: argparse.Namespace) -> int:
    from warehouse.queries import export_parquet

    for path in export_parquet(args.warehouse, args.parquet):
        print(path)
    return 0


def command_schema(args: argparse.Namespace) -> int:
    from transforms.catalogue import catalogue
    from warehouse.dictionary import data_dictionary

    print(data_dictionary([indicator.code for indicator in catalogue().indicators]))
    return 0


def command_codebook(args: argparse.Namespace) -> int:
    from transforms.codebook import codebook

    print(codebook())
    return 0


def command_reprocess(args: argparse.Namespace) -> int:
    from orchestration.reprocess import reprocess

    with run_lock(Settings.from_env().run_lock):
        result = reprocess(args.warehouse)
    if not result.documents:
        print(f"fazhi reprocess: every report is extracted by the current rules ({result.rules_version})")
        return 0
    print(
        f"fazhi reprocess: {result.documents} reports re-extracted with rules {result.rules_version}; "
        f"{result.changes} figures changed (`fazhi changes` lists them)"
    )
    return 0


def command_changes(args: argparse.Namespace) -> int:
    from orchestration import display
    from warehouse.queries import run_query

    frame = run_query(args.warehouse, "indicator_changes", since=args.since)
    if args.format == "csv":
        sys.stdout.write(display.csv_text(frame))
    elif args.format == "json":
        print(display.json_lines(frame))
    else:
        print(display.table(frame))
    return 0


if __name__ == "__main__":
    entry_point()
