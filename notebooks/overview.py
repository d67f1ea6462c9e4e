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
# # fazhi — what the warehouse holds
#
# Reports by province, level and year; quality flags; the indicator figures with the sentence each
# came from. The warehouse is opened read-only.

# %%
import os
from pathlib import Path

import altair as alt
import polars as pl

from warehouse import queries

alt.renderers.enable("svg")
pl.Config.set_fmt_str_lengths(200)
pl.Config.set_tbl_rows(200)
WAREHOUSE = Path(os.environ.get("FAZHI_WAREHOUSE", "../data/warehouse.duckdb"))

# %% [markdown]
# ## Reports by province, level and year

# %%
overview = queries.document_overview(WAREHOUSE)
overview

# %%
alt.Chart(overview).mark_bar().encode(
    x=alt.X("reports:Q", title="报告数"),
    y=alt.Y("province:N", title="省份", sort="-x"),
    color=alt.Color("level:N", title="层级"),
    tooltip=["province", "level", "year", "reports"],
).properties(title=f"报告数 (N = {int(overview['reports'].sum())})", width=480)

# %% [markdown]
# ## Quality flags

# %%
flags = queries.flag_counts(WAREHOUSE)
flags

# %% [markdown]
# ## Indicator figures and their evidence

# %%
facts = queries.indicator_series(WAREHOUSE)
facts.select("year", "region", "indicator", "value", "unit", "qualifier", "evidence")

# %%
rates = facts.filter(facts["unit"] == "%")
alt.Chart(rates).mark_circle(size=80).encode(
    x=alt.X("value:Q", title="%", scale=alt.Scale(domain=[0, 100])),
    y=alt.Y("indicator:N", title="指标"),
    color=alt.Color("region:N", title="地区"),
    tooltip=["region", "year", "indicator", "value", "evidence"],
).properties(title=f"比率类指标 (N = {rates.height})", width=480)
