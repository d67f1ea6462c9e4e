"""Shared fixtures: the bundled sample reports, the gold files, and one warehouse built from them."""

import csv
import ipaddress
import os
import socket
from pathlib import Path

import pytest

from transforms.dimensions import dimension_frames
from transforms.duplicates import with_duplicates_flagged
from transforms.frames import ReportFrames, without_failed
from transforms.parsing import parse_reports
from transforms.samples import SAMPLE_REPORTS, file_reports, report_files
from transforms.segmenting import segment_documents
from warehouse.build import build_warehouse
from warehouse.contract import LoadInput

DATA = Path(__file__).parent / "data"


def read_gold(folder: Path) -> tuple[dict[str, dict], dict[str, dict[str, dict]]]:
    with (folder / "documents.csv").open(encoding="utf-8") as handle:
        documents = {row["file"]: row for row in csv.DictReader(handle)}
    indicators: dict[str, dict[str, dict]] = {}
    with (folder / "indicators.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            indicators.setdefault(row["file"], {})[row["code"]] = row
    return documents, indicators


@pytest.fixture(scope="session", autouse=True)
def fazhi_home(tmp_path_factory):
    """Every test runs with FAZHI_HOME (and so DAGSTER_HOME) and the user's cache in temporary
    folders: nothing a test does reaches data/, a developer's instance or ~/.cache (the pages' Vega
    bundle is built once a session). A test may point them elsewhere with monkeypatch."""
    home = tmp_path_factory.mktemp("fazhi_home")
    names = ("FAZHI_HOME", "DAGSTER_HOME", "FAZHI_SOURCES", "XDG_CACHE_HOME")
    previous = {name: os.environ.get(name) for name in names}
    os.environ["FAZHI_HOME"] = str(home)
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    os.environ.pop("DAGSTER_HOME", None)
    os.environ.pop("FAZHI_SOURCES", None)
    yield home
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.split("%", maxsplit=1)[0]).is_loopback
    except ValueError:
        return host == "localhost"


def loopback_only(connect):
    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address[0]):
            raise AssertionError(f"a test tried to reach {address}: tests stay on 127.0.0.1")
        return connect(self, address)

    return guarded


@pytest.fixture(scope="session", autouse=True)
def no_network():
    """Fail any test that opens a connection beyond the loopback interface."""
    original = socket.socket.connect
    socket.socket.connect = loopback_only(original)
    yield
    socket.socket.connect = original


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    return report_files(SAMPLE_REPORTS)


@pytest.fixture(scope="session")
def seed_gold():
    return read_gold(DATA / "gold_seed")


def load_input(frames: ReportFrames, run_id: str) -> LoadInput:
    """Segment and theme the documents: the whole input of a warehouse build, outside Dagster
    (near-duplicates flagged among these frames only)."""
    frames.documents = with_duplicates_flagged(frames.documents)
    segmented = segment_documents(frames.documents)
    frames = without_failed(frames, segmented.errors)
    return LoadInput(frames, segmented.terms, segmented.search, segmented.themes, run_id, dimension_frames())


def sample_load(paths: list[Path] | None = None, run_id: str = "test") -> LoadInput:
    return load_input(parse_reports(file_reports(paths or report_files(SAMPLE_REPORTS))), run_id)


def build_sample_warehouse(path: Path) -> dict[str, int]:
    return build_warehouse(path, sample_load())


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """A warehouse built from the bundled reports; tests only read it."""
    path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    build_sample_warehouse(path)
    return path
