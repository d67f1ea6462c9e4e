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
# # 审核 — what to weigh before trusting a figure
#
# Figures that disagree within their report, pages that were defaced or damaged, reports missing a
# required part, and the evidence of every figure of those reports.

# %% tags=["parameters"]
WAREHOUSE = None  # None: the warehouse of FAZHI_HOME (data/ by default)
CHART_DIR = None

# %%
from pathlib import Path

import polars as pl

from warehouse.charts import enable_offline_charts, ranked_bars
from warehouse.home import default_warehouse
from warehouse.queries import run_query

enable_offline_charts()
pl.Config.set_fmt_str_lengths(300)
pl.Config.set_tbl_rows(200)
db = Path(WAREHOUSE) if WAREHOUSE else default_warehouse()

# %% [markdown]
# ## Inconsistent figures

# %%
run_query(db, "audit_inconsistencies")

# %% [markdown]
# ## Flagged reports

# %%
flagged = run_query(db, "audit_flagged")
flagged

# %%
flag_rows = flagged.explode("flags").group_by("flags").len().rename({"flags": "flag", "len": "reports"})
ranked_bars(
    flag_rows,
    "reports:Q",
    "flag:N",
    f"需要注意的报告 (N = {flagged.height})",
    category_title="标记",
    tooltip=["flag", "reports"],
)

# %% [markdown]
# ## Evidence of every figure of the flagged reports

# %%
run_query(db, "audit_evidence")
