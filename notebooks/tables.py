"""Tables for reading in a report page: labelled columns, thousands separators, lists joined,
no shape line or dtypes, every value HTML-escaped (report text is untrusted)."""

import html

import polars as pl
from IPython.display import HTML

STYLE = "border-collapse:collapse;font-size:0.9em"
# Numbers that are names, not quantities: no thousands separator.
PLAIN_NUMBERS = {"year", "adcode", "rank"}
SHORT_TEXT = 12


def text_of(value: object, plain: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value) if plain else f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    if isinstance(value, list):
        return "、".join(text_of(v, plain) for v in value)
    return str(value)


def cell(value: object, column: str) -> str:
    """A number right-aligned; short text kept on one line; long text (evidence) wraps."""
    text = text_of(value, column in PLAIN_NUMBERS)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    style = "text-align:right;white-space:nowrap" if number else "text-align:left"
    if not number and len(text) <= SHORT_TEXT:
        style += ";white-space:nowrap"
    return f'<td style="{style}">{html.escape(text)}</td>'


def reading_table(
    frame: pl.DataFrame, columns: dict[str, str], rows: int = 100, total: int | None = None
) -> HTML:
    """The first `rows` rows of the named columns, headed by their Chinese names (column: name).
    `total`: how many rows there are when the frame holds only the first ones."""
    total = frame.height if total is None else total
    shown = frame.select(list(columns)).head(rows)
    head = "".join(f'<th style="text-align:left">{html.escape(name)}</th>' for name in columns.values())
    body = "".join(
        "<tr>" + "".join(cell(v, c) for v, c in zip(row, shown.columns, strict=True)) + "</tr>"
        for row in shown.iter_rows()
    )
    more = f"<p>前 {rows:,} 行，共 {total:,} 行</p>" if total > rows else ""
    return HTML(f'<table style="{STYLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}')
