"""sources.toml: the sites to scrape, and how politely.

[fetch]                      # optional; defaults are polite
delay_seconds = 2.0          # pause between two requests to one host
allow_private_addresses = false

[[source]]
name = "xuchang"
start_url = "https://www.xuchang.gov.cn/…/fzzfjs/"   # a list or column page
region = "许昌市"            # optional: name or adcode, a hint for reports that do not say
link_pattern = "法治政府建设.*报告"   # optional: regex on link text
max_pages = 5                # optional: list pages to follow
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_LINK_PATTERN = r"(法治政府建设|依法行政|法治建设).{0,30}(报告|总结|情况)"
NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


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
    allow_private_addresses: bool = False
    obey_robots: bool = True


@dataclass(frozen=True)
class Source:
    name: str
    start_url: str
    region: str | None = None
    link_pattern: str = DEFAULT_LINK_PATTERN
    max_pages: int = 10

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
    return SourcesFile(sources, FetchSettings(**data.get("fetch", {})))


def source_of(entry: dict, path: Path) -> Source:
    name, url = entry.get("name", ""), entry.get("start_url", "")
    if not NAME.match(name):
        raise ValueError(f"{path}: source name {name!r} must be letters, digits, - or _")
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"{path}: source {name}: start_url must be http(s), got {url!r}")
    pattern = entry.get("link_pattern", DEFAULT_LINK_PATTERN)
    re.compile(pattern)
    return Source(name, url, entry.get("region"), pattern, int(entry.get("max_pages", 10)))
