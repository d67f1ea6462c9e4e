"""Coverage of the 纲要 2021–2025 chapters per report, from the lexicon in data/themes.toml."""

import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick_rs


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


@cache
def term_finder() -> ahocorasick_rs.AhoCorasick:
    """Every chapter's terms found in one pass over a text (counting each with str.count took 81
    passes, 0.25 ms a report). A term that overlaps itself (阿巴阿) would be counted apart from
    str.count's way, so the lexicon may hold none."""
    terms = tuple(sorted({term for chapter in chapters() for term in chapter.terms}))
    overlapping = [term for term in terms if any(term[:k] == term[-k:] for k in range(1, len(term)))]
    if overlapping:
        raise ValueError(f"themes.toml: terms that overlap themselves cannot be counted: {overlapping}")
    return ahocorasick_rs.AhoCorasick(terms)


def theme_coverage(text: str) -> list[tuple[str, int, float]]:
    """(chapter, hits, hits per 1,000 characters) for every chapter, so lengths compare: a term's
    hits are its occurrences, as str.count counts them."""
    found = Counter(term_finder().find_matches_as_strings(text, overlapping=True))
    length = max(len(text), 1)
    rows: list[tuple[str, int, float]] = []
    for chapter in chapters():
        hits = sum(found[term] for term in chapter.terms)
        rows.append((chapter.code, hits, round(1000 * hits / length, 3)))
    return rows
