"""parse_report: one report file in, everything the product knows about it out.

Used by `fazhi extract` and by the pipeline alike, so a figure checked by hand is the figure the
warehouse holds. `ParsedReport.record()` is DESIGN contract 2, the JSONL record.
"""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from transforms.audit import Inconsistency, audit_figures
from transforms.chrome import strip_chrome
from transforms.formats import page_text
from transforms.indicators import Candidate, extract_indicators
from transforms.metadata import ReportMetadata, read_metadata, title_org
from transforms.normalize import normalize_text
from transforms.outline import Section, parse_outline
from transforms.quality import (
    days_late,
    has_damaged_text,
    is_third_party,
    is_traditional,
    missing_parts,
    not_a_report,
    spam_spans,
)
from transforms.regions import (
    Evidence,
    Resolution,
    central_body,
    gazetteer,
    host_regions,
    region_record,
    resolve_region,
)

DEPARTMENT_SUFFIX = re.compile(r"(局|委员会|厅|办公室|办|中心|部|委|署|院)$")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
REPORT_OPENING = re.compile(r"现将[^。]{0,60}报告如下")


@dataclass
class ParsedReport:
    source: str
    sha256: str
    text: str
    meta: ReportMetadata
    resolution: Resolution
    issuer: str | None
    doc_type: str
    sections: list[Section]
    facts: list[Candidate]
    candidates: list[Candidate]
    inconsistencies: list[Inconsistency]
    flags: list[str] = field(default_factory=list[str])
    not_report_reason: str | None = None

    @property
    def title(self) -> str | None:
        return self.meta.title

    def built_title(self) -> str | None:
        """The title to show when the report has none: '<region><year>年度法治政府建设情况报告'."""
        if self.meta.title:
            return self.meta.title
        region = self.resolution.region
        if region is None or self.meta.report_year is None:
            return None
        return f"{region.name}{self.meta.report_year}年度法治政府建设情况报告"

    def numbers_per_1000(self) -> float:
        return round(1000 * len(NUMBER.findall(self.text)) / max(len(self.text), 1), 2)

    def parts_present(self) -> list[str]:
        return sorted({s.category for s in self.sections if s.depth == 0 and s.category})

    def days_late(self) -> int | None:
        return days_late(self.meta.report_year, self.meta.publish_date, self.doc_type)

    def document_row(self, doc_id: str, rules_version: str) -> dict[str, Any]:
        """The report's row of the DOCUMENTS frame."""
        meta, region = self.meta, self.resolution.region
        return {
            "document_id": doc_id,
            "source": self.source,
            "sha256": self.sha256,
            "text_sha256": hashlib.sha256(self.text.encode()).hexdigest(),
            "title": meta.title,
            "display_title": self.built_title(),
            "report_year": meta.report_year,
            "adcode": region.adcode if region else None,
            "region_level": self.resolution.level,
            "doc_date": meta.doc_date,
            "publish_date": meta.publish_date,
            "doc_number": meta.doc_number,
            "issuer": self.issuer,
            "addressee": meta.addressee,
            "doc_type": self.doc_type,
            "not_report_reason": self.not_report_reason,
            "flags": self.flags,
            "length": len(self.text),
            "numbers_per_1000": self.numbers_per_1000(),
            "parts_present": self.parts_present(),
            "days_late": self.days_late(),
            "rules_version": rules_version,
            "text": self.text,
        }

    def record(self) -> dict[str, Any]:
        meta = self.meta
        return {
            "source": self.source,
            "title": meta.title,
            "report_year": meta.report_year,
            "region": region_record(self.resolution),
            "doc_date": iso(meta.doc_date),
            "publish_date": iso(meta.publish_date),
            "doc_number": meta.doc_number,
            "issuer": self.issuer,
            "addressee": meta.addressee,
            "doc_type": self.doc_type,
            "not_report_reason": self.not_report_reason,
            "flags": self.flags,
            "sections": [
                {
                    "path": s.path,
                    "heading": s.heading,
                    "category": s.category or None,
                    "start": s.start,
                    "end": s.end,
                }
                for s in self.sections
            ],
            "indicators": [
                {
                    "code": f.code,
                    "value": f.value,
                    "unit": f.unit,
                    "qualifier": f.qualifier,
                    "evidence": f.evidence,
                    "start": f.start,
                    "end": f.end,
                    "rule": f.rule_id,
                }
                for f in self.facts
            ],
        }


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def parse_report(source: str, raw: bytes, region_hint: str | None = None) -> ParsedReport:
    """Read, normalise and understand one report; raises UnreadableReport for what is not one.
    `region_hint` (a name or adcode, from the sources file) counts as a clue, not as the answer."""
    page = normalize_text(page_text(source, raw))
    text = strip_chrome(page)
    meta = read_metadata(page, text)
    evidence = Evidence(
        title=meta.title or "",
        signature=meta.signatory or "",
        opening=opening_sentences(meta.opening, text),
        body=text[:1500],
        addressee=meta.addressee or "",
        hint=" ".join(filter(None, [hint_name(region_hint), host_regions(urlsplit(source).hostname or "")])),
    )
    resolution = resolve_region(evidence, meta.report_year)
    issuer = issuer_of(meta, resolution)
    sections = parse_outline(text)
    facts, found = extract_indicators(text)
    reason = not_a_report(text, meta.title)
    doc_type = "not_a_report" if reason else doc_type_of(page, issuer)
    report = ParsedReport(
        source=source,
        sha256=hashlib.sha256(raw).hexdigest(),
        text=text,
        meta=meta,
        resolution=resolution,
        issuer=issuer,
        doc_type=doc_type,
        sections=sections,
        facts=facts,
        candidates=found,
        inconsistencies=audit_figures({f.code: f.value for f in facts}),
        not_report_reason=reason,
    )
    report.flags = flags_of(report, page)
    return report


def hint_name(region_hint: str | None) -> str:
    if region_hint and region_hint.isdigit():
        return gazetteer().name_of(region_hint) or ""
    return region_hint or ""


def opening_sentences(opening: str, text: str) -> str:
    """The opening paragraph's first sentence and the 现将…报告如下 sentence: where a report names itself."""
    first = re.split(r"[。]", opening, maxsplit=1)[0]
    reporting = REPORT_OPENING.search(text[:3000])
    return first + ("。" + reporting.group(0) if reporting else "")


def issuer_of(meta: ReportMetadata, resolution: Resolution) -> str | None:
    region = resolution.region
    issuer = meta.signatory or title_org(meta.title)
    if issuer and region and region.name in issuer:
        issuer = issuer[issuer.index(region.name) :]
    if issuer and issuer.endswith("政府") and not issuer.endswith("人民政府"):
        issuer = issuer[: -len("政府")] + "人民政府"
    if issuer is None and region is not None:
        issuer = central_body(meta.opening) if region.level == "national" else f"{region.name}人民政府"
    return issuer


def doc_type_of(page: str, issuer: str | None) -> str:
    if is_third_party(page):
        return "third_party"
    if issuer and not issuer.endswith("政府") and DEPARTMENT_SUFFIX.search(issuer):
        return "department"
    return "government"


def flags_of(report: ParsedReport, page: str) -> list[str]:
    meta = report.meta
    flags: list[str] = []
    if spam_spans(page):
        flags.append("injected_spam")
    if has_damaged_text(page) or meta.doc_date_damaged or meta.doc_number_damaged:
        flags.append("damaged_text")
    if meta.title is None:
        flags.append("no_title")
    if report.resolution.region is None:
        flags.append("ambiguous_region" if report.resolution.ambiguous else "no_region")
    if meta.report_year is None:
        flags.append("no_year")
    if report.inconsistencies:
        flags.append("inconsistent_figures")
    late = report.days_late()
    if late is not None and late > 0:
        flags.append("late")
    if missing_parts(report.text, set(report.parts_present())):
        flags.append("missing_sections")
    if report.doc_type == "third_party":
        flags.append("third_party")
    if is_traditional(report.text):
        flags.append("traditional_chars")
    return flags
