"""Shared fixtures: the bundled sample reports, the gold files, and one warehouse built from them."""

import csv
from pathlib import Path

import pytest

from transforms.frames import LoadInput, load_input, parse_reports
from transforms.samples import SAMPLE_REPORTS, read_files, report_files
from warehouse.build import build_warehouse

DATA = Path(__file__).parent / "data"
OPENINGS = DATA / "openings"


def read_gold(folder: Path) -> tuple[dict[str, dict], dict[str, dict[str, dict]]]:
    with (folder / "documents.csv").open(encoding="utf-8") as handle:
        documents = {row["file"]: row for row in csv.DictReader(handle)}
    indicators: dict[str, dict[str, dict]] = {}
    with (folder / "indicators.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            indicators.setdefault(row["file"], {})[row["code"]] = row
    return documents, indicators


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    return report_files(SAMPLE_REPORTS)


@pytest.fixture(scope="session")
def seed_gold():
    return read_gold(DATA / "gold_seed")


@pytest.fixture(scope="session")
def openings_gold():
    return read_gold(DATA / "gold_openings")


def sample_load(paths: list[Path] | None = None, run_id: str = "test") -> LoadInput:
    return load_input(parse_reports(read_files(paths or report_files(SAMPLE_REPORTS))), run_id)


def build_sample_warehouse(path: Path) -> dict[str, int]:
    return build_warehouse(path, sample_load())


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """A warehouse built from the bundled reports; tests only read it."""
    path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    build_sample_warehouse(path)
    return path
