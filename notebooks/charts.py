"""Charts that work offline: an Altair renderer for the notebooks, and PNG/SVG files of each chart.

The renderer writes the chart's JSON spec into the notebook output (escaped so that text from
reports cannot close the script element) with a static SVG of it drawn by vl-convert. Live in
JupyterLab the SVG is what shows (no Vega extension or network needed); in the exported page the
template inlines Vega once and replaces each SVG by the interactive chart, with its tooltips and
selections. Static files are drawn by vl-convert too, with a CJK font, so Chinese labels show.
"""

import json
import os
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import altair as alt
import polars as pl
import vl_convert

from notebooks.chart_markup import CHART_SPEC, CHART_VIEW
from notebooks.labels import label
from warehouse.queries import run_query

RENDERER = "fazhi_offline"
THEME = "fazhi"
WHOLE_NUMBERS_ONLY = "datum.value % 1 ? '' : format(datum.value, ',d')"
# Vega's tableau20: distinct colours for neighbouring regions (consecutive codes).
PALETTE = (
    "#4c78a8",
    "#9ecae9",
    "#f58518",
    "#ffbf79",
    "#54a24b",
    "#88d27a",
    "#b79a20",
    "#f2cf5b",
    "#439894",
    "#83bcb6",
    "#e45756",
    "#ff9d98",
    "#79706e",
    "#bab0ac",
    "#d67195",
    "#fcbfd2",
    "#b279a2",
    "#d6a5c9",
    "#9e765f",
    "#d8b5a5",
)
CHART_DIR_VARIABLE = "FAZHI_CHART_DIR"
CJK_FONT = "WenQuanYi Micro Hei"
FONT_DIRECTORIES = ("/usr/share/fonts/truetype/wqy", "/usr/share/fonts/opentype/noto", "/usr/share/fonts")
HTML_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def safe_json(spec: dict[str, Any]) -> str:
    """JSON that is inert inside an HTML <script> element, whatever strings the spec holds."""
    text = json.dumps(spec, ensure_ascii=False)
    for character, escape in HTML_UNSAFE.items():
        text = text.replace(character, escape)
    return text


@lru_cache(maxsize=8)
def svg_of(spec: str) -> str:
    """The SVG of a spec (its JSON, sorted): a chart saved as files and then shown is drawn once."""
    register_fonts()
    return vl_convert.vegalite_to_svg(spec)


def spec_json(spec: dict[str, Any]) -> str:
    return json.dumps(spec, ensure_ascii=False, sort_keys=True)


def offline_renderer(spec: dict[str, Any], **_: object) -> dict[str, Any]:
    html = (
        f'<div class="fazhi-chart">{CHART_VIEW}{svg_of(spec_json(spec))}</div>'
        f"{CHART_SPEC}{safe_json(spec)}</script></div>"
    )
    return {"text/html": html, "text/plain": "<chart>"}


@alt.theme.register(THEME, enable=False)
def fazhi_theme() -> alt.theme.ThemeConfig:
    """Chinese labels in a CJK font."""
    return {"config": {"font": CJK_FONT}}


def enable_offline_charts() -> None:
    """Use in a notebook's first cell: charts as specs (rendered offline), Chinese fonts, no row cap."""
    alt.renderers.register(RENDERER, offline_renderer)
    alt.renderers.enable(RENDERER)
    alt.data_transformers.disable_max_rows()
    alt.theme.enable(THEME)


@cache
def register_fonts() -> None:
    for directory in FONT_DIRECTORIES:
        if Path(directory).is_dir():
            vl_convert.register_font_directory(directory)


def save_static(chart: alt.TopLevelMixin, name: str, directory: Path | None = None) -> list[Path]:
    """Write `name`.svg and `name`.png of a chart to the chart folder (FAZHI_CHART_DIR), if one is set."""
    folder = directory or (Path(os.environ[CHART_DIR_VARIABLE]) if CHART_DIR_VARIABLE in os.environ else None)
    if folder is None:
        return []
    register_fonts()
    folder.mkdir(parents=True, exist_ok=True)
    drawn = svg_of(spec_json(chart.to_dict()))
    svg, png = folder / f"{name}.svg", folder / f"{name}.png"
    svg.write_text(drawn, encoding="utf-8")
    # Rasterised from the SVG already drawn (the bytes vegalite_to_png gives, without running Vega
    # a second time: at 1,000 reports the five PNGs took 6.2 s drawn from their specs).
    png.write_bytes(vl_convert.svg_to_png(drawn, scale=2))
    return [svg, png]


def ranked_bars(
    data: pl.DataFrame,
    value: str,
    category: str,
    title: str,
    *,
    value_title: str = "报告数",
    category_title: str | None = None,
    **encodings: Any,
) -> alt.Chart:
    """Horizontal bars, longest first — the notebooks' chart for counts per category."""
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(value, axis=count_axis(value_title)),
            y=alt.Y(category, title=category_title, sort="-x"),
            **encodings,
        )
        .properties(title=title, width=520)
    )


def count_axis(title: str) -> alt.Axis:
    """An axis for counts: whole numbers with thousands separators, never 0.5 of a report (Vega
    may still place a tick between two whole numbers on a short axis; it gets no label)."""
    return alt.Axis(title=title, tickMinStep=1, labelExpr=WHOLE_NUMBERS_ONLY)


def year_axis() -> alt.X:
    """Years on a numeric axis, so 2019 to 2022 is three steps wide, not one; no 2,019."""
    return alt.X(
        "year:Q", title="年度", axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(zero=False)
    )


def region_colour(warehouse: Path, shown: pl.DataFrame, title: str = "地区") -> alt.Color:
    """A colour channel where each region keeps one colour on every page and in every rendering of
    a warehouse: the palette is dealt out over all its regions in code order (distinct for any
    20 regions in a row); the legend lists only the regions this chart shows."""
    regions = run_query(warehouse, "report_regions").get_column("region").to_list()
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(regions))]
    present = sorted(set(shown.get_column("region").drop_nulls().to_list()))
    return alt.Color(
        "region:N",
        title=title,
        scale=alt.Scale(domain=regions, range=colours),
        legend=alt.Legend(values=present) if present else None,
    )


def tooltips(*fields: str | alt.Tooltip) -> list[alt.Tooltip]:
    """Tooltips titled in Chinese (data/labels.toml [field]); a ready alt.Tooltip is kept."""
    return [f if isinstance(f, alt.Tooltip) else alt.Tooltip(f, title=label("field", f)) for f in fields]
