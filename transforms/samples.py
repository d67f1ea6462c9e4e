"""The files a run reads: the bundled sample reports (five real reports, byte for byte as
published, defects included), the files of an input folder, or the raw store's scraped reports —
as RAW_REPORTS rows that say where the bytes are, hashed by streaming, never read whole here."""

import hashlib
import os
from pathlib import Path
from typing import Any

import polars as pl

from transforms.frames import RAW_REPORTS
from transforms.rawstore import RawStore

SAMPLE_REPORTS = Path(__file__).resolve().parent / "data" / "sample_reports"
REPORT_SUFFIXES = {".txt", ".html", ".htm", ".shtml", ".text", ".pdf", ".docx"}


def report_files(folder: Path) -> list[Path]:
    """Report files of a folder (recursively), in a stable order."""
    if not folder.is_dir():
        raise FileNotFoundError(f"input folder not found: {folder}")
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)


def display_name(path: Path) -> str:
    """The path as text a warehouse can hold: bytes that are not UTF-8 (a GBK file name on a
    UTF-8 system) are written as \\x.. escapes instead of unencodable surrogates."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def raw_report(path: Path) -> dict[str, Any]:
    """One RAW_REPORTS row of a file (files carry no region hint): `path` is kept as bytes, so any
    file name can be opened again."""
    return {
        "source": display_name(path),
        "path": os.fsencode(path),
        "sha256": file_sha256(path),
        "size": path.stat().st_size,
        "region_hint": None,
    }


def file_reports(paths: list[Path]) -> pl.DataFrame:
    return pl.DataFrame([raw_report(p) for p in paths], schema=RAW_REPORTS)


def folder_reports(folder: Path) -> pl.DataFrame:
    """The report files of a folder as RAW_REPORTS rows."""
    return file_reports(report_files(folder))


def scraped_reports(store: RawStore, sources: list[tuple[str, str | None]]) -> pl.DataFrame:
    """The current reports of each (source name, region hint) in the raw store."""
    rows = [
        {
            "source": row["url"],
            "path": os.fsencode(store.object_path(row["sha256"])),
            "sha256": row["sha256"],
            "size": store.object_path(row["sha256"]).stat().st_size,
            "region_hint": hint,
        }
        for name, hint in sources
        for row in store.read_documents(name).iter_rows(named=True)
    ]
    return pl.DataFrame(rows, schema=RAW_REPORTS)


def new_reports(reports: pl.DataFrame, known: set[tuple[str, str]]) -> pl.DataFrame:
    """The reports whose (source, sha256) the warehouse has not seen, each once (two sources of a
    sources file may list one URL): a rerun parses nothing."""
    reports = reports.unique(subset=["source", "sha256"], keep="first", maintain_order=True)
    if not known:
        return reports
    seen = pl.DataFrame(list(known), schema={"source": pl.String, "sha256": pl.String}, orient="row")
    return reports.join(seen, on=["source", "sha256"], how="anti", maintain_order="left")


def local_path(path: bytes) -> Path:
    """The file a RAW_REPORTS `path` names."""
    return Path(os.fsdecode(path))
