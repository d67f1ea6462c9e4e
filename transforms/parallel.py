"""One way to spread per-report work over the machine's cores.

Parsing and segmentation are pure Python/Rust per report and CPU-bound, so they run in a process
pool; results stream back a chunk at a time, in input order, so callers can keep rows instead of
whole intermediate objects. Items are read only as results are taken (at most IN_FLIGHT chunks per
worker wait), and `map_by_batch` hands each batch over as soon as it is done, so a run over many
batches holds one batch's rows and results at a time, not the corpus's. Below PARALLEL_FROM
items, starting the processes costs more than it saves.

Where an item's result is many small Python objects (a report's term and token counts), receiving
and gathering them costs the parent more than the worker's work of building them into one part,
a frame: `gather_by_batch` builds each chunk's part in the worker. Segmenting 10,000 reports took
the parent 5.4 s of CPU with the counts sent back, 0.9 s with frames (11.5 -> 9.2-9.4 s in all).
Parsing gains nothing by it (its rows are few and large: 19.6 s either way), so it sends rows.

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
from functools import partial
from itertools import islice
from typing import Generic, NamedTuple, TypeVar

from tqdm import tqdm

PARALLEL_FROM = 200
CHUNK = 64
IN_FLIGHT = 4
PR_SET_PDEATHSIG = 1

Item = TypeVar("Item")
Result = TypeVar("Result")
Collected = TypeVar("Collected")
Part = TypeVar("Part")


def map_in_processes(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    total: int,
    label: str,
    *,
    per_task: int = CHUNK,
    weight: Callable[[Result], int] = lambda _: 1,
) -> Iterator[Result]:
    """`function` over every item, in order, across processes when there are enough (`total`:
    the reports the items hold, `weight`: one result's); a progress bar named `label` on stderr
    when that is a terminal (never in a log or the UI). A worker's task is `per_task` items."""
    with tqdm(total=total, desc=label, unit=" reports", disable=None, leave=False) as progress:
        if total < PARALLEL_FROM:
            yield from counted(map(function, items), progress.update, weight)
            return
        workers = os.cpu_count() or 1
        with ProcessPoolExecutor(workers, initializer=die_with_parent) as pool:
            mapped = bounded_map(pool, function, items, IN_FLIGHT * workers, per_task)
            yield from counted(mapped, progress.update, weight)


def bounded_map(
    pool: ProcessPoolExecutor,
    function: Callable[[Item], Result],
    items: Iterable[Item],
    waiting: int,
    per_task: int,
) -> Iterator[Result]:
    """The pool's map, in chunks, with at most `waiting` chunks submitted ahead of the one read
    (Executor.map submits every item at once)."""
    pending: deque[Future[list[Result]]] = deque()
    for chunk in chunks(items, per_task):
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


class Gathered(NamedTuple, Generic[Part]):
    """A chunk's part, built in a worker, and how many items it holds."""

    items: int
    part: Part


def gather_by_batch(
    sizes: Mapping[str, int],
    rows: Callable[[str], Iterable[Item]],
    gather: Callable[[list[Item]], Part],
    join: Callable[[list[Part]], Collected],
    label: str,
) -> Iterator[tuple[str, Collected]]:
    """map_by_batch, with `gather` building the part of each chunk of a batch's rows in the
    workers (a chunk never spans two batches) and `join` making a batch of its parts here."""
    parts_per_batch = {key: -(-size // CHUNK) for key, size in sizes.items()}
    batch_chunks = (chunk for key in sizes for chunk in chunks(rows(key), CHUNK))
    parts = gather_in_processes(gather, batch_chunks, sum(sizes.values()), label)
    for key, count in parts_per_batch.items():
        yield key, join(list(islice(parts, count)))


def gather_in_processes(
    gather: Callable[[list[Item]], Part], item_chunks: Iterable[list[Item]], total: int, label: str
) -> Iterator[Part]:
    """`gather` of each chunk, in order, a chunk a task (`total`: the items in all chunks)."""
    gathered = map_in_processes(
        partial(gathered_chunk, gather), item_chunks, total, label, per_task=1, weight=lambda g: g.items
    )
    return (g.part for g in gathered)


def gathered_chunk(gather: Callable[[list[Item]], Part], chunk: list[Item]) -> Gathered[Part]:
    return Gathered(len(chunk), gather(chunk))


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def counted(
    results: Iterator[Result], tick: Callable[[int], object], weight: Callable[[Result], int]
) -> Iterator[Result]:
    for result in results:
        tick(weight(result))
        yield result


def die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (elsewhere: nothing to do)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
