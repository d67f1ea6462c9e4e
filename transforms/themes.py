"""Coverage of the 纲要 2021–2025 chapters per report, from the lexicon in data/themes.toml."""

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Chapter:
    code: str
    name_zh: str
    terms: tuple[str, ...]


@cache
def chapters() -> tuple[Chapter, ...]:
    text = resources.files("transforms.data").joinpath("themes.toml").read_text("utf-8")
    data = tomllib.loads(text)["chapters"]
    return tuple(Chapter(code, item["name_zh"], tuple(item["terms"])) for code, item in data.items())


def theme_coverage(text: str) -> list[tuple[str, int, float]]:
    """(chapter, hits, hits per 1,000 characters) for every chapter, so lengths compare."""
    length = max(len(text), 1)
    rows: list[tuple[str, int, float]] = []
    for chapter in chapters():
        hits = sum(text.count(term) for term in chapter.terms)
        rows.append((chapter.code, hits, round(1000 * hits / length, 3)))
    return rows
