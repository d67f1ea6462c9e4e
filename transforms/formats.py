"""Page text out of a report file, whatever its format.

Every reader returns the page's text as lines, site chrome included (chrome.py removes it later,
after metadata such as 发布时间 has been read from it). pypdf and python-docx are imported by their
readers: most reports are HTML or text, and the two take 0.6 s to import in every process.
"""

import io
import re
import zipfile
import zlib
from pathlib import PurePath

from transforms.decode import NotText, declared_charset, decode_bytes
from transforms.htmltext import html_to_text

MAX_BYTES = 20 * 1024 * 1024
# Caps against files built to exhaust a parser: a DOCX's unpacked size and compression ratio, a
# PDF's pages, an HTML page's elements (the content finder is quadratic in nesting depth).
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_PDF_PAGES = 1000
MAX_HTML_ELEMENTS = 50_000
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
CONTROL_SHARE_LIMIT = 0.02
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
FULL_LINE_SHARE = 0.8
PARAGRAPH_END = tuple("。:：;；!！?？")


class UnreadableReport(ValueError):
    """The file cannot be read as a report; the message says why."""


def page_text(name: str, raw: bytes) -> str:
    """The text of one report file; raises UnreadableReport for what is not a report."""
    if len(raw) > MAX_BYTES:
        raise UnreadableReport(f"file too large: {len(raw):,} bytes (limit {MAX_BYTES:,})")
    suffix = PurePath(name).suffix.lower()
    try:
        text = read_by_format(suffix, raw)
    except NotText as error:
        raise UnreadableReport(str(error)) from error
    if control_share(text) > CONTROL_SHARE_LIMIT:
        raise UnreadableReport("binary content (control characters)")
    if not text.strip():
        raise UnreadableReport("no text")
    return text


def read_by_format(suffix: str, raw: bytes) -> str:
    """Dispatch on the content first (a PDF named .html is a PDF), then on the file name."""
    if raw.startswith(b"%PDF-") or suffix == ".pdf":
        return pdf_text(raw)
    if suffix == ".docx":
        return docx_text(raw)
    if suffix in HTML_SUFFIXES or looks_like_html(raw):
        return html_text(raw)
    if suffix in TEXT_SUFFIXES:
        return decode_bytes(raw)
    raise UnreadableReport(f"unsupported format: {suffix}")


def pdf_text(raw: bytes) -> str:
    """The text layer of a PDF; a scan without one is refused (OCR is not done here)."""
    import pypdf  # noqa: PLC0415 (see the module docstring)
    from pypdf.errors import PdfReadError  # noqa: PLC0415

    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise UnreadableReport("encrypted PDF: refused (no password is tried)")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadableReport(f"PDF of {len(reader.pages):,} pages (limit {MAX_PDF_PAGES:,})")
        text = "\n".join(unwrap_lines(page.extract_text() or "") for page in reader.pages)
    except UnreadableReport:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, RecursionError, NotImplementedError) as error:
        raise UnreadableReport(f"broken PDF: {type(error).__name__}: {error}") from error
    if not text.strip():
        raise UnreadableReport("PDF without a text layer (a scan?)")
    return text


def unwrap_lines(text: str) -> str:
    """Join the lines a PDF wrapped at the page edge: a line as wide as the page's widest, not
    ending a sentence, continues on the next. Short lines (titles, signatures) stay lines."""
    lines = [line.rstrip() for line in text.split("\n")]
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        wrapped = len(previous) >= FULL_LINE_SHARE * width and not previous.endswith(PARAGRAPH_END)
        if out and wrapped and line.strip():
            out[-1] = previous + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def docx_text(raw: bytes) -> str:
    """Paragraphs, then table cells, of a Word document."""
    import docx  # noqa: PLC0415 (see the module docstring)

    check_archive(raw)
    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, zlib.error, SyntaxError) as error:
        raise UnreadableReport(f"broken DOCX: {type(error).__name__}: {error}") from error
    lines = [p.text for p in document.paragraphs]
    lines += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(lines)


def check_archive(raw: bytes) -> None:
    """Refuse a zip that would unpack too large (a zip bomb) before anything unpacks it."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise UnreadableReport(f"broken DOCX: {error}") from error
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise UnreadableReport(
            f"DOCX would unpack to {unpacked:,} bytes from {packed:,} (limits {MAX_UNPACKED_BYTES:,} "
            f"bytes, ratio {MAX_COMPRESSION_RATIO})"
        )


def html_text(raw: bytes) -> str:
    """The text of an HTML page, refusing pages with more elements than any report needs."""
    elements = raw.count(b"<") - raw.count(b"</")
    if elements > MAX_HTML_ELEMENTS:
        raise UnreadableReport(f"HTML page of about {elements:,} elements (limit {MAX_HTML_ELEMENTS:,})")
    return html_to_text(decode_bytes(raw, declared_charset(raw)))


def looks_like_html(raw: bytes) -> bool:
    head = raw[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def control_share(text: str) -> float:
    sample = text[:20000]
    return len(CONTROL_CHARACTERS.findall(sample)) / max(len(sample), 1)
