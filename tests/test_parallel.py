"""The process pool behind parse and segment: in order, batch by batch, reading items only as
results are taken (so a run over many batches never holds every report's rows at once)."""

import os

import pytest

from transforms.parallel import (
    CHUNK,
    IN_FLIGHT,
    PARALLEL_FROM,
    gather_by_batch,
    map_by_batch,
    map_in_processes,
)


def squared(number: int) -> int:
    return number * number


def pid_and_items(chunk: list[int]) -> tuple[int, list[int]]:
    return os.getpid(), chunk


def test_gathered_parts_are_built_in_the_workers_from_chunks_of_one_batch():
    batches = {"0": list(range(150)), "1": [], "2": list(range(150, 400))}
    sizes = {key: len(numbers) for key, numbers in batches.items()}
    assert sum(sizes.values()) >= PARALLEL_FROM
    parts = dict(gather_by_batch(sizes, batches.__getitem__, pid_and_items, list, "test"))
    assert {key: [n for _, chunk in found for n in chunk] for key, found in parts.items()} == batches
    assert [len(chunk) for _, chunk in parts["0"]] == [CHUNK, CHUNK, 150 - 2 * CHUNK]
    assert parts["1"] == []
    assert os.getpid() not in {pid for found in parts.values() for pid, _ in found}


def test_each_batch_gets_its_own_results_in_order_through_one_pool():
    batches = {"0": list(range(150)), "1": [], "2": list(range(150, 400))}
    sizes = {key: len(numbers) for key, numbers in batches.items()}
    assert sum(sizes.values()) >= PARALLEL_FROM  # the pool, not a loop
    collected = dict(map_by_batch(sizes, batches.__getitem__, squared, list, "test"))
    assert collected == {"0": [n * n for n in range(150)], "1": [], "2": [n * n for n in range(150, 400)]}


def sum_of_squares(chunk: list[int]) -> int:
    return sum(n * n for n in chunk)


def batches_of_squares(sizes, rows, by):
    if by == "item":
        return map_by_batch(sizes, rows, squared, sum, "test")
    return gather_by_batch(sizes, rows, sum_of_squares, sum, "test")


@pytest.mark.parametrize("by", ["item", "gathered chunk"])
def test_a_batch_is_handed_over_before_the_rows_of_later_batches_are_asked_for(by):
    """The streaming a step relies on to hold one batch at a time: with batches larger than the
    pool's lookahead, batch 0 is done before the pool has asked for batch 2's rows."""
    lookahead = (IN_FLIGHT * (os.cpu_count() or 1) + 2) * CHUNK
    sizes = dict.fromkeys("012", lookahead)
    asked: list[str] = []

    def rows(key: str) -> range:
        asked.append(key)
        return range(sizes[key])

    batches = batches_of_squares(sizes, rows, by)
    first, total = next(batches)
    assert (first, total) == ("0", sum(n * n for n in range(lookahead)))
    assert "2" not in asked
    assert [key for key, _ in batches] == ["1", "2"]
    assert asked == ["0", "1", "2"]


def test_items_are_read_as_results_are_taken():
    pulled = 0

    def items():
        nonlocal pulled
        for number in range(100_000):
            pulled += 1
            yield number

    results = map_in_processes(squared, items(), 100_000, "test")
    assert next(results) == 0
    assert pulled <= (IN_FLIGHT * (os.cpu_count() or 1) + 2) * CHUNK
    assert sum(1 for _ in results) == 99_999
    assert pulled == 100_000
