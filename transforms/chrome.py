"""Remove site chrome (breadcrumbs, share and print links, counters, footers) from page text.

The same chrome appears in HTML pages and in text files copied from them, so it is removed from
lines, not from markup. The patterns live in data/chrome.toml. Each is compiled on its own: Python's
re scans a line about three times faster for each literal-led pattern in turn than for their union.
"""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class ChromeRules:
    line_patterns: tuple[re.Pattern[str], ...]
    footer_markers: tuple[re.Pattern[str], ...]
    footer_start: float


@cache
def chrome_rules() -> ChromeRules:
    data = tomllib.loads(resources.files("transforms.data").joinpath("chrome.toml").read_text("utf-8"))
    return ChromeRules(
        line_patterns=tuple(map(re.compile, data["line_patterns"])),
        footer_markers=tuple(map(re.compile, data["footer_markers"])),
        footer_start=float(data["footer_start"]),
    )


def any_search(patterns: tuple[re.Pattern[str], ...], line: str) -> bool:
    return any(pattern.search(line) for pattern in patterns)


# A line this long that ends a sentence is a paragraph of the report, whatever words it shares
# with site chrome (a paragraph on 政务微博 is not a link bar).
MAX_CHROME_LINE = 60
SENTENCE_MARK = re.compile(r"[。；;！!？?]")


def is_paragraph(line: str) -> bool:
    return len(line) > MAX_CHROME_LINE and bool(SENTENCE_MARK.search(line))


def is_chrome(line: str) -> bool:
    line = line.strip()
    return not is_paragraph(line) and any_search(chrome_rules().line_patterns, line)


def strip_chrome(text: str) -> str:
    """The page text without chrome lines and without the footer block at its end."""
    rules = chrome_rules()
    lines = text.split("\n")
    cut = len(lines)
    start = int(len(lines) * rules.footer_start)
    for index in range(start, len(lines)):
        line = lines[index].strip()
        if not is_paragraph(line) and any_search(rules.footer_markers, line):
            cut = index
            break
    kept = [line for line in lines[:cut] if not is_chrome(line)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
