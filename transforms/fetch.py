"""Polite, bounded HTTP fetching.

Every request has connect and read timeouts and a deadline for the whole response (a server
dripping one byte at a time cannot hold a fetch), a user agent naming fazhi, a pause between
requests to one host, and robots.txt is obeyed (read under the same size and time caps). 5xx,
429 and connection errors are retried with exponential backoff, honouring Retry-After.
Redirects are followed one hop at a time so that each target is checked: http(s) only, and
unless the sources file allows private addresses, only hosts whose every address is global —
a name that does not resolve is refused, and the request goes to the address that was checked
(the name kept for the Host header and TLS), so a second lookup cannot rebind it to 127.0.0.1.
Bodies beyond the size limit are abandoned; a malformed header is a fetch error, never a crash.
Conditional requests (ETag, Last-Modified) make an unchanged page cost a 304.
"""

import email.utils
import ipaddress
import logging
import socket
import time
from dataclasses import dataclass, field
from urllib import robotparser
from urllib.parse import urljoin, urlsplit

import httpx

from transforms.sources import FetchSettings

log = logging.getLogger(__name__)
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
ROBOTS_MAX_BYTES = 512 * 1024


class FetchRefused(Exception):
    """A request fazhi will not make (scheme, address, robots.txt) or a body it will not keep."""


@dataclass
class FetchResult:
    url: str
    status: int | None = None
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    final_url: str = ""
    error: str | None = None
    attempts: int = 0
    retry_after: str | None = None
    location: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class Fetcher:
    """One crawler session: an HTTP client, robots.txt per host, the time of each host's last request."""

    settings: FetchSettings
    client: httpx.Client = field(init=False)
    robots: dict[str, robotparser.RobotFileParser] = field(
        default_factory=dict[str, robotparser.RobotFileParser]
    )
    last_request: dict[str, float] = field(default_factory=dict[str, float])

    def __post_init__(self) -> None:
        timeout = httpx.Timeout(self.settings.read_timeout, connect=self.settings.connect_timeout)
        self.client = httpx.Client(
            timeout=timeout, follow_redirects=False, headers={"User-Agent": self.settings.user_agent}
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET a URL within the rules; failures are returned in `error`, never raised."""
        result = FetchResult(url)
        try:
            self.get(url, result, conditional_headers(etag, last_modified))
        except (FetchRefused, httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as error:
            result.error = f"{type(error).__name__}: {error}"
        return result

    def get(self, url: str, result: FetchResult, headers: dict[str, str]) -> None:
        current = url
        for _ in range(self.settings.max_redirects + 1):
            self.check_allowed(current)
            response_status = self.get_with_retries(current, result, headers)
            if response_status not in REDIRECT_STATUSES:
                result.final_url = current
                return
            current = urljoin(current, result.location)
        raise FetchRefused(f"more than {self.settings.max_redirects} redirects")

    def get_with_retries(self, url: str, result: FetchResult, headers: dict[str, str]) -> int:
        for attempt in range(self.settings.retries + 1):
            self.wait_for_host(url)
            result.attempts += 1
            try:
                status = self.get_once(url, result, headers)
            except (httpx.ConnectError, httpx.ReadTimeout, httpx.ConnectTimeout, httpx.RemoteProtocolError):
                if attempt == self.settings.retries:
                    raise
                time.sleep(self.backoff(attempt, None))
                continue
            if status not in RETRY_STATUSES or attempt == self.settings.retries:
                return status
            time.sleep(self.backoff(attempt, result.retry_after))
        return result.status or 0

    def get_once(
        self, url: str, result: FetchResult, headers: dict[str, str], max_bytes: int | None = None
    ) -> int:
        target, pinned_headers, extensions = self.pinned(url)
        deadline = time.monotonic() + self.settings.request_deadline
        with self.client.stream(
            "GET", target, headers={**headers, **pinned_headers}, extensions=extensions
        ) as response:
            result.status = response.status_code
            result.content_type = response.headers.get("content-type", "")
            result.etag = response.headers.get("etag")
            result.last_modified = response.headers.get("last-modified")
            result.retry_after = response.headers.get("retry-after")
            result.location = response.headers.get("location", "")
            if response.status_code == 200:
                result.body = read_limited(response, max_bytes or self.settings.max_bytes, deadline)
            else:
                result.body = b""
            return response.status_code

    def backoff(self, attempt: int, retry_after: str | None) -> float:
        waited = retry_after_seconds(retry_after)
        if waited is not None:
            return min(waited, self.settings.max_retry_after)
        return self.settings.backoff_seconds * (2**attempt)

    def wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        previous = self.last_request.get(host)
        if previous is not None:
            pause = self.settings.delay_seconds - (time.monotonic() - previous)
            if pause > 0:
                time.sleep(pause)
        self.last_request[host] = time.monotonic()

    def pinned(self, url: str) -> tuple[str, dict[str, str], dict[str, str]]:
        """The URL with its host replaced by the checked global address, the Host header and the
        TLS name to send (nothing changes when private addresses are allowed)."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        if self.settings.allow_private_addresses:
            return url, {}, {}
        address = global_address(host)
        shown = f"[{address}]" if ":" in address else address
        netloc = shown + (f":{parts.port}" if parts.port else "")
        return parts._replace(netloc=netloc).geturl(), {"Host": parts.netloc}, {"sni_hostname": host}

    def check_allowed(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchRefused(f"scheme not allowed: {parts.scheme or '(none)'}")
        if not self.settings.allow_private_addresses:
            global_address(parts.hostname or "")
        if self.settings.obey_robots and not self.robots_allow(url):
            raise FetchRefused(f"disallowed by robots.txt: {url}")

    def robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self.robots:
            self.robots[root] = self.read_robots(root)
        return self.robots[root].can_fetch(self.settings.user_agent, url)

    def read_robots(self, root: str) -> robotparser.RobotFileParser:
        """robots.txt under the caps of every request, and at most ROBOTS_MAX_BYTES of it; one
        that cannot be read allows all, 401/403 disallow all (as the convention has it)."""
        parser = robotparser.RobotFileParser(root + "/robots.txt")
        self.wait_for_host(root)
        result = FetchResult(root + "/robots.txt")
        try:
            self.get_once(result.url, result, {}, max_bytes=ROBOTS_MAX_BYTES)
        except (FetchRefused, httpx.HTTPError, httpx.InvalidURL, OSError, ValueError):
            parser.parse([])
            return parser
        if result.status == 200:
            parser.parse(result.body.decode("utf-8", errors="replace").splitlines())
        elif result.status in (401, 403):
            parser.parse(["User-agent: *", "Disallow: /"])
        else:
            parser.parse([])
        return parser


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def read_limited(response: httpx.Response, limit: int, deadline: float) -> bytes:
    """The (decoded) body, abandoned past `limit` bytes or past the request's deadline."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchRefused(f"body too large: {int(declared):,} bytes (limit {limit:,})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchRefused(f"body too large: over {limit:,} bytes")
        if time.monotonic() > deadline:
            raise FetchRefused("response too slow: the request's deadline passed")
        chunks.append(chunk)
    return b"".join(chunks)


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds or as an HTTP date; anything else (`soon`) is no instruction."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def global_address(host: str) -> str:
    """The host's address if every address it resolves to is global; else FetchRefused (a name
    that does not resolve, loopback, private, link-local, CGNAT 100.64/10, reserved…)."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchRefused(f"host does not resolve: {host or '(none)'}") from error
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not addresses or any(not address.is_global for address in addresses):
        raise FetchRefused(f"private, loopback or reserved address not allowed: {host}")
    return str(addresses[0])
