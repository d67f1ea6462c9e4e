"""Page text out of a report file, whatever its format.

Every reader returns the page's text as lines, site chrome included (chrome.py removes it later,
after metadata such as 发布时间 has been read from it).
"""

from pathlib import PurePath

from transforms.decode import NotText, declared_charset, decode_bytes
from transforms.htmltext import html_to_text

MAX_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
CONTROL_SHARE_LIMIT = 0.02


class UnreadableReport(ValueError):
    """The file cannot be read as a report; the message says why."""


def page_text(name: str, raw: bytes) -> str:
    """The text of one report file; raises UnreadableReport for what is not a report."""
    if len(raw) > MAX_BYTES:
        raise UnreadableReport(f"file too large: {len(raw):,} bytes (limit {MAX_BYTES:,})")
    suffix = PurePath(name).suffix.lower()
    try:
        if suffix in HTML_SUFFIXES or looks_like_html(raw):
            text = html_to_text(decode_bytes(raw, declared_charset(raw)))
        elif suffix in TEXT_SUFFIXES:
            text = decode_bytes(raw)
        else:
            raise UnreadableReport(f"unsupported format: {suffix}")
    except NotText as error:
        raise UnreadableReport(str(error)) from error
    if control_share(text) > CONTROL_SHARE_LIMIT:
        raise UnreadableReport("binary content (control characters)")
    if not text.strip():
        raise UnreadableReport("no text")
    return text


def looks_like_html(raw: bytes) -> bool:
    head = raw[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def control_share(text: str) -> float:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t")
    controls += sample.count("\ufffd")
    return controls / max(len(sample), 1)
