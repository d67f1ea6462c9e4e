"""Scraping against a realistic government site served on 127.0.0.1 (tests/demo_site.py)."""

import time
from pathlib import Path

import polars as pl
import pytest

from tests.demo_site import COLUMN, GOOD_REPORTS, sources_toml, start
from transforms.discover import attachment_links, next_pages, report_links
from transforms.fetch import Fetcher, retry_after_seconds
from transforms.rawstore import RawStore
from transforms.scrape import scrape_source
from transforms.sources import DEFAULT_LINK_PATTERN, FetchSettings, read_sources


@pytest.fixture(scope="module")
def site():
    server, content = start()
    yield server.server_address[1], content
    server.shutdown()
    server.server_close()


@pytest.fixture
def sources(site, tmp_path):
    port, _ = site
    path = tmp_path / "sources.toml"
    path.write_text(sources_toml(port).replace("read_timeout = 2", "read_timeout = 1"), encoding="utf-8")
    return read_sources(path)


@pytest.fixture(scope="module")
def first_scrape(site, tmp_path_factory):
    port, _ = site
    path = tmp_path_factory.mktemp("sources") / "sources.toml"
    path.write_text(sources_toml(port).replace("read_timeout = 2", "read_timeout = 1"), encoding="utf-8")
    config = read_sources(path)
    store = RawStore(tmp_path_factory.mktemp("raw"))
    started = time.monotonic()
    summary = scrape_source(config.sources[0], config.fetch, store)
    return summary, store, config, time.monotonic() - started


def names(urls) -> set[str]:
    return {Path(u).stem for u in urls}


def test_list_pages_links_and_pagination():
    page = (
        '<a href="a.html">许昌市2023年法治政府建设情况报告</a><a href="/news/1.html">新闻</a>'
        '<a href="http://other.example/b.html">外站法治政府建设情况报告</a><a href="index_1.html">下一页</a>'
        '<a href="index_2.html">3</a><script>createPageHTML(4, 0, "index", "html");</script>'
        '<a href="files/r.pdf">附件</a>'
    )
    base = "http://site.example/col/index.html"
    assert report_links(page, base, DEFAULT_LINK_PATTERN, "site.example") == [
        "http://site.example/col/a.html"
    ]
    assert next_pages(page, base, "site.example", 10) == [
        "http://site.example/col/index_1.html",
        "http://site.example/col/index_2.html",
        "http://site.example/col/index_3.html",
    ]
    assert attachment_links(page, base, {"site.example"}) == ["http://site.example/col/files/r.pdf"]
    assert attachment_links(page, base, {"elsewhere.example"}) == []
    huge_pager = '<script>createPageHTML(3000000, 0, "index", "html");</script>'
    assert len(next_pages(huge_pager, base, "site.example", 10)) == 10


def test_sources_file_is_validated(tmp_path):
    bad = tmp_path / "sources.toml"
    bad.write_text('[[source]]\nname = "x"\nstart_url = "file:///etc/passwd"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="http"):
        read_sources(bad)
    bad.write_text(
        '[fetch]\ndelay = 1\n[[source]]\nname = "x"\nstart_url = "http://a.example/"\n', encoding="utf-8"
    )
    with pytest.raises(ValueError, match="unknown"):
        read_sources(bad)
    for entry, message in (
        ('name = 7\nstart_url = "http://a.example/"', "source name 7"),
        ('name = "x"\nstart_url = 7', "start_url must be http"),
        ('name = "x"\nstart_url = "http://a.example/"\nattachment_hosts = ["a.example", 3]', "host names"),
    ):
        bad.write_text(f"[[source]]\n{entry}\n", encoding="utf-8")
        with pytest.raises(ValueError, match=message):
            read_sources(bad)


def test_retry_after_in_seconds_and_as_a_date():
    assert retry_after_seconds("3") == 3
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert retry_after_seconds(None) is None


def test_reports_found_across_pages_and_attachments_parsed(first_scrape):
    summary, store, _, _ = first_scrape
    documents = store.read_documents("demo")
    assert names(documents["url"]) == GOOD_REPORTS
    assert summary.list_pages == 3
    yuanzhou = documents.filter(pl.col("url").str.ends_with("yuanzhou.html"))["sha256"].item()
    assert "袁州区" in store.get(yuanzhou).decode("utf-8")  # the PDF's text, in the report page


def test_every_fault_is_recorded(first_scrape):
    _, store, _, _ = first_scrape
    errors = {Path(row["url"]).stem: row["error"] for row in store.read_log("demo").iter_rows(named=True)}
    assert "robots.txt" in errors["draft"]
    assert "Timeout" in errors["slow"]
    assert errors["missing"] == "HTTP 404"
    assert "redirects" in errors["loop"]
    assert "too large" in errors["huge"]
    assert errors["flaky"] is None
    assert errors["busy"] is None


def test_politeness(first_scrape, site):
    _, _, _, seconds = first_scrape
    _, content = site
    assert not any(path.startswith("/private/") for path in content.requests)
    assert content.requests[f"{COLUMN}/flaky.html"] >= 2  # a 500, then success
    assert content.requests[f"{COLUMN}/busy.html"] >= 2  # a 429 with Retry-After: 1
    assert seconds >= 1  # Retry-After was honoured
    assert not any("other.invalid" in path for path in content.requests)


def test_a_second_scrape_uses_conditional_requests(first_scrape, site):
    _, store, config, _ = first_scrape
    _, content = site
    again = scrape_source(config.sources[0], config.fetch, store)
    assert again.changed == 0
    assert content.not_modified[f"{COLUMN}/xuchang.html"] >= 1
    log = store.read_log("demo").filter(pl.col("url").str.ends_with("xuchang.html"))
    assert log["status"].item() == 304
    assert log["first_seen"].item() < log["last_seen"].item()


def test_a_page_that_disappears_keeps_its_archived_copy(sources, tmp_path, site):
    _, content = site
    store = RawStore(tmp_path / "raw")
    scrape_source(sources.sources[0], sources.fetch, store)
    path = f"{COLUMN}/changsha.html"
    saved = content.content.pop(path)
    try:
        scrape_source(sources.sources[0], sources.fetch, store)
    finally:
        content.content[path] = saved
    assert "changsha" in names(store.read_documents("demo")["url"])


def test_private_addresses_and_other_schemes_are_refused(site):
    port, _ = site
    with Fetcher(FetchSettings(delay_seconds=0)) as fetcher:
        assert "private, loopback" in str(fetcher.fetch(f"http://127.0.0.1:{port}{COLUMN}/index.html").error)
    with Fetcher(FetchSettings(delay_seconds=0, allow_private_addresses=True)) as fetcher:
        assert "scheme not allowed" in str(
            fetcher.fetch(f"http://127.0.0.1:{port}{COLUMN}/elsewhere.html").error
        )
        assert "scheme not allowed" in str(fetcher.fetch("file:///etc/passwd").error)


@pytest.mark.slow
def test_fazhi_run_with_sources_loads_every_good_report(site, tmp_path, monkeypatch, capsys):
    from orchestration.cli import main
    from warehouse import queries

    port, _ = site
    monkeypatch.setenv("FAZHI_HOME", str(tmp_path / "home"))
    sources = tmp_path / "sources.toml"
    sources.write_text(sources_toml(port).replace("read_timeout = 2", "read_timeout = 1"), encoding="utf-8")
    warehouse = tmp_path / "home" / "warehouse.duckdb"
    assert main(["run", "--sources", str(sources), "--warehouse", str(warehouse)]) == 0
    loaded = queries.query(warehouse, "SELECT source FROM dim_document")["source"].to_list()
    assert names(loaded) == GOOD_REPORTS - {"binary"}
    errors = queries.query(warehouse, "SELECT source, error FROM load_error")
    assert names(errors["source"]) == {"binary"}
    log = queries.query(warehouse, "SELECT count(*) AS n, count(error) AS failed FROM fetch_log")
    assert log.row(0) == (18, 5)
    assert "source demo" in capsys.readouterr().out


@pytest.mark.slow
def test_scraping_the_samples_after_loading_them_adds_sources_not_reports(site, tmp_path, monkeypatch):
    from orchestration.cli import main
    from warehouse import queries

    port, _ = site
    monkeypatch.setenv("FAZHI_HOME", str(tmp_path / "home"))
    warehouse = tmp_path / "home" / "warehouse.duckdb"
    assert main(["run", "--warehouse", str(warehouse)]) == 0
    sources = tmp_path / "sources.toml"
    sources.write_text(sources_toml(port).replace("read_timeout = 2", "read_timeout = 1"), encoding="utf-8")
    assert main(["run", "--sources", str(sources), "--warehouse", str(warehouse)]) == 0
    assert queries.query(warehouse, "SELECT count(*) FROM v_report").item() == 5
    assert queries.query(warehouse, "SELECT count(*) FROM v_indicator").item() == 55
    copies = queries.query(
        warehouse,
        "SELECT source FROM dim_document WHERE len(list_filter(flags, f -> f LIKE 'duplicate_of:%')) > 0",
    )
    second_sources = queries.query(
        warehouse,
        "SELECT source FROM document_source WHERE source LIKE 'http%' "
        "AND document_id IN (SELECT document_id FROM v_report)",
    )
    assert names(copies["source"]) | names(second_sources["source"]) == GOOD_REPORTS - {"binary"}


def test_the_shipped_example_sources_file_is_valid():
    example = read_sources(Path(__file__).resolve().parents[1] / "sources.example.toml")
    assert [s.name for s in example.sources] == ["henan-xuchang", "hunan-changsha"]
    assert example.fetch.delay_seconds >= 1
    assert not example.fetch.allow_private_addresses
