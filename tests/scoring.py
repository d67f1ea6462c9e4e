"""The scoring rules of the team's evaluation script (score.py), for the extraction gate: a code
and value agree within 1e-6, `skip` rows count neither way, any other code is a false figure, and
the qualifier of a true figure is checked (a missing one counts as exact)."""

import math
from dataclasses import dataclass, field
from pathlib import Path

META_FIELDS = ("adcode", "report_year", "doc_date", "publish_date", "doc_number", "title")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    qualifiers_right: int = 0
    meta_misses: list[str] = field(default_factory=list)
    false_figures: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def same(a, b) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def meta_values(record: dict) -> dict[str, str]:
    region = record.get("region") or {}
    return {
        "adcode": str(region.get("adcode") or ""),
        "report_year": str(record.get("report_year") or ""),
        "doc_date": str(record.get("doc_date") or ""),
        "publish_date": str(record.get("publish_date") or ""),
        "doc_number": str(record.get("doc_number") or ""),
        "title": str(record.get("title") or ""),
    }


def score(records: list[dict], gold_documents: dict, gold_indicators: dict) -> Score:
    result = Score()
    by_file = {Path(r["source"]).name: r for r in records}
    for name, gold in gold_documents.items():
        record = by_file[name]
        got = meta_values(record)
        for key in META_FIELDS:
            if (key == "title" and not gold[key]) or gold[key] == "*":
                continue
            if got[key] != gold[key]:
                result.meta_misses.append(f"{name} {key}: want {gold[key]!r} got {got[key]!r}")
        wanted = gold_indicators.get(name, {})
        found = {i["code"]: i for i in record["indicators"]}
        for code, row in wanted.items():
            if row["status"] == "skip":
                continue
            if code in found and same(found[code]["value"], row["value"]):
                result.tp += 1
                result.qualifiers_right += (found[code].get("qualifier") or "exact") == row["qualifier"]
            else:
                result.fn += 1
                result.fp += code in found
        for code, fact in found.items():
            if code not in wanted:
                result.fp += 1
                result.false_figures.append(f"{name} {code}={fact['value']} «{fact['evidence']}»")
    return result
