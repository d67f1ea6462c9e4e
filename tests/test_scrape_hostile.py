"""Hostile web servers on 127.0.0.1: what they send is recorded as a fetch error, within the
limits of the [fetch] settings, and never stops a source's scrape or loses its fetch log."""

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from transforms.discover import MAX_LINKS_PER_PAGE, anchors
from transforms.fetch import Fetcher, FetchRefused, global_address, retry_after_seconds
from transforms.rawstore import RawStore
from transforms.scrape import scrape_source
from transforms.sources import FetchSettings, Source, read_sources

BOMB = gzip.compress(b"Disallow: /x\n" * 40_000_000)  # 520 MB unpacked, about 1 MB packed


class Hostile(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self.send(200, BOMB, Content_Encoding="gzip", Content_Type="text/plain")
        elif self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(1000):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                return  # the client gave up, as it should
        elif self.path == "/soon":
            self.send(503, Retry_After="soon")
        elif self.path == "/javascript":
            self.send(302, Location="javascript:alert(1)")
        elif self.path == "/badlocation":
            self.send(302, Location="http://[::1")
        elif self.path == "/":
            links = "".join(
                f'<a href="/r{i}.html">某县{i}年法治政府建设情况报告</a>' for i in ("soon", "javascript")
            )
            links += '<a href="/drip">某县2023年法治政府建设情况报告</a>'
            self.send(200, f"<html><body>{links}</body></html>".encode())
        elif self.path == "/rsoon.html":
            self.send(503, Retry_After="soon")
        elif self.path == "/rjavascript.html":
            self.send(302, Location="javascript:alert(1)")
        else:
            self.send(404)


@pytest.fixture(scope="module")
def hostile_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def local(**settings: object) -> FetchSettings:
    values = {"delay_seconds": 0, "retries": 1, "backoff_seconds": 0.01, "allow_private_addresses": True}
    return FetchSettings(**{**values, **settings})


def test_a_gzip_bomb_robots_txt_is_read_no_further_than_its_cap(hostile_site):
    with Fetcher(local()) as fetcher:
        started = time.monotonic()
        result = fetcher.fetch(hostile_site + "/soon")
        assert time.monotonic() - started < 20
        assert result.status == 503
        assert fetcher.robots[hostile_site].can_fetch("fazhi", hostile_site + "/x")  # unread: allows


def test_a_dripping_server_is_cut_at_the_request_deadline(hostile_site):
    with Fetcher(local(read_timeout=5, request_deadline=2, obey_robots=False)) as fetcher:
        started = time.monotonic()
        result = fetcher.fetch(hostile_site + "/drip")
    assert "deadline" in str(result.error)
    assert time.monotonic() - started < 6


@pytest.mark.parametrize("path", ["/javascript", "/badlocation"])
def test_a_malformed_redirect_is_a_fetch_error(hostile_site, path):
    with Fetcher(local(obey_robots=False)) as fetcher:
        result = fetcher.fetch(hostile_site + path)
    assert result.error.startswith(("InvalidURL", "FetchRefused", "RemoteProtocolError"))


def test_retry_after_that_is_not_a_time_is_no_instruction():
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds("Wed, 99 Foo 2024") is None
    assert retry_after_seconds("3") == 3.0


def test_a_hostile_source_is_scraped_to_its_end_and_logged(hostile_site, tmp_path):
    store = RawStore(tmp_path)
    source = Source("hostile", hostile_site + "/")
    summary = scrape_source(source, local(obey_robots=False, request_deadline=1), store)
    log = store.read_log("hostile")
    assert set(log["url"]) == {hostile_site + p for p in ("/", "/rsoon.html", "/rjavascript.html", "/drip")}
    assert len(summary.errors) == 3


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "10.1.2.3", "100.64.0.1", "169.254.169.254", "::1", "no-such-host.invalid", ""]
)
def test_only_global_addresses_are_fetched(host):
    with pytest.raises(FetchRefused):
        global_address(host)


def test_the_request_goes_to_the_checked_address_with_the_name_in_host_and_tls():
    with Fetcher(FetchSettings()) as fetcher:
        url, headers, extensions = fetcher.pinned("https://8.8.8.8:8443/a?b=1")
    assert url == "https://8.8.8.8:8443/a?b=1"
    assert headers == {"Host": "8.8.8.8:8443"}
    assert extensions == {"sni_hostname": "8.8.8.8"}


def test_a_page_of_100000_links_is_read_up_to_the_cap():
    page = "".join(f'<a href="/p{i}.html">x</a>' for i in range(100_000))
    assert len(anchors(page, "http://a.example/")) == MAX_LINKS_PER_PAGE


@pytest.mark.parametrize(
    "fetch", ["retries = -1", "read_timeout = 0", "delay_seconds = -2", 'retries = "3"', "obey_robots = 1"]
)
def test_invalid_fetch_settings_are_refused_with_the_setting_named(tmp_path, fetch):
    path = tmp_path / "sources.toml"
    path.write_text(f'[fetch]\n{fetch}\n[[source]]\nname = "x"\nstart_url = "http://a.example/"\n')
    with pytest.raises(ValueError, match=fetch.split()[0]):
        read_sources(path)


@pytest.mark.parametrize("entry", ["max_pages = 0", "max_reports = 100000000", 'link_pattern = "("'])
def test_invalid_source_limits_are_refused(tmp_path, entry):
    path = tmp_path / "sources.toml"
    path.write_text(f'[[source]]\nname = "x"\nstart_url = "http://a.example/"\n{entry}\n')
    with pytest.raises(ValueError, match=entry.split()[0]):
        read_sources(path)
