"""`make bench`: each stage and the whole pipeline on a synthetic corpus, and analyst queries at
one million facts. Writes docs/benchmarks.md.

    python -m tests.benchmark.run --reports 1000            # the `make bench` size
    python -m tests.benchmark.run --reports 10000 --out /tmp/benchmarks-10k.md

`make growth` (tests/benchmark/growth.py) gives `fazhi run` at larger sizes.
"""

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import jieba
import polars as pl

from tests import demo_site
from tests.benchmark.generator import generate
from tests.conftest import load_input
from tests.dagster_ui import dg_dev, environment, wait_for_run
from transforms.fetch import Fetcher
from transforms.parsing import parse_reports
from transforms.samples import folder_reports, report_files
from transforms.sources import FetchSettings
from warehouse.build import build_warehouse
from warehouse.queries import connect_read_only
from warehouse.schema import create_derived

FACTS_FOR_QUERIES = 1_000_000
QUERY_REPEATS = 7
FLOOR = "floor: plain jieba.lcut"
ANALYST_QUERIES = {
    "出庭应诉率 by region and year, 河南省": (
        "SELECT region, year, value FROM v_indicator "
        "WHERE province = '河南省' AND indicator_code = 'head_appearance_rate' ORDER BY region, year"
    ),
    "median per macro-region, year, indicator (summary table)": (
        "SELECT macro_region, year, indicator_code, median, n FROM summary_macro_region"
    ),
    "the same median computed from v_indicator (no summary)": (
        "SELECT macro_region, year, indicator_code, median(value), count(*) FROM v_indicator GROUP BY ALL"
    ),
    "region × year × indicator (wide), one province": (
        "SELECT * FROM v_indicator_wide WHERE province = '湖北省'"
    ),
    "top 10 prefectures on 调解成功率, latest year": (
        "SELECT region, max(year) AS year, arg_max(value, year) AS value FROM v_indicator "
        "WHERE indicator_code = 'mediation_success_rate' AND level = 'prefecture' "
        "GROUP BY region ORDER BY value DESC LIMIT 10"
    ),
}


@dataclass
class Row:
    """One line of the table; `seconds` None for a line that is not a time (memory), `reports`
    None for a latency (one report's way through), which has no throughput."""

    measure: str
    seconds: float | None
    reports: int | None = None
    megabytes: float | None = None
    note: str = ""

    def cells(self, corpus: int, floor: float) -> list[str]:
        """`floor`: plain jieba's seconds over the corpus (`corpus` reports), for the ratio of a
        row's throughput to it."""
        rate = f"{self.reports / self.seconds:,.0f}" if self.reports and self.seconds else ""
        speed = f"{self.megabytes / self.seconds:.2f}" if self.megabytes and self.seconds else ""
        ratio = f"{floor / self.seconds:.2f}×" if self.reports == corpus and self.seconds else ""
        seconds = f"{self.seconds:.2f}" if self.seconds is not None else ""
        return [self.measure, seconds, rate, speed, ratio, self.note]


SCRAPE_PAGES = 300


def scrape_rows() -> list[Row]:
    """Pages per second against the local demo site with the politeness delay off."""
    server, _ = demo_site.start()
    port = server.server_address[1]
    base = f"http://127.0.0.1:{port}{demo_site.COLUMN}/"
    pages = [base + name for name in ("index.html", "xuchang.html", "changsha.html", "tongxu.html")]
    settings = FetchSettings(delay_seconds=0, allow_private_addresses=True)
    try:
        with Fetcher(settings) as fetcher:
            started = time.perf_counter()
            fetched = [fetcher.fetch(pages[i % len(pages)]) for i in range(SCRAPE_PAGES)]
            seconds = time.perf_counter() - started
    finally:
        server.shutdown()
    megabytes = sum(len(f.body) for f in fetched) / 1e6
    ok = sum(f.ok for f in fetched)
    return [
        Row(
            f"fetch pages from a local site, delay off ({ok}/{SCRAPE_PAGES} ok)",
            seconds,
            SCRAPE_PAGES,
            megabytes,
            "reports/s column = pages/s",
        )
    ]


def timed(function, *args):
    started = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - started


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def stage_rows(corpus: Path, warehouse: Path) -> tuple[list[Row], dict]:
    files = folder_reports(corpus)
    n, megabytes = files.height, float(files.get_column("size").sum()) / 1e6
    rows = []
    frames, seconds = timed(parse_reports, files)
    rows.append(
        Row("parse into frames (text, metadata, region, outline, indicators, flags)", seconds, n, megabytes)
    )
    load, seconds = timed(load_input, frames, "bench")
    rows.append(Row("segment (rjieba, processes) + themes", seconds, n, megabytes))
    # The floor: plain jieba over the whole corpus, its dictionary loaded first. (Timed on 200
    # reports and extrapolated, as before 2026-12-02, the 0.5-0.8 s of that loading counted five
    # times and made the floor 15-30 % slower than jieba is.)
    texts = frames.documents.get_column("text").to_list()
    jieba.initialize()
    _, seconds = timed(lambda corpus_texts: [jieba.lcut(text) for text in corpus_texts], texts)
    rows.append(Row(f"{FLOOR}, one core", seconds, n, megabytes, "the whole corpus, dictionary loaded first"))
    counts, seconds = timed(build_warehouse, warehouse, load)
    rows.append(Row("load warehouse (stage, index, publish)", seconds, n, megabytes))
    planted = planted_check(corpus, frames)
    return rows, {"facts": counts["fact_indicator"], "planted": planted, "megabytes": megabytes}


def planted_check(corpus: Path, frames) -> str:
    planted = pl.read_csv(corpus / "planted.csv", schema_overrides={"adcode": pl.String})
    extracted = frames.facts.join(
        frames.documents.select("document_id", "source"), on="document_id"
    ).with_columns(file=pl.col("source").str.split("/").list.last())
    joined = planted.join(
        extracted, left_on=["file", "code"], right_on=["file", "indicator_code"], how="full"
    )
    hit = joined.filter((pl.col("value") - pl.col("value_right")).abs() < 1e-6).height
    return (
        f"{hit}/{planted.height} planted figures extracted with their value, {extracted.height - hit} others"
    )


def pipeline_seconds(corpus: Path, home: Path) -> tuple[float, float, float]:
    """`fazhi run --input` in a fresh process: wall seconds, peak RSS (MB) of it and its workers,
    and seconds from the start until the new warehouse was in place (its modification time)."""
    command = [sys.executable, "-m", "orchestration.cli", "run", "--input", str(corpus)]
    env = environment(home)
    started, wall_clock = time.perf_counter(), time.time()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    published = (home / "warehouse.duckdb").stat().st_mtime - wall_clock
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, published


def end_to_end_rows(corpus: Path, work: Path, seed: int) -> list[Row]:
    n = len(report_files(corpus))
    home = work / "home"
    first, memory, _ = pipeline_seconds(corpus, home)
    rows = [
        Row(
            "end to end: fazhi run (Dagster, warehouse, 4 notebooks)",
            first,
            n,
            None,
            f"peak RSS {memory:,.0f} MB",
        )
    ]
    again, _, _ = pipeline_seconds(corpus, home)
    rows.append(Row("rerun with nothing new", again, n, None, f"{100 * again / first:.1f}% of the full run"))
    extra = work / "extra"
    generate(extra, 1, seed + 1)
    shutil.copy(extra / "000000.txt", corpus / "new-report.txt")
    added, _, published = pipeline_seconds(corpus, home)
    rows.append(
        Row(
            "one new report into the full warehouse (whole job)",
            added,
            None,
            None,
            f"warehouse published after {published:.1f} s; then the notebooks re-render",
        )
    )
    return rows


INBOX_REPORTS = 2
INBOX_RUN_SECONDS = 300


def inbox_rows(home: Path, work: Path, seed: int) -> list[Row]:
    """Reports dropped one at a time into the inbox of a running `dg dev` on the built home: from
    the inbox sensor's tick to the published warehouse (its modification time), and the
    build_warehouse run's own duration as Dagster records it. The first report is there when the
    daemon starts; each next one waits for the sensor's next tick (at most a minute), after the
    pages of the one before have been rendered."""
    new = work / "inbox-new"
    generate(new, INBOX_REPORTS, seed + 2)
    inbox = home / "inbox"
    inbox.mkdir(exist_ok=True)
    published, runs, pages = [], [], []
    shutil.copy(new / "000000.txt", inbox / "000000.txt")
    with dg_dev(environment(home)) as webserver:
        after = 0.0
        for number in range(INBOX_REPORTS):
            if number:
                shutil.copy(new / f"{number:06d}.txt", inbox / f"{number:06d}.txt")
            build = wait_for_run(webserver, "build_warehouse", "inbox_files", INBOX_RUN_SECONDS, after)
            if build["status"] != "SUCCESS":
                raise RuntimeError(f"the inbox build {build['runId']} failed: see `make dev`")
            tick = next(t for t in webserver.sensor_ticks("inbox_files") if build["runId"] in t["runIds"])
            published.append((home / "warehouse.duckdb").stat().st_mtime - tick["timestamp"])
            runs.append(build["endTime"] - build["startTime"])
            render = wait_for_run(
                webserver, "render_pages", "pages_after_build", INBOX_RUN_SECONDS, build["endTime"]
            )
            pages.append(render["endTime"] - render["startTime"])
            after = render["endTime"]
    listed = ", ".join
    return [
        Row(
            "new report in the inbox of a running dg dev: sensor tick → warehouse published",
            max(published),
            None,
            None,
            f"{INBOX_REPORTS} reports: {listed(f'{s:.1f} s' for s in published)}",
        ),
        Row(
            "its build_warehouse run (Dagster's run record)",
            max(runs),
            None,
            None,
            f"{listed(f'{s:.2f} s' for s in runs)}; then render_pages in its own run: "
            f"{listed(f'{s:.1f} s' for s in pages)}",
        ),
    ]


def million_facts(warehouse: Path, target: Path) -> int:
    """A copy of the warehouse whose facts are repeated under new report ids up to a million rows."""
    shutil.copyfile(warehouse, target)
    with duckdb.connect(str(target)) as con:
        facts = con.execute("SELECT count(*) FROM fact_indicator").fetchone()[0]
        copies = max(1, FACTS_FOR_QUERIES // max(facts, 1))
        con.execute("CREATE TEMP TABLE copies AS SELECT range AS copy FROM range(1, $n)", {"n": copies})
        con.execute(
            "INSERT INTO dim_document SELECT d.* REPLACE (d.document_id || '-' || copy AS document_id, "
            "d.source || '#' || copy AS source) FROM dim_document AS d, copies"
        )
        con.execute(
            "INSERT INTO fact_indicator SELECT f.* REPLACE (f.document_id || '-' || copy AS document_id) "
            "FROM fact_indicator AS f, copies WHERE NOT contains(f.document_id, '-')"
        )
        con.execute("CHECKPOINT")
        return con.execute("SELECT count(*) FROM fact_indicator").fetchone()[0]


def summary_row(warehouse: Path) -> Row:
    """What every load and reprocess pays for the summary tables (and the wide view) at this size."""
    with duckdb.connect(str(warehouse)) as con:
        codes = [code for (code,) in con.execute("SELECT indicator_code FROM dim_indicator").fetchall()]
        _, seconds = timed(create_derived, con, codes)
    return Row(
        "summary tables and wide view rebuilt (part of every load)", seconds, note="at the facts below"
    )


def query_rows(warehouse: Path) -> list[Row]:
    rows = []
    con = connect_read_only(warehouse)
    try:
        for name, sql in ANALYST_QUERIES.items():
            con.execute(sql).fetchall()
            times = []
            for _ in range(QUERY_REPEATS):
                started = time.perf_counter()
                con.execute(sql).fetchall()
                times.append(time.perf_counter() - started)
            rows.append(
                Row(
                    f"query: {name}",
                    statistics.median(times),
                    note=f"median of {QUERY_REPEATS}, ms {1000 * statistics.median(times):.1f}",
                )
            )
    finally:
        con.close()
    return rows


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM, Python {platform.python_version()}"


def markdown(reports: int, rows: list[Row], info: dict, command: str) -> str:
    lines = [
        f"# Benchmark: {reports:,} synthetic reports",
        "",
        f"- command: `{command}`",
        f"- date: {dt.date.today().isoformat()}",
        f"- machine: {machine()}",
        f"- corpus: {info['megabytes']:.1f} MB of text made from the bundled reports",
        f"- extraction at scale: {info['planted']}",
        f"- facts for the analyst queries: {info['query_facts']:,}",
        "- 10,000 to 50,000 reports (stages, reruns, memory): [growth.md](growth.md), `make growth`",
        "",
        "throughput ÷ jieba's: plain `jieba.lcut`'s seconds over the whole corpus divided by the row's",
        "(above 1: faster than segmenting the text with plain jieba on one core).",
        "",
        "| measure | seconds | reports/s | MB/s | throughput ÷ jieba's | note |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    floor = next(row.seconds for row in rows if row.measure.startswith(FLOOR) and row.seconds)
    lines += ["| " + " | ".join(row.cells(reports, floor)) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as folder:
        work = Path(folder)
        corpus = work / "corpus"
        generate(corpus, args.reports, args.seed)
        rows, info = stage_rows(corpus, work / "stages.duckdb")
        rows.append(Row("peak RSS so far (stages in one process)", None, note=f"{peak_mb():,.0f} MB"))
        rows += end_to_end_rows(corpus, work, args.seed)
        rows += inbox_rows(work / "home", work, args.seed)
        info["query_facts"] = million_facts(work / "stages.duckdb", work / "million.duckdb")
        rows.append(summary_row(work / "million.duckdb"))
        rows += query_rows(work / "million.duckdb")
        rows += scrape_rows()
    command = " ".join(["python -m tests.benchmark.run", *sys.argv[1:]])
    args.out.write_text(markdown(args.reports, rows, info, command), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
