"""A pattern's matches, the pattern tried only where a match can begin.

Python's re skips ahead quickly only when a pattern opens with a literal or a character class; a
pattern that opens with an optional group or a lookbehind is tried at every position of the text,
and so is a union of patterns each of which would skip on its own. Where what a match can begin
with is rare in a Chinese text (a number, a Latin letter after a Chinese character, a stock
phrase's first word), searching for that first and trying the pattern only there gives the same
matches 2-6x faster."""

import re
from collections.abc import Iterable, Iterator


def matches_from(pattern: re.Pattern[str], start: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, for a pattern that never matches an empty string, where `start`
    finds (at its own start) every position a match of `pattern` can begin at, and maybe more."""
    position = 0
    while begin := start.search(text, position):
        match = pattern.match(text, begin.start())
        if match:
            yield match
        position = match.end() if match else begin.start() + 1


def positions(pattern: re.Pattern[str], text: str) -> Iterator[int]:
    """Every position at which `pattern` matches, overlapping matches included."""
    position = 0
    while found := pattern.search(text, position):
        yield found.start()
        position = found.start() + 1


def matches_at(pattern: re.Pattern[str], starts: Iterable[int], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, for a pattern that never matches an empty string, where `starts`
    holds, in ascending order, every position a match can begin at, and maybe more."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)):
            yield match
            end = match.end()
