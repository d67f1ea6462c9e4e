"""One way to spread per-report work over the machine's cores.

Parsing and segmentation are pure Python/Rust per report and CPU-bound, so they run in a process
pool; results stream back a chunk at a time, in input order, so callers can keep rows instead of
whole intermediate objects. Items are read only as results are taken (at most IN_FLIGHT chunks per
worker wait), and `map_by_batch` hands each batch over as soon as it is done, so a run over many
batches holds one batch's rows and results at a time, not the corpus's. Below PARALLEL_FROM
items, starting the processes costs more than it saves.

Workers die with their parent: a parent killed with SIGKILL (or by the OOM killer) cannot shut
its pool down, and forked workers would live on blocked, holding the run lock they inherited.
"""

import ctypes
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TypeVar

from tqdm import tqdm

PARALLEL_FROM = 200
CHUNK = 64
IN_FLIGHT = 4
PR_SET_PDEATHSIG = 1

Item = TypeVar("Item")
Result = TypeVar("Result")
Collected = TypeVar("Collected")


def map_in_processes(
    function: Callable[[Item], Result], items: Iterable[Item], total: int, label: str
) -> Iterator[Result]:
    """`function` over every item (`total` of them), in order, across processes when there are
    enough; a progress bar named `label` on stderr when that is a terminal (never in a log or the UI)."""
    with tqdm(total=total, desc=label, unit=" reports", disable=None, leave=False) as progress:
        if total < PARALLEL_FROM:
            yield from counted(map(function, items), progress.update)
            return
        workers = os.cpu_count() or 1
        with ProcessPoolExecutor(workers, initializer=die_with_parent) as pool:
            yield from counted(bounded_map(pool, function, items, IN_FLIGHT * workers), progress.update)


def bounded_map(
    pool: ProcessPoolExecutor, function: Callable[[Item], Result], items: Iterable[Item], waiting: int
) -> Iterator[Result]:
    """The pool's map, in chunks, with at most `waiting` chunks submitted ahead of the one read
    (Executor.map submits every item at once)."""
    pending: deque[Future[list[Result]]] = deque()
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK)):
        pending.append(pool.submit(apply_to_chunk, function, chunk))
        if len(pending) > waiting:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def apply_to_chunk(function: Callable[[Item], Result], chunk: list[Item]) -> list[Result]:
    return [function(item) for item in chunk]


def map_by_batch(
    sizes: Mapping[str, int],
    rows: Callable[[str], Iterable[Item]],
    function: Callable[[Item], Result],
    collect: Callable[[Iterable[Result]], Collected],
    label: str,
) -> Iterator[tuple[str, Collected]]:
    """(batch, `collect` of `function` over the batch's rows) for each batch of `sizes` (its row
    count), every batch through one process pool. A batch's rows are asked for (`rows`) when the
    pool reaches them and it is handed over as soon as its last result is in: a caller that
    writes each batch away holds one batch at a time, whatever the run covers."""
    items = (item for key in sizes for item in rows(key))
    results = map_in_processes(function, items, sum(sizes.values()), label)
    for key, size in sizes.items():
        yield key, collect(islice(results, size))


def counted(results: Iterator[Result], tick: Callable[[], object]) -> Iterator[Result]:
    for result in results:
        tick()
        yield result


def die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (elsewhere: nothing to do)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
