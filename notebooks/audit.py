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

from notebooks.charts import enable_offline_charts, ranked_bars, tooltips
from notebooks.labels import label, with_labels
from notebooks.tables import reading_table
from warehouse.home import default_warehouse
from warehouse.queries import run_query

enable_offline_charts()
db = Path(WAREHOUSE) if WAREHOUSE else default_warehouse()


def table(frame: pl.DataFrame, rows: int = 200):
    """Every column under its Chinese name."""
    return reading_table(frame, {column: label("field", column) for column in frame.columns}, rows)


# %% [markdown]
# ## Inconsistent figures

# %%
table(with_labels(run_query(db, "audit_inconsistencies"), check_name="check"))

# %% [markdown]
# ## Flagged reports

# %%
flagged = with_labels(run_query(db, "audit_flagged"), flags="flag", parts_present="part")
table(flagged)

# %%
flag_rows = flagged.explode("flags").group_by("flags").len().rename({"flags": "flag", "len": "reports"})
ranked_bars(
    flag_rows,
    "reports:Q",
    "flag:N",
    f"需要注意的报告 (N = {flagged.height})",
    category_title="标记",
    tooltip=tooltips("flag", "reports"),
)

# %% [markdown]
# ## Evidence of every figure of the flagged reports

# %%
table(with_labels(run_query(db, "audit_evidence"), qualifier="qualifier"))
