"""Where fazhi's data lives: FAZHI_HOME, else data/ in the project. One definition, read by the
orchestration's settings and by the notebooks (so a notebook opened in JupyterLab finds the same
warehouse as `fazhi run`, whatever the working directory)."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def fazhi_home() -> Path:
    return Path(os.environ.get("FAZHI_HOME", PROJECT_ROOT / "data")).resolve()


def default_warehouse() -> Path:
    return fazhi_home() / "warehouse.duckdb"
