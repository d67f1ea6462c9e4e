"""The files a run reads: the bundled sample reports (five real reports, byte for byte as
published, defects included), the files of an input folder, or the raw store's scraped reports —
as RAW_REPORTS rows that say where the bytes are, hashed by streaming, never read whole here."""

import hashlib
import os
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl

from transforms.frames import RAW_REPORTS
from transforms.rawstore import RawStore

SAMPLE_REPORTS = Path(__file__).resolve().parent / "data" / "sample_reports"
REPORT_SUFFIXES = {".txt", ".html", ".htm", ".shtml", ".text", ".pdf", ".docx"}
# Files whose hash a process remembers (about 200 bytes each): `fazhi run` hashes its input folder
# to decide whether it brings anything new, and its job's raw_documents hashes it again (0.27 s
# at 10,000 reports). A file changed in the last SETTLED_SECONDS is hashed every time: a file's
# times are only as fine as the kernel's clock tick, so a second write in the same tick, of the
# same size, would look like the first (git's "racy" files).
HASHES_KEPT = 1 << 16
SETTLED_SECONDS = 2.0


def report_files(folder: Path) -> list[Path]:
    """Report files of a folder (recursively), in a stable order."""
    if not folder.is_dir():
        raise FileNotFoundError(f"input folder not found: {folder}")
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)


def display_name(path: Path) -> str:
    """The path as text a warehouse can hold: bytes that are not UTF-8 (a GBK file name on a
    UTF-8 system) are written as \\x.. escapes instead of unencodable surrogates."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def file_sha256(path: Path, stat: os.stat_result) -> str:
    """The file's sha256, hashed again only once it has changed: any write to a file changes its
    ctime (and a replaced file is another inode)."""
    if time.time() - stat.st_ctime < SETTLED_SECONDS:
        return digest(path)
    return kept_digest(path, stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


@lru_cache(maxsize=HASHES_KEPT)
def kept_digest(path: Path, *version: int) -> str:
    """digest(path), remembered for the file's `version` (its device, inode, size and times)."""
    return digest(path)


def digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def raw_report(path: Path) -> dict[str, Any]:
    """One RAW_REPORTS row of a file (files carry no region hint): `path` is kept as bytes, so any
    file name can be opened again."""
    stat = path.stat()
    return {
        "source": display_name(path),
        "path": os.fsencode(path),
        "sha256": file_sha256(path, stat),
        "size": stat.st_size,
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
