"""The bundled sample reports (five real reports, byte for byte as published, defects included)
and the files of an input folder, as (source, bytes) pairs."""

from collections.abc import Iterator
from pathlib import Path

SAMPLE_REPORTS = Path(__file__).resolve().parent / "data" / "sample_reports"
REPORT_SUFFIXES = {".txt", ".html", ".htm", ".shtml", ".text", ".pdf", ".docx"}


def report_files(folder: Path) -> list[Path]:
    """Report files of a folder (recursively), in a stable order."""
    if not folder.is_dir():
        raise FileNotFoundError(f"input folder not found: {folder}")
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)


def read_files(paths: list[Path]) -> Iterator[tuple[str, bytes, None]]:
    """(source, bytes, region hint) of each file; files carry no region hint."""
    for path in paths:
        yield str(path), path.read_bytes(), None
