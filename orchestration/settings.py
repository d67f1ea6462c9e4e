"""Where fazhi reads and writes: one root, moved by FAZHI_HOME; nothing depends on the working directory."""

import os
from dataclasses import dataclass
from pathlib import Path

from warehouse.home import fazhi_home


@dataclass(frozen=True)
class Settings:
    home: Path

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(fazhi_home())

    @property
    def warehouse(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def reports(self) -> Path:
        return self.home / "reports"

    @property
    def run_lock(self) -> Path:
        return self.home / ".run.lock"

    @property
    def dagster_home(self) -> Path:
        """The one Dagster instance every way of running uses: DAGSTER_HOME, else dagster/ in the home."""
        return Path(os.environ.get("DAGSTER_HOME", self.home / "dagster"))

    @property
    def frames(self) -> Path:
        """The frames each asset last built, as Parquet (orchestration/storage.py)."""
        return self.home / "frames"

    @property
    def raw(self) -> Path:
        return self.home / "raw"

    @property
    def inbox(self) -> Path:
        """Files dropped here are built by the inbox sensor: FAZHI_INBOX, else inbox/ in the home."""
        return Path(os.environ.get("FAZHI_INBOX", self.home / "inbox"))

    @property
    def sources_file(self) -> Path:
        """The sources the schedules scrape: FAZHI_SOURCES, else sources.toml in the home folder."""
        return Path(os.environ.get("FAZHI_SOURCES", self.home / "sources.toml"))
