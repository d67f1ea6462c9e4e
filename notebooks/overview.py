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
# # 报告概览 — what the warehouse holds
#
# Reports by province, level and year; quality flags; timeliness against the legal deadline; which
# of the required parts each year's reports contain. All counts are aggregated in DuckDB, so the
# charts look the same with 5 reports or 5,000. The warehouse is opened read-only.

# %% tags=["parameters"]
WAREHOUSE = None  # None: the warehouse of FAZHI_HOME (data/ by default)
CHART_DIR = None

# %%
from pathlib import Path

import altair as alt

from notebooks.charts import count_axis, enable_offline_charts, ranked_bars, save_static, tooltips
from notebooks.labels import with_labels
from warehouse.home import default_warehouse
from warehouse.queries import run_query

enable_offline_charts()
db = Path(WAREHOUSE) if WAREHOUSE else default_warehouse()
charts = Path(CHART_DIR) if CHART_DIR else None

# %% [markdown]
# ## Reports by province, level and year

# %%
reports = with_labels(run_query(db, "reports_by_province"), level="level")
by_province = ranked_bars(
    reports,
    "sum(reports):Q",
    "province:N",
    f"各省报告数 (N = {int(reports['reports'].sum())})",
    category_title="省份",
    color=alt.Color("level:N", title="层级"),
    tooltip=tooltips("province", "level", "year", "reports"),
)
save_static(by_province, "overview-reports-by-province", charts)
by_province

# %% [markdown]
# ## Quality flags

# %%
flags = with_labels(run_query(db, "flag_counts"), flag="flag")
flag_chart = ranked_bars(
    flags,
    "reports:Q",
    "flag:N",
    f"质量标记 (N = {int(reports['reports'].sum())} 份报告)",
    category_title="质量标记",
    tooltip=tooltips("flag", "reports"),
)
save_static(flag_chart, "overview-flags", charts)
flag_chart

# %% [markdown]
# ## Timeliness: days before (−) or after (+) the deadline
#
# Governments publish by 1 April, departments report by 1 March of the following year.

# %%
timeliness = with_labels(run_query(db, "timeliness"), doc_type="doc_type")
late_chart = (
    alt.Chart(timeliness)
    .mark_bar()
    .encode(
        x=alt.X(
            "days_from_deadline:Q", bin=alt.Bin(step=7), axis=alt.Axis(title="距截止日期天数", format="d")
        ),
        y=alt.Y("sum(reports):Q", axis=count_axis("报告数")),
        color=alt.Color("doc_type:N", title="类型"),
        tooltip=tooltips("doc_type", "year", "days_from_deadline", "reports"),
    )
    .properties(title=f"发布及时性 (N = {int(timeliness['reports'].sum())} 份有发布日期的报告)", width=520)
)
late_chart

# %% [markdown]
# ## Required parts present (督察工作规定 Art. 25)

# %%
parts = with_labels(run_query(db, "parts_presence"), part="part")
parts_chart = (
    alt.Chart(parts)
    .mark_rect()
    .encode(
        x=alt.X("year:O", axis=alt.Axis(title="年度", labelAngle=0)),
        y=alt.Y("part:N", title="必备部分"),
        color=alt.Color("share:Q", title="占比", scale=alt.Scale(domain=[0, 1])),
        tooltip=tooltips("year", "part", alt.Tooltip("share:Q", title="占比", format=".0%"), "reports"),
    )
    .properties(title="各年度报告包含必备部分的比例", width=420)
)
parts_chart
