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
# # 主题与词语 — what the reports talk about
#
# Each region's profile over the 纲要 2021–2025 chapters against the average of all reports, the
# most used terms over the years, and the terms that set each region apart (TF-IDF).

# %% tags=["parameters"]
WAREHOUSE = None  # None: the warehouse of FAZHI_HOME (data/ by default)
CHART_DIR = None
PROVINCE = None
REGIONS = None
TOP_TERMS = 12
MAX_REGIONS = 12

# %%
from pathlib import Path

import altair as alt

from notebooks.charts import enable_offline_charts, save_static, tooltips, year_axis
from notebooks.labels import with_labels
from warehouse.home import default_warehouse
from warehouse.queries import run_query

enable_offline_charts()
db = Path(WAREHOUSE) if WAREHOUSE else default_warehouse()
charts = Path(CHART_DIR) if CHART_DIR else None

# %% [markdown]
# ## Chapter profile against the average (per 1,000 characters)

# %%
profile = with_labels(
    run_query(db, "theme_profile", province=PROVINCE, regions=REGIONS, max_regions=MAX_REGIONS),
    chapter="chapter",
)
profile_chart = (
    alt.Chart(profile)
    .mark_circle(size=90)
    .encode(
        x=alt.X("difference:Q", title="与平均值之差 (每千字)"),
        y=alt.Y("chapter:N", title="纲要章节"),
        color=alt.condition("datum.difference > 0", alt.value("#c0392b"), alt.value("#2471a3")),
        tooltip=tooltips("region", "chapter", "per_1000_chars", "average", "difference", "reports"),
    )
    .properties(width=220, height=220)
    .facet(facet=alt.Facet("region:N", title=None), columns=3)
    .properties(title=f"各地区主题侧重 (N = {profile['region'].n_unique()} 个地区)")
)
save_static(profile_chart, "themes-profile", charts)
profile_chart

# %% [markdown]
# ## Term trends

# %%
trend = run_query(db, "term_trend", top=TOP_TERMS)
trend_chart = (
    alt.Chart(trend)
    .mark_line(point=True)
    .encode(
        x=year_axis(),
        y=alt.Y("per_1000_terms:Q", title="每千词出现次数"),
        color=alt.Color("term:N", title="词语"),
        tooltip=tooltips("year", "term", "per_1000_terms", "reports", "all_reports"),
    )
    .properties(title=f"高频词年度变化 (N = {trend['all_reports'].max() or 0} 份/年 最多)", width=520)
)
trend_chart

# %% [markdown]
# ## Distinctive terms per region and year

# %%
distinctive = run_query(
    db, "distinctive_terms", province=PROVINCE, regions=REGIONS, top=8, max_regions=MAX_REGIONS
)
distinctive_chart = (
    alt.Chart(distinctive)
    .mark_bar()
    .encode(
        x=alt.X("tfidf:Q", title="TF-IDF"),
        y=alt.Y("term:N", title=None, sort="-x"),
        tooltip=tooltips("region", "year", "term", "tfidf"),
    )
    .properties(width=180, height=160)
    .facet(facet=alt.Facet("region:N", title=None), columns=3)
    .resolve_scale(y="independent")
    .properties(title="各地区特色词 (TF-IDF)")
)
distinctive_chart
