"""Scrape one source: follow its list pages, fetch its reports (and their attachments), keep
every body in the raw store and log every request.

Unchanged pages cost a conditional request (304) and are not stored again; a report page that
fails or disappears keeps its archived copy. When a report page carries little text but links a
PDF or Word attachment, the attachment is the report: its text is put in a page with the
report page's title and publish date, so that parsing sees both.
"""

import html
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from transforms.decode import NotText, declared_charset, decode_bytes
from transforms.discover import attachment_links, next_pages, report_links
from transforms.fetch import Fetcher, FetchResult
from transforms.formats import UnreadableReport, page_text
from transforms.htmltext import han_count
from transforms.rawstore import FETCH_LOG, FETCHED_REPORTS, RawStore, merge_log, now
from transforms.sources import FetchSettings, Source

log = logging.getLogger(__name__)
MIN_REPORT_HAN = 300
PAGE_HEAD_LINES = 6


@dataclass
class ScrapeSummary:
    source: str
    list_pages: int = 0
    reports: int = 0
    changed: int = 0
    errors: list[str] = field(default_factory=list[str])
    requests: int = 0
    seconds: float = 0.0


@dataclass
class Crawl:
    """The state of one source's scrape."""

    source: Source
    store: RawStore
    fetcher: Fetcher
    validators: dict[str, tuple[str | None, str | None, str | None]]
    rows: list[dict[str, Any]] = field(default_factory=list[Any])
    summary: ScrapeSummary = field(init=False)

    def __post_init__(self) -> None:
        self.summary = ScrapeSummary(self.source.name)

    def visit(self, url: str, kind: str) -> bytes | None:
        """Fetch (conditionally) and store a body; None when there is no body to use."""
        etag, modified, known = self.validators.get(url, (None, None, None))
        result = self.fetcher.fetch(url, etag if known else None, modified if known else None)
        self.summary.requests += result.attempts
        body, digest = None, None
        if result.ok:
            body = result.body
            digest = self.store.put(body)
        elif result.not_modified and known:
            body, digest = self.store.get(known), known
        else:
            self.summary.errors.append(f"{url}: {result.error or result.status}")
        self.rows.append(log_row(url, kind, result, digest))
        return body


def log_row(url: str, kind: str, result: FetchResult, digest: str | None) -> dict[str, Any]:
    seen = now()
    return {
        "url": url,
        "kind": kind,
        "status": result.status,
        "bytes": len(result.body),
        "sha256": digest,
        "content_type": result.content_type,
        "etag": result.etag,
        "last_modified": result.last_modified,
        "first_seen": seen,
        "last_seen": seen,
        "error": result.error or (None if result.status in (200, 304) else f"HTTP {result.status}"),
    }


def crawl_list_pages(crawl: Crawl) -> list[str]:
    """Report URLs from the start page and the list pages it leads to (max_pages of them)."""
    source = crawl.source
    queue = [source.start_url]
    visited: set[str] = set()
    reports: dict[str, None] = {}
    while queue and len(visited) < source.max_pages:
        url = queue.pop(0)
        if url in visited:
            continue
        visited.add(url)
        body = crawl.visit(url, "list")
        if body is None:
            continue
        page = decoded(body)
        reports.update(dict.fromkeys(report_links(page, url, source.link_pattern, source.host)))
        if len(reports) >= source.max_reports:
            break
        queue.extend(u for u in next_pages(page, url, source.host, source.max_pages) if u not in visited)
        log.info("%s: list page %d, %d reports so far", source.name, len(visited), len(reports))
    crawl.summary.list_pages = len(visited)
    return list(reports)[: source.max_reports]


def decoded(body: bytes) -> str:
    return decode_bytes(body, declared_charset(body))


def report_document(crawl: Crawl, url: str, body: bytes) -> bytes:
    """The report's bytes: the page itself, or the page's header with its attachment's text."""
    try:
        text = page_text(url, body)
        hosts = {crawl.source.host, *crawl.source.attachment_hosts}
        attachments = attachment_links(decoded(body), url, hosts)
    except (UnreadableReport, NotText):
        return body  # parsing records why it is not a report

    if han_count(text) >= MIN_REPORT_HAN or not attachments:
        return body
    for attachment in attachments:
        content = crawl.visit(attachment, "attachment")
        if content is None:
            continue
        try:
            attached = page_text(attachment, content)
        except UnreadableReport as error:
            crawl.summary.errors.append(f"{attachment}: {error}")
            continue
        return combined_page(text.splitlines()[:PAGE_HEAD_LINES], attached).encode("utf-8")
    return body


def combined_page(header: list[str], text: str) -> str:
    lines = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    head = "".join(f"<p>{html.escape(line)}</p>" for line in header)
    return f'<html><head><meta charset="utf-8"></head><body>{head}<div id="zoom">{lines}</div></body></html>'


def fetch_reports(crawl: Crawl, documents: dict[str, dict[str, Any]]) -> None:
    """Every report page of the source's list pages (and its attachment), kept in the raw store."""
    for index, url in enumerate(crawl_list_pages(crawl), start=1):
        body = crawl.visit(url, "report")
        log.info("%s: report %d %s", crawl.source.name, index, "ok" if body else "failed")
        if body is None:
            continue
        digest = crawl.store.put(report_document(crawl, url, body))
        if documents.get(url, {}).get("sha256") != digest:
            crawl.summary.changed += 1
            documents[url] = {"url": url, "sha256": digest, "fetched_at": now()}


def scrape_source(source: Source, settings: FetchSettings, store: RawStore) -> ScrapeSummary:
    """Scrape one source into the raw store; returns what happened."""
    started = time.monotonic()
    previous = store.read_log(source.name)
    validators = {
        row["url"]: (row["etag"], row["last_modified"], row["sha256"])
        for row in previous.filter(pl.col("sha256").is_not_null()).iter_rows(named=True)
    }
    documents = {row["url"]: row for row in store.read_documents(source.name).iter_rows(named=True)}
    with Fetcher(settings) as fetcher:
        crawl = Crawl(source, store, fetcher, validators)
        try:
            fetch_reports(crawl, documents)
        finally:  # whatever stops the crawl, what it did is logged
            crawl.summary.reports = len(documents)
            current = pl.DataFrame(crawl.rows, schema=FETCH_LOG)
            reports = pl.DataFrame(list(documents.values()), schema=FETCHED_REPORTS)
            store.write(source.name, merge_log(previous, current), reports)
    crawl.summary.seconds = round(time.monotonic() - started, 3)
    return crawl.summary
