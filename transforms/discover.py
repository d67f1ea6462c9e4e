"""Links on government list pages: report links, pagination, attachments.

Column pages (栏目) list reports as links whose text is the report's title, and page with a
下一页 link, numbered links, or the createPageHTML(total, current, "index", "html") script of the
common TRS CMS (pages index.html, index_1.html, …). Only links on the start page's host count.
"""

import re
from urllib.parse import urldefrag, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

NEXT_TEXT = re.compile(r"^\s*(下一页|下页|后一页|后页|next|>|›|»)\s*$", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^\s*\[?\d{1,3}\]?\s*$")
TRS_PAGER = re.compile(
    r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"](\w+)['\"]"
)
ATTACHMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".wps")
# A page with more links than this is not a column page a human reads; the rest are ignored.
MAX_LINKS_PER_PAGE = 2000


def anchors(html: str, base_url: str) -> list[tuple[str, str]]:
    """(absolute URL without fragment, link text) of every <a href>."""
    found: list[tuple[str, str]] = []
    for node in LexborHTMLParser(html).css("a[href]"):
        if len(found) >= MAX_LINKS_PER_PAGE:
            break
        href = (node.attributes.get("href") or "").strip()
        if not href or href.lower().startswith(("javascript:", "mailto:", "tel:")):
            continue
        url = urldefrag(urljoin(base_url, href))[0]
        text = node.text(separator="").strip() or (node.attributes.get("title") or "").strip()
        found.append((url, text))
    return found


def same_host(url: str, host: str) -> bool:
    return (urlsplit(url).hostname or "") == host and urlsplit(url).scheme in ("http", "https")


def report_links(html: str, base_url: str, pattern: str, host: str) -> list[str]:
    """Links whose text looks like a report title, on the source's host, each once, in page order."""
    title = re.compile(pattern)
    seen: dict[str, None] = {}
    for url, text in anchors(html, base_url):
        if same_host(url, host) and title.search(text):
            seen.setdefault(url)
    return list(seen)


def next_pages(html: str, base_url: str, host: str, limit: int) -> list[str]:
    """List pages to visit after this one, at most `limit`: 下一页 and numbered links, and
    TRS-style index_N pages (a pager claiming three million pages gives `limit`)."""
    pages: dict[str, None] = {}
    for url, text in anchors(html, base_url):
        if same_host(url, host) and (NEXT_TEXT.match(text) or PAGE_NUMBER.match(text)):
            pages.setdefault(url)
    match = TRS_PAGER.search(html)
    if match:
        total, _, stem, suffix = int(match.group(1)), match.group(2), match.group(3), match.group(4)
        for number in range(1, min(total, limit + 1)):
            pages.setdefault(urljoin(base_url, f"{stem}_{number}.{suffix}"))
    return [url for url in pages if url != base_url][:limit]


def attachment_links(html: str, base_url: str, hosts: set[str]) -> list[str]:
    """Attachments (PDF, Word) linked from a report page on one of `hosts`, each once."""
    seen: dict[str, None] = {}
    for url, _ in anchors(html, base_url):
        on_host = any(same_host(url, host) for host in hosts)
        if on_host and urlsplit(url).path.lower().endswith(ATTACHMENT_SUFFIXES):
            seen.setdefault(url)
    return list(seen)
