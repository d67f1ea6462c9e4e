"""The outline of a report: numbered headings (一、 (一) 1.) as a tree with offsets and categories.

Top-level sections are classified into the parts the 2019 regulation requires (leadership_duty,
achievements, shortcomings, next_year, other), from heading patterns in data/sections.toml.
"""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

CN_NUMERAL = "一二三四五六七八九十"
LEVELS = (
    re.compile(rf"^([{CN_NUMERAL}]{{1,3}})[、.．]\s*"),
    re.compile(rf"^[(（]([{CN_NUMERAL}]{{1,3}})[)）]\s*"),
    re.compile(r"^(\d{1,2})[.．、]\s*(?!\d)"),
)
HEADING_END = re.compile(r"[。；;！!？?]")
MAX_HEADING = 60


@dataclass(frozen=True)
class Section:
    path: str
    depth: int
    heading: str
    category: str
    start: int
    end: int


@cache
def category_patterns() -> dict[str, re.Pattern[str]]:
    text = resources.files("transforms.data").joinpath("sections.toml").read_text("utf-8")
    return {name: re.compile(p) for name, p in tomllib.loads(text)["categories"].items()}


def classify(heading: str, after_shortcomings: bool) -> str:
    for category, pattern in category_patterns().items():
        if pattern.search(heading):
            return category
    return "other" if after_shortcomings else "achievements"


def heading_of(line: str, marker_end: int) -> str:
    rest = line[marker_end:]
    end = HEADING_END.search(rest)
    return rest[: end.start() if end else len(rest)][:MAX_HEADING].strip()


def parse_outline(text: str) -> list[Section]:
    """Numbered sections in document order; each ends where the next one of its level or above
    starts. A path names every level down to its own, 0 for a level the numbering skipped
    (一、 then 1、 is 1/0/1), so paths stay unique however a report mixes its numbering."""
    opened: list[tuple[int, str, str, int]] = []
    counters = [0, 0, 0]
    offset = 0
    for line in text.split("\n"):
        stripped = line.lstrip()
        for depth, pattern in enumerate(LEVELS):
            match = pattern.match(stripped)
            if match:
                counters[depth] += 1
                counters[depth + 1 :] = [0] * (len(counters) - depth - 1)
                path = "/".join(str(n) for n in counters[: depth + 1])
                start = offset + len(line) - len(stripped)
                opened.append((depth, path, heading_of(stripped, match.end()), start))
                break
        offset += len(line) + 1
    return close_sections(opened, len(text))


def close_sections(opened: list[tuple[int, str, str, int]], length: int) -> list[Section]:
    sections: list[Section] = []
    after_shortcomings = False
    for index, (depth, path, heading, start) in enumerate(opened):
        end = next((s for d, _, _, s in opened[index + 1 :] if d <= depth), length)
        category = ""
        if depth == 0:
            category = classify(heading, after_shortcomings)
            after_shortcomings = after_shortcomings or category == "shortcomings"
        sections.append(Section(path, depth, heading, category, start, end))
    return sections
