"""What a report says about itself: title, year covered, dates, document number, addressee, issuer.

The rules read the layout every government report shares — a title line naming the year and
法治政府/依法行政, an optional 文号 above it, an addressee line ending in a colon, an opening
paragraph, and a signature with the date at the end — and return None rather than guess.
"""

import datetime as dt
import re
from dataclasses import dataclass

from transforms.chrome import is_chrome
from transforms.dates import parse_date, parse_run_together

METADATA_LINES = 30
TAIL_LINES = 12
TITLE_TOPIC = re.compile(r"(法治|依法行政|法制)")
TITLE_END = r"(?:报告|報告|总结|總結|打算)"
FULL_TITLE = re.compile(rf"^[^,，。:：;；!！?？\[\]【】<>《》]{{6,60}}{TITLE_END}(?:[(（]\d{{4}}年?[)）])?$")
PREFIX_TITLE = re.compile(rf"^[^,，。:：;；!！?？\[\]【】<>《》]{{6,60}}?{TITLE_END}")
AD_PREFIX = re.compile(r"^.{0,40}?(?:www\.)?[A-Za-z0-9-]+\.(?:com|cn|net|org)(?:\.cn)?")
TAG_PREFIX = re.compile(r"^【[^】]{1,8}】")
YEAR = re.compile(r"(?<![\d—\-~至])((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)(?!\s*[—\-~至])")
YEAR_IN_OPENING = re.compile(r"现将[^。]{0,40}?((?:19|20)\d{2})\s*年")
PUBLISH_LABEL = re.compile(
    r"(发布时间|发布日期|信息时间|发表时间|发文时间|更新时间|日期|时间)\s*[:：]\s*"
    r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
)
BARE_TIMESTAMP = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}\s+\d{1,2}:\d{2}$")
DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*第?\s*(\d{1,5})\s*号"
)
DAMAGED_DOC_NUMBER = re.compile(r"^([\u4e00-\u9fff]{1,12})[〔\[［]\s*((?:19|20)\d{2})(\d{1,4})$")
DOC_NUMBER_LEAD = re.compile(r"^(?:【[^】]{1,8}】|文号\s*[:：]|发文字号\s*[:：])?\s*$")
ADDRESSEE = re.compile(r"^([\u4e00-\u9fff、,，()（）]{3,40}(?:委|政府|人大|局|厅|办|部|会|院))\s*[:：]$")
ORG_SUFFIX = r"(?:人民政府|政府|司法局|[\u4e00-\u9fff]{1,8}局|委员会|厅|办公室|部)"
SIGNATURE = re.compile(rf"^([\u4e00-\u9fff、]{{2,30}}?{ORG_SUFFIX})$")
DATED_LINE = re.compile(
    r"^(?P<org>[\u4e00-\u9fff、]{2,30}?)?\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{7,8})"
    r"\s*(?P<verb>印发|签发|发布)?$"
)
TITLE_ORG = re.compile(rf"^([\u4e00-\u9fff]{{2,30}}?{ORG_SUFFIX})(?=关于|\d{{4}}|[(（])")
PRINTING_OFFICE = re.compile(r"办公室$")
HEADER_TITLE = re.compile(r"^(?:标题|题名|名\s*称|文章标题)\s*[:：]\s*(.{6,80})$")
MAX_TITLE = 70
OPENING_MIN_CHARS = 50


@dataclass(frozen=True)
class ReportMetadata:
    title: str | None
    report_year: int | None
    doc_date: dt.date | None
    doc_date_damaged: bool
    publish_date: dt.date | None
    doc_number: str | None
    doc_number_damaged: bool
    addressee: str | None
    signatory: str | None
    opening: str


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def find_title(page_lines: list[str]) -> str | None:
    """The report's own title line (not the site's <title>, not a bracketed link text): a header
    block's 标题: line, else a title-shaped line — with the organ on the line above it when a
    title was broken in two (许昌市司法局 / 2021年度法治政府建设情况报告) — else a title-shaped
    start of one of the first lines (a page flattened to one line)."""
    for line in page_lines[:METADATA_LINES]:
        labelled = HEADER_TITLE.match(line)
        if labelled and TITLE_TOPIC.search(labelled.group(1)):
            return labelled.group(1).strip()
    head = [clean_title_line(line) for line in page_lines[:METADATA_LINES] if not is_chrome(line)]
    for index, line in enumerate(head):
        if FULL_TITLE.match(line) and TITLE_TOPIC.search(line):
            above = head[index - 1] if index else ""
            broken = SIGNATURE.match(above) and not TITLE_ORG.match(line) and len(above + line) <= MAX_TITLE
            return above + line if broken else line
    for line in head[:3]:
        match = PREFIX_TITLE.match(line)
        if match and TITLE_TOPIC.search(match.group(0)):
            return match.group(0)
    return None


def clean_title_line(line: str) -> str:
    """Drop an advertising prefix pasted before a title, and a leading status tag."""
    line = TAG_PREFIX.sub("", AD_PREFIX.sub("", line)).strip()
    number = DOC_NUMBER.match(line)
    return line[number.end() :].strip() if number else line


def opening_paragraph(body_lines: list[str]) -> str:
    """The first real paragraph: where a report says whose year it describes."""
    sentences = [line for line in body_lines[:METADATA_LINES] if re.search(r"[,，。]", line)]
    long_ones = [line for line in sentences if len(line) >= OPENING_MIN_CHARS]
    return (long_ones or sentences or [""])[0]


def report_year(title: str | None, opening: str, published: dt.date | None) -> int | None:
    """The year the report covers: the title's, else the opening's, else the year before publication."""
    latest = published.year if published else None
    for text in (title or "", opening):
        for pattern in (YEAR_IN_OPENING, YEAR):
            match = pattern.search(text)
            if match:
                year = int(match.group(1))
                if year >= 2000 and (latest is None or year <= latest):
                    return year
    return latest - 1 if latest else None


def publish_date(page_lines: list[str]) -> dt.date | None:
    """发布时间 and its variants in the page header or footer."""
    candidates = page_lines[:METADATA_LINES] + page_lines[-TAIL_LINES:]
    for line in candidates:
        match = PUBLISH_LABEL.search(line)
        if match:
            return parse_date(re.sub(r"\s", "", match.group(2)).replace("年", "-").replace("月", "-"))
    for line in page_lines[:METADATA_LINES]:
        if BARE_TIMESTAMP.match(line):
            return parse_date(line)
    return None


def doc_date(body_lines: list[str]) -> tuple[dt.date | None, bool, str | None]:
    """The signing date at the end, whether it was damaged, and the organ signing above it."""
    tail = body_lines[-TAIL_LINES:]
    for position, line in enumerate(tail):
        match = DATED_LINE.match(line)
        if not match:
            continue
        raw = re.sub(r"\s", "", match.group("date"))
        date, damaged = parse_date(raw), False
        if date is None:
            date, damaged = parse_run_together(raw), True
        if date is None:
            continue
        org = match.group("org")
        if org and match.group("verb"):
            org = PRINTING_OFFICE.sub("", org)
        previous = tail[position - 1] if position else ""
        signatory = org or (previous if SIGNATURE.match(previous) else None)
        return date, damaged, signatory
    return None, False, None


def doc_number(page_lines: list[str]) -> tuple[str | None, bool]:
    """The report's own 文号 at the head of a line; a cited one inside a sentence is not it."""
    head = page_lines[:METADATA_LINES]
    # Every 文号 ends in 号; DOC_NUMBER, opening with any Chinese character, is tried at every
    # position of a line, so only lines with one are searched (0.13 -> 0.01 ms a report).
    for line in (line for line in head if "号" in line):
        for match in DOC_NUMBER.finditer(line):
            if DOC_NUMBER_LEAD.match(line[: match.start()]):
                return re.sub(r"\s", "", match.group(0)), False
    for line in head:
        damaged = DAMAGED_DOC_NUMBER.match(line)
        if damaged:
            prefix, year, serial = damaged.groups()
            return f"{prefix}〔{year}〕{serial}号", True
    return None, False


def addressee(body_lines: list[str]) -> str | None:
    for line in body_lines[:8]:
        match = ADDRESSEE.match(line)
        if match:
            return match.group(1)
    return None


def title_org(title: str | None) -> str | None:
    match = TITLE_ORG.match(title or "")
    return match.group(1) if match else None


def read_metadata(page: str, body: str) -> ReportMetadata:
    page_lines, body_lines = lines_of(page), lines_of(body)
    title = find_title(page_lines)
    opening = opening_paragraph(body_lines)
    published = publish_date(page_lines)
    signed, signed_damaged, signatory = doc_date(body_lines)
    number, number_damaged = doc_number(page_lines)
    return ReportMetadata(
        title=title,
        report_year=report_year(title, opening, published or signed),
        doc_date=signed,
        doc_date_damaged=signed_damaged,
        publish_date=published,
        doc_number=number,
        doc_number_damaged=number_damaged,
        addressee=addressee(body_lines),
        signatory=signatory,
        opening=opening,
    )
