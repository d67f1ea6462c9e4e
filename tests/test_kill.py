"""A run killed with SIGKILL (or by the OOM killer) while its parse workers are busy: the workers
die with it, and the next run is not told that another one is going on."""

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from transforms.samples import SAMPLE_REPORTS, report_files

pytestmark = pytest.mark.slow
PROJECT = Path(__file__).resolve().parents[1]


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_killing_a_run_mid_parse_kills_its_workers_and_frees_the_lock(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    samples = [p.read_text(encoding="utf-8") for p in report_files(SAMPLE_REPORTS)]
    for index in range(600):
        (inbox / f"r{index}.txt").write_text(samples[index % 5] + f"\n附{index}", encoding="utf-8")
    home = tmp_path / "home"
    env = {**os.environ, "FAZHI_HOME": str(home)}
    command = [sys.executable, "-m", "orchestration.cli", "run", "--input", str(inbox)]
    quiet = subprocess.DEVNULL
    run = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=quiet, stderr=quiet)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = children_of(run.pid)
        time.sleep(0.2)
    assert len(workers) >= 2, "the run never started its parse workers"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    time.sleep(3)
    assert not [pid for pid in workers if alive(pid)]
    with (home / ".run.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if anything still holds it
