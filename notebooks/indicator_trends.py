# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
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
WAREHOUSE = "../data/warehouse.duckdb"
CHART_DIR = None
PROVINCE = None
REGIONS = None
INDICATORS = None
LEVEL = "prefecture"

# %%
from pathlib import Path

import altair as alt
import polars as pl

from warehouse.charts import enable_offline_charts, save_static
from warehouse.queries import run_query

enable_offline_charts()
pl.Config.set_fmt_str_lengths(200)
pl.Config.set_tbl_rows(100)
db = Path(WAREHOUSE)
charts = Path(CHART_DIR) if CHART_DIR else None
facts = run_query(db, "indicator_facts", province=PROVINCE, regions=REGIONS, indicators=INDICATORS)
tooltip = ["region", "year", "indicator", "value", "unit", "qualifier", "evidence"]

# %% [markdown]
# ## Over the years, one panel per indicator
#
# Rates (%) and counts are drawn separately so that their scales never mix.


# %%
def trend(kind: str, title: str) -> alt.Chart:
    data = facts.filter(pl.col("kind") == kind)
    return (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="年度"),
            y=alt.Y("value:Q", title="%" if kind == "rate" else "数量"),
            color=alt.Color("region:N", title="地区"),
            tooltip=tooltip,
        )
        .properties(width=220, height=160)
        .facet(facet=alt.Facet("indicator:N", title=None), columns=3)
        .resolve_scale(y="independent")
        .properties(title=f"{title} (N = {data.height} 个数值)")
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

# %%
ranking = run_query(db, "indicator_ranking", province=PROVINCE, indicators=INDICATORS, level=LEVEL)
selection = alt.selection_point(fields=["region"], bind="legend")
ranking_chart = (
    alt.Chart(ranking)
    .mark_circle(size=90)
    .encode(
        x=alt.X("value:Q", title="数值"),
        y=alt.Y("region:N", title="地区", sort="-x"),
        color=alt.Color("region:N", legend=None),
        opacity=alt.condition(selection, alt.value(1), alt.value(0.3)),
        tooltip=["region", "year", "indicator", "value", "unit", "evidence", "rank", "n"],
    )
    .add_params(selection)
    .properties(width=300, height=alt.Step(18))
    .facet(facet=alt.Facet("indicator:N", title=None), columns=2)
    .resolve_scale(x="independent", y="independent")
    .properties(title=f"{LEVEL} 级地区排名 (N = {ranking.height})")
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
        tooltip=["macro_region", "year", "indicator", "median", "q1", "q3", "n"],
    )
    .properties(width=260, height=120)
    .facet(facet=alt.Facet("indicator:N", title=None), columns=3)
    .resolve_scale(x="independent")
    .properties(title=f"四大区域比较 (N = {int(macro['n'].sum()) if macro.height else 0} 个数值)")
)
macro_chart

# %% [markdown]
# ## Every figure with its evidence

# %%
facts.select("year", "region", "indicator", "value", "unit", "qualifier", "evidence")
