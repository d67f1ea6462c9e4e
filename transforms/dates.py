"""Dates as reports write them, damaged forms included ("2023214" for 2023年2月14日)."""

import datetime as dt
import re

CHINESE_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
DAY_FIRST_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
RUN_TOGETHER = re.compile(r"^(20\d{2})(\d{2,4})$")


def make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first date written in a text, in any of the forms government pages use."""
    for pattern, order in ((CHINESE_DATE, "ymd"), (ISO_DATE, "ymd"), (DAY_FIRST_DATE, "dmy")):
        match = pattern.search(text)
        if match:
            a, b, c = (int(g) for g in match.groups())
            return make_date(a, b, c) if order == "ymd" else make_date(c, b, a)
    return None


def parse_run_together(text: str) -> dt.date | None:
    """A date whose 年月日 were lost in copying: 2023214 is 2023-02-14 (the only valid reading)."""
    match = RUN_TOGETHER.match(text.strip())
    if not match:
        return None
    year, rest = int(match.group(1)), match.group(2)
    readings = {
        make_date(year, int(rest[:split]), int(rest[split:]))
        for split in (1, 2)
        if 0 < split < len(rest) and len(rest) - split <= 2
    }
    readings.discard(None)
    return readings.pop() if len(readings) == 1 else None
