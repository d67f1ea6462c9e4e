"""sources.toml: the sites to scrape, and how politely.

[fetch]                      # optional; defaults are polite
delay_seconds = 2.0          # pause between two requests to one host
allow_private_addresses = false

[[source]]
name = "xuchang"
start_url = "https://www.xuchang.gov.cn/…/fzzfjs/"   # a list or column page
region = "许昌市"            # optional: name or adcode, a hint for reports that do not say
link_pattern = "法治政府建设.*报告"   # optional: regex on link text
max_pages = 5                # optional: list pages to follow (default 10)
max_reports = 500            # optional: report pages to fetch at most
attachment_hosts = []        # optional: other hosts attachments may come from (default: none)
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

DEFAULT_LINK_PATTERN = r"(法治政府建设|依法行政|法治建设).{0,30}(报告|总结|情况)"
NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_PER_SOURCE = 10_000


@dataclass(frozen=True)
class FetchSettings:
    """Politeness and safety of every request (the [fetch] table)."""

    user_agent: str = "fazhi/0.1 (+rule-of-law report archive; polite crawler)"
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    delay_seconds: float = 2.0
    retries: int = 3
    backoff_seconds: float = 1.0
    max_retry_after: float = 120.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    request_deadline: float = 120.0
    allow_private_addresses: bool = False
    obey_robots: bool = True

    def __post_init__(self) -> None:
        """Every value checked, with a message naming the setting (retries = -1 is refused)."""
        for name, spec in type(self).__dataclass_fields__.items():
            if not of_type(getattr(self, name), spec.type):
                raise ValueError(f"[fetch] {name} must be {spec.type.__name__}, got {getattr(self, name)!r}")
        positive = ("connect_timeout", "read_timeout", "max_bytes", "request_deadline")
        for name in positive:
            if getattr(self, name) <= 0:
                raise ValueError(f"[fetch] {name} must be greater than 0, got {getattr(self, name)!r}")
        for name in ("delay_seconds", "retries", "backoff_seconds", "max_retry_after", "max_redirects"):
            if getattr(self, name) < 0:
                raise ValueError(f"[fetch] {name} must be 0 or more, got {getattr(self, name)!r}")


def of_type(value: object, expected: type) -> bool:
    """TOML's types as a setting expects them: an integer is a float too, a bool is no number."""
    if isinstance(value, bool):
        return expected is bool
    if expected is float:
        return isinstance(value, int | float)
    return isinstance(value, expected)


@dataclass(frozen=True)
class Source:
    name: str
    start_url: str
    region: str | None = None
    link_pattern: str = DEFAULT_LINK_PATTERN
    max_pages: int = 10
    max_reports: int = 500
    attachment_hosts: tuple[str, ...] = ()

    @property
    def host(self) -> str:
        return urlsplit(self.start_url).hostname or ""


@dataclass(frozen=True)
class SourcesFile:
    sources: tuple[Source, ...]
    fetch: FetchSettings = field(default_factory=FetchSettings)


def read_sources(path: Path) -> SourcesFile:
    """Parse and validate a sources file; errors name the entry at fault."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    known = set(FetchSettings.__dataclass_fields__)
    unknown = set(data.get("fetch", {})) - known
    if unknown:
        raise ValueError(f"{path}: unknown [fetch] settings {sorted(unknown)}")
    sources = tuple(source_of(entry, path) for entry in data.get("source", []))
    if not sources:
        raise ValueError(f"{path}: no [[source]] entries")
    names = [s.name for s in sources]
    if len(set(names)) != len(names):
        raise ValueError(f"{path}: source names must be unique")
    try:
        fetch = FetchSettings(**data.get("fetch", {}))
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from error
    return SourcesFile(sources, fetch)


def source_of(entry: dict[str, Any], path: Path) -> Source:
    name, url = entry.get("name", ""), entry.get("start_url", "")
    if not isinstance(name, str) or not NAME.match(name):
        raise ValueError(f"{path}: source name {name!r} must be letters, digits, - or _")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"{path}: source {name}: start_url must be http(s), got {url!r}")
    pattern = entry.get("link_pattern", DEFAULT_LINK_PATTERN)
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"{path}: source {name}: link_pattern is not a regex: {error}") from error
    limits = {key: entry.get(key, default) for key, default in (("max_pages", 10), ("max_reports", 500))}
    for key, value in limits.items():
        if not of_type(value, int) or not 1 <= value <= MAX_PER_SOURCE:
            raise ValueError(f"{path}: source {name}: {key} must be 1 to {MAX_PER_SOURCE:,}, got {value!r}")
    listed = entry.get("attachment_hosts", [])
    items = cast("list[object]", listed) if isinstance(listed, list) else [None]
    hosts = [h for h in items if isinstance(h, str)]
    if len(hosts) != len(items):
        raise ValueError(f"{path}: source {name}: attachment_hosts must be a list of host names")
    return Source(
        name, url, entry.get("region"), pattern, limits["max_pages"], limits["max_reports"], tuple(hosts)
    )
