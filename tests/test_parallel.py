"""The process pool behind parse and segment: in order, batch by batch, reading items only as
results are taken (so a run over many batches never holds every report's rows at once)."""

import os

import polars as pl

from transforms.parallel import CHUNK, IN_FLIGHT, PARALLEL_FROM, map_by_batch, map_in_processes


def squared(number: int) -> int:
    return number * number


def numbers(frame: pl.DataFrame) -> list[int]:
    return frame.get_column("n").to_list()


def test_each_batch_gets_its_own_results_in_order_through_one_pool():
    batches = {
        "0": pl.DataFrame({"n": list(range(150))}),
        "1": pl.DataFrame({"n": []}, schema={"n": pl.Int64}),
        "2": pl.DataFrame({"n": list(range(150, 400))}),
    }
    assert sum(frame.height for frame in batches.values()) >= PARALLEL_FROM  # the pool, not a loop
    collected = map_by_batch(batches, numbers, squared, list, "test")
    assert collected == {"0": [n * n for n in range(150)], "1": [], "2": [n * n for n in range(150, 400)]}


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
