"""The one persistent Dagster instance: `fazhi run`, `fazhi backfill`, `make dev` and the schedules
all record their runs, materialisations and check results in DAGSTER_HOME (by default
$FAZHI_HOME/dagster), so the UI shows every run whoever started it. Its dagster.yaml is the one
shipped in orchestration/ (telemetry off, the writer pool, the storage of
orchestration/instance_storage.py)."""

import os
import shutil
from pathlib import Path

import dagster as dg

from orchestration.settings import Settings

SHIPPED_CONFIG = Path(__file__).resolve().parent / "dagster.yaml"


def prepare_dagster_home() -> Path:
    """DAGSTER_HOME set (defaulting under FAZHI_HOME), created, and holding the shipped dagster.yaml."""
    home = Settings.from_env().dagster_home
    os.environ["DAGSTER_HOME"] = str(home)
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists() or config.read_bytes() != SHIPPED_CONFIG.read_bytes():
        shutil.copyfile(SHIPPED_CONFIG, config)
    return home


def fazhi_instance() -> dg.DagsterInstance:
    prepare_dagster_home()
    return dg.DagsterInstance.get()
