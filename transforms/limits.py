"""Limits per report: how many bytes are read and how long one report may take. A file over a
limit becomes an error row with the reason; it never holds up the other reports."""

import signal
import threading
from collections.abc import Generator
from contextlib import contextmanager
from pathlib import Path

from transforms.formats import MAX_BYTES, UnreadableReport

SECONDS_PER_REPORT = 60


class ReportTimeout(UnreadableReport):
    """One report took longer than its budget."""


def read_capped(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, refusing it once it is over `limit` (checked before and while reading)."""
    size = path.stat().st_size
    if size > limit:
        raise UnreadableReport(f"file too large: {size:,} bytes (limit {limit:,})")
    with path.open("rb") as handle:
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise UnreadableReport(f"file too large: over {limit:,} bytes (limit {limit:,})")
    return raw


@contextmanager
def time_budget(seconds: float = SECONDS_PER_REPORT) -> Generator[None]:
    """Raise ReportTimeout in the block after `seconds` of wall time (SIGALRM; in the main thread
    of a process only — elsewhere the block runs unbounded, as before)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(*_: object) -> None:
        raise ReportTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
