"""Quality flags: what a reader must know before trusting a report's figures.

A defaced page (injected gambling or advertising text) is found by a lexicon and by a statistical
sign: Latin-letter words repeated inside Chinese running text. Damaged text shows as dates and
document numbers whose 年月日 or 〔〕 were lost. Lateness follows 督察工作规定: governments publish by
1 April, departments by 1 March of the year after the one reported.
"""

import datetime as dt
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from transforms.htmltext import han_count
from transforms.metadata import TITLE_TOPIC
from transforms.scanning import matches_from

LATIN_IN_HAN = re.compile(r"(?<=[\u4e00-\u9fff])[A-Za-z0-9]*[A-Za-z]{2,}[A-Za-z0-9]*(?=[\u4e00-\u9fff])")
TRADITIONAL_ONLY = re.compile(r"[們個會來時國說這過為對發與當經學實現長開動關點體設報產務權應變據從區縣]")
SIMPLIFIED_ONLY = re.compile(r"[们个会来时国说这过为对发与当经学实现长开动关点体设报产务权应变据从区县]")
REPEATED_LATIN = 3
INJECTED_ADDRESS = re.compile(
    r"(?<=[\u4e00-\u9fff])(?:https?://)?(?:www\.)?[a-z0-9-]+\.(?:com|net|cc|top|vip|xyz|cn)(?=[\u4e00-\u9fff])"
)
# Where each can begin: its first character right after a Chinese one (transforms/scanning.py:
# both open with a lookbehind: spam_spans, which parse and segment both call, 0.44 -> 0.15 ms).
LATIN_IN_HAN_START = re.compile(r"[A-Za-z0-9](?<=[\u4e00-\u9fff].)")
INJECTED_ADDRESS_START = re.compile(r"[a-z0-9-](?<=[\u4e00-\u9fff].)")
SPAN_STOP = set("，,。；;：:、！!？?\n“”《》()（）")


@dataclass(frozen=True)
class QualityLexicon:
    spam_terms: tuple[str, ...]
    allowed_latin: frozenset[str]
    mirror_markers: tuple[str, ...]
    third_party: re.Pattern[str]
    damaged: tuple[re.Pattern[str], ...]  # each on its own: their union is tried at every position
    shortcomings: re.Pattern[str]
    next_year: re.Pattern[str]
    report_min_han: int
    report_min_terms: int
    report_terms: tuple[str, ...]


@cache
def lexicon() -> QualityLexicon:
    text = resources.files("transforms.data").joinpath("quality.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return QualityLexicon(
        spam_terms=tuple(data["spam_terms"]),
        allowed_latin=frozenset(data["allowed_latin"]),
        mirror_markers=tuple(data["mirror_markers"]),
        third_party=re.compile(data["third_party_markers"]),
        damaged=tuple(re.compile(pattern, re.MULTILINE) for pattern in data["damaged_patterns"]),
        shortcomings=re.compile(data["shortcomings"]),
        next_year=re.compile(data["next_year"]),
        report_min_han=int(data["report_min_han"]),
        report_min_terms=int(data["report_min_terms"]),
        report_terms=tuple(data["report_terms"]),
    )


def spam_spans(text: str) -> list[str]:
    """Injected phrases: lexicon hits, a web address pasted inside a Chinese sentence, and odd
    Latin words that recur inside Chinese sentences; each grown to the whole repeated insertion."""
    lex = lexicon()
    hits = [term for term in lex.spam_terms if term in text]
    hits += [m.group(0) for m in matches_from(INJECTED_ADDRESS, INJECTED_ADDRESS_START, text)]
    words = (m.group(0) for m in matches_from(LATIN_IN_HAN, LATIN_IN_HAN_START, text))
    latin = Counter(w for w in words if w not in lex.allowed_latin)
    hits += [word for word, count in latin.items() if count >= REPEATED_LATIN]
    return list(dict.fromkeys(whole_insertion(text, hit) for hit in hits))


def whole_insertion(text: str, hit: str) -> str:
    """An injected phrase is pasted identically each time: grow the hit while every occurrence
    has the same character on that side (足彩 → 足彩app哪个是正规的)."""
    starts = [m.start() for m in re.finditer(re.escape(hit), text)]
    if len(starts) < 2:
        return hit
    begin, end = 0, len(hit)
    while all(s + end < len(text) for s in starts) and len({text[s + end] for s in starts}) == 1:
        if text[starts[0] + end] in SPAN_STOP:
            break
        end += 1
    while all(s + begin > 0 for s in starts) and len({text[s + begin - 1] for s in starts}) == 1:
        if text[starts[0] + begin - 1] in SPAN_STOP:
            break
        begin -= 1
    return text[starts[0] + begin : starts[0] + end]


def has_damaged_text(text: str) -> bool:
    return any(pattern.search(text) for pattern in lexicon().damaged)


def is_third_party(page: str) -> bool:
    """A mirror site's copy, an evaluation or a news story rather than the government's own report."""
    head = page[:2000]
    return any(marker in head for marker in lexicon().mirror_markers) or bool(
        lexicon().third_party.search(page[:300])
    )


def is_traditional(text: str) -> bool:
    return len(TRADITIONAL_ONLY.findall(text)) > 3 * max(1, len(SIMPLIFIED_ONLY.findall(text)))


def deadline(report_year: int, doc_type: str) -> dt.date:
    """1 March of the next year for departments, 1 April for governments (督察工作规定)."""
    return dt.date(report_year + 1, 3 if doc_type == "department" else 4, 1)


def days_late(report_year: int | None, published: dt.date | None, doc_type: str) -> int | None:
    if report_year is None or published is None:
        return None
    return (published - deadline(report_year, doc_type)).days


def missing_parts(text: str, categories: set[str]) -> list[str]:
    """Required parts that neither a section nor a phrase of the text covers."""
    lex = lexicon()
    missing: list[str] = []
    if "shortcomings" not in categories and not lex.shortcomings.search(text):
        missing.append("shortcomings")
    if "next_year" not in categories and not lex.next_year.search(text):
        missing.append("next_year")
    return missing


def not_a_report(text: str, title: str | None) -> str | None:
    """Why a text is not a rule-of-law report (None when it is one): too little Chinese text, or
    none of the domain's words. Evidence-based and lenient — a short or cut-off report passes."""
    if title and TITLE_TOPIC.search(title):
        return None
    lex = lexicon()
    han = han_count(text)
    if han < lex.report_min_han:
        return f"too short to be a report: {han} Chinese characters (at least {lex.report_min_han})"
    terms = sum(1 for term in lex.report_terms if term in text)
    if terms < lex.report_min_terms:
        return f"no rule-of-law vocabulary: {terms} of the domain's words (at least {lex.report_min_terms})"
    return None
