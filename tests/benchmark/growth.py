"""How time and memory grow with the corpus: `fazhi run` on generated corpora of each size, its
wall time as a ratio to plain `jieba.lcut` over the same text, the peak RSS of its largest
process and of its whole process tree (pool workers and notebook kernels included), sampled
from /proc, the seconds of each stage as Dagster recorded them, and a rerun with nothing new.
Writes docs/growth.md.

    python -m tests.benchmark.growth 1000 10000 20000
"""

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import jieba

from tests.benchmark.generator import generate
from tests.benchmark.run import machine
from tests.dagster_ui import environment

SAMPLE_SECONDS = 0.2
LOG_LINES = 40
# Plain jieba on every report of a 50,000-report corpus would take ten minutes: a sample, timed
# after the dictionary has loaded.
JIEBA_FLOOR_REPORTS = 200


# The steps of `fazhi run`'s job, as columns: parse, segment, load (stage, check, publish), pages.
STAGES = {
    "parse": ("parsed_reports",),
    "segment": ("segmented_text",),
    "load": ("warehouse_candidate", "warehouse_candidate_checks", "warehouse"),
    "pages": ("rendered_notebooks",),
}

# The steps of a run with one new report that grow with the warehouse rather than the report.
ADDED_STEPS = ("warehouse_candidate", "warehouse_candidate_checks", "rendered_notebooks")


@dataclass
class Added:
    """One new report into the warehouse just built: what a run costs when it brings little."""

    seconds: float
    published_after: float
    steps: dict[str, float]


@dataclass
class Growth:
    reports: int
    megabytes: float
    seconds: float
    # Plain jieba timed just before the first build and just after the rerun: the VM's speed
    # drifts by a third within minutes, and the ratio is to their mean.
    jieba_before: float
    jieba_after: float
    largest_mb: float
    tree_mb: float
    stages: dict[str, float]
    rerun_seconds: float
    added: Added


def children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def rss_mb(pid: int) -> float:
    try:
        line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmRSS"))
    except (OSError, StopIteration):
        return 0.0
    return int(line.split()[1]) / 1024


def tree_rss(root: int) -> tuple[float, float]:
    """(largest process, sum over the tree) of a process and all its descendants, in MB."""
    tree, pending, sizes = children(), [root], []
    while pending:
        pid = pending.pop()
        sizes.append(rss_mb(pid))
        pending += tree.get(pid, [])
    return max(sizes), sum(sizes)


def run_sampled(command: list[str], env: dict[str, str], log: Path) -> tuple[float, float, float]:
    """Wall seconds and the peaks (largest process, tree) of a command, sampled every 0.2 s; its
    output goes to `log`, whose end is shown if it fails."""
    started = time.perf_counter()
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    peaks = [0.0, 0.0]

    def sample() -> None:
        while process.poll() is None:
            largest, total = tree_rss(process.pid)
            peaks[:] = [max(peaks[0], largest), max(peaks[1], total)]
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if process.wait() != 0:
        tail = log.read_text("utf-8", errors="replace").splitlines()[-LOG_LINES:]
        raise SystemExit("\n".join([f"{' '.join(command)} failed with status {process.returncode}:", *tail]))
    sampler.join()
    return time.perf_counter() - started, peaks[0], peaks[1]


def jieba_seconds(corpus: Path, reports: int) -> float:
    """Plain jieba.lcut on a sample of the corpus, extrapolated to all of it."""
    files = sorted(corpus.glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in files[:JIEBA_FLOOR_REPORTS]]
    jieba.initialize()
    started = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return (time.perf_counter() - started) * reports / len(texts)


def step_seconds(dagster_home: Path) -> dict[str, float]:
    """Seconds of each step of the instance's newest run, from its start and success events.
    The shipped dagster.yaml places the storage in DAGSTER_HOME, which is set for the reading."""
    os.environ["DAGSTER_HOME"] = str(dagster_home)
    with dg.DagsterInstance.get() as instance:
        (run,) = instance.get_runs(limit=1)
        records = instance.all_logs(run.run_id)
    started, took = {}, {}
    for record in records:
        kind = record.dagster_event.event_type_value if record.dagster_event else None
        if kind == "STEP_START":
            started[record.step_key] = record.timestamp
        elif kind == "STEP_SUCCESS":
            took[record.step_key] = record.timestamp - started[record.step_key]
    return took


def stage_seconds(steps: dict[str, float]) -> dict[str, float]:
    return {stage: sum(steps.get(step, 0.0) for step in names) for stage, names in STAGES.items()}


def measure(reports: int, work: Path, seed: int) -> Growth:
    """The first build of a fresh home, then a rerun with nothing new."""
    corpus, home = work / f"corpus-{reports}", work / f"home-{reports}"
    generate(corpus, reports, seed)
    megabytes = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6
    command = [sys.executable, "-m", "orchestration.cli", "run", "--input", str(corpus)]
    before = jieba_seconds(corpus, reports)
    seconds, largest, tree = run_sampled(command, environment(home), work / f"run-{reports}.log")
    stages = stage_seconds(step_seconds(home / "dagster"))
    rerun, _, _ = run_sampled(command, environment(home), work / f"rerun-{reports}.log")
    after = jieba_seconds(corpus, reports)
    one_more = added(corpus, home, work / f"extra-{reports}", seed)
    return Growth(reports, megabytes, seconds, before, after, largest, tree, stages, rerun, one_more)


def added(corpus: Path, home: Path, extra: Path, seed: int) -> Added:
    """`fazhi run` again once one new report (of another seed, generated in `extra`) is in the
    corpus folder."""
    generate(extra, 1, seed + 1)
    shutil.copy(extra / "000000.txt", corpus / "new-report.txt")
    command = [sys.executable, "-m", "orchestration.cli", "run", "--input", str(corpus)]
    started = time.time()
    seconds, _, _ = run_sampled(command, environment(home), extra / "run.log")
    published = (home / "warehouse.duckdb").stat().st_mtime - started
    return Added(seconds, published, step_seconds(home / "dagster"))


def markdown(rows: list[Growth], command: str) -> str:
    lines = [
        "# Growth: time and memory of `fazhi run` by corpus size",
        "",
        f"- command: `{command}`",
        f"- date: {dt.date.today().isoformat()}",
        f"- machine: {machine()}",
        "- each size a fresh FAZHI_HOME: the first build, notebooks included; then the same command",
        "  again (a rerun with nothing new)",
        "- stages: the Dagster steps' own durations (load: stage the candidate, check it, publish it);",
        "  the rest is process start, Dagster's run and the input files' hashing",
        "- plain jieba: timed on 200 of the corpus's reports (extrapolated) just before the first build",
        "  and just after the rerun; the ratio is to the mean of the two",
        "",
        "| reports | text MB | fazhi run s | plain jieba s (before / after) | throughput ÷ jieba's "
        "| parse s | segment s "
        "| load s | pages s | the rest s | rerun s | rerun ÷ run |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        stages = " | ".join(f"{row.stages[stage]:.1f}" for stage in STAGES)
        rest = row.seconds - sum(row.stages.values())
        lines.append(
            f"| {row.reports:,} | {row.megabytes:.1f} | {row.seconds:.1f} "
            f"| {row.jieba_before:.1f} / {row.jieba_after:.1f} "
            f"| {(row.jieba_before + row.jieba_after) / 2 / row.seconds:.2f}× | {stages} | {rest:.1f} "
            f"| {row.rerun_seconds:.1f} | {row.rerun_seconds / row.seconds:.1%} |"
        )
    lines += [
        "",
        "Peak resident memory, sampled from /proc every 0.2 s during the first build:",
        "",
        "| reports | largest process MB | process tree MB | largest ÷ previous size's |",
        "| ---: | ---: | ---: | ---: |",
    ]
    previous = None
    for row in rows:
        grown = f"{row.largest_mb / previous.largest_mb:.2f}×" if previous else ""
        lines.append(f"| {row.reports:,} | {row.largest_mb:,.0f} | {row.tree_mb:,.0f} | {grown} |")
        previous = row
    lines += [
        "",
        "One new report into the warehouse of each size (the same command once more, after the rerun):",
        "what a run costs that brings little. Published: the warehouse file's modification time.",
        "",
        "| reports held | fazhi run s | published after s | stage the candidate s | its checks s | pages s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        steps = [row.added.steps.get(step, 0.0) for step in ADDED_STEPS]
        lines.append(
            f"| {row.reports:,} | {row.added.seconds:.1f} | {row.added.published_after:.1f} | "
            + " | ".join(f"{seconds:.2f}" for seconds in steps)
            + " |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("docs/growth.md"))
    args = parser.parse_args()
    command = " ".join(["python -m tests.benchmark.growth", *sys.argv[1:]])
    rows: list[Growth] = []
    with tempfile.TemporaryDirectory(prefix="fazhi-growth-") as folder:
        for size in args.sizes:  # written after each size: a later failure keeps the earlier rows
            rows.append(measure(size, Path(folder), args.seed))
            args.out.write_text(markdown(rows, command), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
