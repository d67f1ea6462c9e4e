"""Query results for a terminal or a pipe: a table that lines up Chinese text, CSV and JSON that
carry list and struct columns, and nothing from a report that a terminal would execute.

Report text is untrusted: an escape sequence in a page could move the cursor or retitle the
terminal, so control characters are shown as escapes in the table view and in search results.
"""

import csv
import datetime as dt
import io
import json
import re
import unicodedata

import polars as pl

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
CELL_WIDTH = 40
NULL = "∅"


def printable(text: str) -> str:
    """Text with control characters (ESC, BEL, bidi overrides…) shown as \\x.. / \\u.... escapes."""
    return CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def display_width(text: str) -> int:
    """Columns a terminal gives the text: two for wide and full-width (CJK) characters."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def clipped(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for character in text:
        used += display_width(character)
        if used > width - 1:
            break
        kept.append(character)
    return "".join(kept) + "…"


def cell(value: object) -> str:
    if value is None:
        return NULL
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() and abs(value) < 1e15 else f"{value:,.4g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return " ".join(printable(str(value)).split())


def padded(text: str, width: int, right: bool) -> str:
    space = " " * (width - display_width(text))
    return space + text if right else text + space


def table(frame: pl.DataFrame, truncated: bool = False) -> str:
    """An aligned text table: numbers right-aligned with thousands separators, long text clipped."""
    names = [printable(c) for c in frame.columns]
    rows = [[clipped(cell(v), CELL_WIDTH) for v in row] for row in frame.iter_rows()]
    numeric = [dtype.is_numeric() for dtype in frame.dtypes]
    widths = [max([display_width(n), *(display_width(r[i]) for r in rows)]) for i, n in enumerate(names)]
    lines = [
        "  ".join(padded(n, w, False) for n, w in zip(names, widths, strict=True)),
        "  ".join("─" * w for w in widths),
    ]
    lines += [
        "  ".join(padded(v, w, r) for v, w, r in zip(row, widths, numeric, strict=True)) for row in rows
    ]
    footer = f"({frame.height:,} rows{', more not shown: raise --max-rows' if truncated else ''})"
    return "\n".join([*lines, footer])


def plain(value: object) -> object:
    """A value as JSON has it: dates as ISO text, lists and structs as they are."""
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return value.isoformat() if isinstance(value, dt.date | dt.time) else str(value)


def json_lines(frame: pl.DataFrame) -> str:
    return json.dumps([plain(row) for row in frame.to_dicts()], ensure_ascii=False)


def csv_text(frame: pl.DataFrame) -> str:
    """CSV with list and struct cells written as JSON (Polars' CSV writer refuses nested columns)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.iter_rows():
        writer.writerow(
            ""
            if v is None
            else json.dumps(plain(v), ensure_ascii=False)
            if isinstance(v, list | dict)
            else plain(v)
            for v in row
        )
    return out.getvalue()
