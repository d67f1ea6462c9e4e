"""One way to spread per-report work over the machine's cores.

Parsing and segmentation are pure Python/Rust per report and CPU-bound, so they run in a process
pool; results stream back a chunk at a time, in input order, so callers can keep rows instead of
whole intermediate objects. Below PARALLEL_FROM items, starting the processes costs more than it saves.

Workers die with their parent: a parent killed with SIGKILL (or by the OOM killer) cannot shut
its pool down, and forked workers would live on blocked, holding the run lock they inherited.
"""

import ctypes
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from tqdm import tqdm

PARALLEL_FROM = 200
CHUNK = 64
PR_SET_PDEATHSIG = 1

Item = TypeVar("Item")
Result = TypeVar("Result")


def map_in_processes(function: Callable[[Item], Result], items: list[Item], label: str) -> Iterator[Result]:
    """`function` over every item, in order, across processes when there are enough items; a
    progress bar named `label` on stderr when that is a terminal (never in a log or the UI)."""
    with tqdm(total=len(items), desc=label, unit=" reports", disable=None, leave=False) as progress:
        if len(items) < PARALLEL_FROM:
            results: Iterator[Result] = map(function, items)
            yield from counted(results, progress.update)
            return
        with ProcessPoolExecutor(initializer=die_with_parent) as pool:
            yield from counted(pool.map(function, items, chunksize=CHUNK), progress.update)


def counted(results: Iterator[Result], tick: Callable[[], object]) -> Iterator[Result]:
    for result in results:
        tick()
        yield result


def die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (elsewhere: nothing to do)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
