"""The warehouse's invariants, checked per report before loading: a report that breaks one is
quarantined (a load_error row, stage `validate`) instead of failing the whole load at a key or
CHECK violation."""

from typing import Any

from transforms.catalogue import catalogue
from transforms.regions import gazetteer

QUALIFIERS = frozenset({"exact", "more_than", "less_than", "about", "nearly"})
DOC_TYPES = frozenset({"government", "department", "third_party", "not_a_report"})


class InvalidReport(ValueError):
    """A parsed report that the warehouse would refuse; the message names every broken rule."""


def violations(
    document: dict[str, Any], sections: list[dict[str, Any]], facts: list[dict[str, Any]]
) -> list[str]:
    """Every invariant one report's rows break (an empty list: it can be loaded)."""
    text = document["text"]
    found: list[str] = []
    paths = [s["path"] for s in sections]
    if len(set(paths)) != len(paths):
        found.append("two sections share an outline path")
    codes = [f["indicator_code"] for f in facts]
    if len(set(codes)) != len(codes):
        found.append("two figures for one indicator")
    known = {i.code: i for i in catalogue().indicators}
    for fact in facts:
        found += fact_violations(fact, text, known)
    if document["adcode"] and document["adcode"] not in gazetteer().by_adcode:
        found.append(f"unknown region {document['adcode']}")
    if document["doc_type"] not in DOC_TYPES:
        found.append(f"unknown doc_type {document['doc_type']}")
    for section in sections:
        if not 0 <= section["start_offset"] <= section["end_offset"] <= len(text):
            found.append(f"section {section['path']} outside the text")
    return found


def fact_violations(fact: dict[str, Any], text: str, known: dict[str, Any]) -> list[str]:
    code, start, end = fact["indicator_code"], fact["start_offset"], fact["end_offset"]
    found: list[str] = []
    if code not in known:
        found.append(f"unknown indicator {code}")
    elif known[code].kind == "rate" and not 0 <= fact["value"] <= 100:
        found.append(f"{code}: rate {fact['value']} outside 0-100")
    if fact["value"] < 0:
        found.append(f"{code}: negative value")
    if fact["qualifier"] not in QUALIFIERS:
        found.append(f"{code}: unknown qualifier {fact['qualifier']}")
    if not 0 <= start < end <= len(text) or text[start:end] != fact["evidence"]:
        found.append(f"{code}: evidence is not text[{start}:{end}]")
    return found


def check_report(
    document: dict[str, Any], sections: list[dict[str, Any]], facts: list[dict[str, Any]]
) -> None:
    broken = violations(document, sections, facts)
    if broken:
        raise InvalidReport("; ".join(broken))
