# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 指标趋势 — indicators across regions and years
#
# Choose a province, regions and indicators in the parameters below (None: all). Rates and counts
# never share an axis; every chart states its N; the evidence sentence of every figure is in the
# tooltip.

# %% tags=["parameters"]
WAREHOUSE = None  # None: the warehouse of FAZHI_HOME (data/ by default)
CHART_DIR = None
PROVINCE = None
REGIONS = None
INDICATORS = None
LEVEL = "prefecture"
MAX_REGIONS = 12
TOP = 15
SHOWN_FIGURES = 100

# %%
from pathlib import Path

import altair as alt
import polars as pl

from notebooks.charts import (
    count_axis,
    enable_offline_charts,
    region_colour,
    save_static,
    tooltips,
    year_axis,
)
from notebooks.labels import label, with_labels
from notebooks.tables import reading_table
from warehouse.home import default_warehouse
from warehouse.queries import run_query

enable_offline_charts()
db = Path(WAREHOUSE) if WAREHOUSE else default_warehouse()
charts = Path(CHART_DIR) if CHART_DIR else None
chosen = {"province": PROVINCE, "regions": REGIONS, "indicators": INDICATORS}
chosen_count = run_query(db, "indicator_fact_count", **chosen)
few_regions = chosen_count.item(0, "regions") <= MAX_REGIONS
# Every figure is read only when few regions are drawn one line each; otherwise the charts draw
# DuckDB's medians and only the table's rows are read (all figures: 550,000 at 50,000 reports).
facts = with_labels(
    run_query(db, "indicator_facts", **chosen, max_rows=None if few_regions else SHOWN_FIGURES),
    qualifier="qualifier",
)
tooltip = tooltips("region", "year", "indicator", "value", "unit", "qualifier", "evidence")

# %% [markdown]
# ## Over the years, one panel per indicator
#
# Rates (%) and counts are drawn separately so that their scales never mix. With a few regions
# each has its line (evidence in the tooltip); with more, each panel shows the median and the
# interquartile range over the regions, computed in DuckDB.

# %%
summary = run_query(db, "indicator_trend_summary", **chosen)


def trend(kind: str, title: str) -> alt.FacetChart:
    axis = alt.Axis(title="%") if kind == "rate" else count_axis("数量")
    if few_regions:
        data = facts.filter(pl.col("kind") == kind)
        chart = (
            alt.Chart(data)
            .mark_line(point=True)
            .encode(
                x=year_axis(),
                y=alt.Y("value:Q", axis=axis),
                color=region_colour(db, data),
                tooltip=tooltip,
            )
        )
        count = data.height
    else:
        data = summary.filter(pl.col("kind") == kind)
        base = alt.Chart().encode(x=year_axis())
        band = base.mark_area(opacity=0.3).encode(y=alt.Y("q1:Q", axis=axis), y2="q3:Q")
        line = base.mark_line(point=True).encode(
            y="median:Q", tooltip=tooltips("indicator", "year", "median", "q1", "q3", "n")
        )
        chart = alt.layer(band, line, data=data)
        count = int(data["n"].sum()) if data.height else 0
    return (
        chart.properties(width=220, height=160)
        .facet(facet=alt.Facet("indicator:N", title=None), columns=3)
        .resolve_scale(y="independent")
        .properties(title=f"{title} (N = {count} 个数值)")
    )


rates_chart = trend("rate", "比率类指标")
save_static(rates_chart, "trends-rates", charts)
rates_chart

# %%
counts_chart = trend("count", "数量类指标")
save_static(counts_chart, "trends-counts", charts)
counts_chart

# %% [markdown]
# ## Ranking within one level (latest year each region reported)
#
# At most the top TOP regions an indicator. Regions stating the same figure share its rank (the
# tooltip says how many share it); where they cross the cut, the first by region code are shown.

# %%
ranking = run_query(db, "indicator_ranking", province=PROVINCE, indicators=INDICATORS, level=LEVEL, top=TOP)
selection = alt.selection_point(fields=["region"], bind="legend")
ranking_chart = (
    alt.Chart(ranking)
    .mark_circle(size=90)
    .encode(
        x=alt.X("value:Q", title="数值"),
        y=alt.Y("region:N", title="地区", sort="-x"),
        color=region_colour(db, ranking).legend(None),
        opacity=alt.condition(selection, alt.value(1), alt.value(0.3)),
        tooltip=tooltips("region", "year", "indicator", "value", "unit", "evidence", "rank", "tied", "n"),
    )
    .add_params(selection)
    .properties(width=300, height=alt.Step(18))
    .facet(facet=alt.Facet("indicator:N", title=None), columns=2)
    .resolve_scale(x="independent", y="independent")
    .properties(title=f"{label('level', LEVEL)}地区前 {TOP} 名 (N = {ranking['n'].max() or 0} 个地区)")
)
ranking_chart

# %% [markdown]
# ## 东部 / 中部 / 西部 / 东北

# %%
macro = run_query(db, "macro_region_summary", indicators=INDICATORS)
macro_chart = (
    alt.Chart(macro)
    .mark_point(filled=True, size=80)
    .encode(
        x=alt.X("median:Q", title="中位数"),
        y=alt.Y("macro_region:N", title="区域"),
        color=alt.Color("year:O", title="年度"),
        tooltip=tooltips("macro_region", "year", "indicator", "median", "q1", "q3", "n"),
    )
    .properties(width=260, height=120)
    .facet(facet=alt.Facet("indicator:N", title=None), columns=3)
    .resolve_scale(x="independent")
    .properties(title=f"四大区域比较 (N = {int(macro['n'].sum()) if macro.height else 0} 个数值)")
)
macro_chart

# %% [markdown]
# ## Figures with their evidence (the first 100; `fazhi sql` on v_indicator gives them all)

# %%
columns = ["year", "region", "indicator", "value", "unit", "qualifier", "evidence"]
reading_table(
    facts,
    {column: label("field", column) for column in columns},
    SHOWN_FIGURES,
    total=chosen_count.item(0, "facts"),
)
