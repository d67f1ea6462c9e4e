"""A government website on 127.0.0.1 for the scraper: a 法治政府建设 column with pagination,
report pages in the usual templates built from the sample reports (UTF-8 CMS pages, a GBK table
layout with a gb2312 meta, reports only in an attached PDF or DOCX), robots.txt, and the faults
sites really have: a 500 then success, a 429 with Retry-After, a page that hangs, a 404, a
redirect loop, a 30 MB body and a binary file named .html.

    python -m tests.demo_site --port 8765    # `make demo-site`; prints a sources.toml to use
"""

import argparse
import hashlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.pages import div_page, docx_report, pdf_report, report_body, table_page
from transforms.samples import SAMPLE_REPORTS, report_files

HANG_SECONDS = 5
HUGE_BYTES = 30 * 1024 * 1024
COLUMN = "/fzzf"
REPORTS = {
    "xuchang.html": "许昌市人民政府关于2023年法治政府建设情况的报告",
    "changsha.html": "长沙市2023年法治政府建设情况报告",
    "tongxu.html": "通许县2019年度法治政府建设情况的报告",
    "yuanzhou.html": "袁州区关于2022年度推进法治政府建设工作情况报告",
    "zhongyuan.html": "中原区2024年度法治政府建设情况报告",
    "flaky.html": "许昌市人民政府关于2022年法治政府建设情况的报告",
    "busy.html": "长沙市2022年法治政府建设情况报告",
    "slow.html": "某县2023年法治政府建设情况报告",
    "missing.html": "某区2023年法治政府建设情况报告",
    "loop.html": "某市2023年法治政府建设情况报告",
    "huge.html": "某州2023年法治政府建设情况报告",
    "binary.html": "某旗2023年法治政府建设情况报告",
}
PAGES = (
    ["xuchang.html", "changsha.html", "tongxu.html", "flaky.html"],
    ["yuanzhou.html", "zhongyuan.html", "busy.html", "slow.html"],
    ["missing.html", "loop.html", "huge.html", "binary.html"],
)
# The report links the site answers in full (the others hang, loop, are missing or too large);
# binary.html is a binary file under an .html name, so it is fetched but never loaded.
GOOD_REPORTS = {"xuchang", "changsha", "tongxu", "yuanzhou", "zhongyuan", "flaky", "busy", "binary"}
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def samples() -> list[Path]:
    return report_files(SAMPLE_REPORTS)


def list_page(number: int) -> bytes:
    links = "".join(
        f'<li><a href="{name}" target="_blank">{REPORTS[name]}</a><span>2024-03-19</span></li>'
        for name in PAGES[number]
    )
    extra = ""
    if number == 0:
        extra = (
            '<li><a href="/private/draft.html">法治政府建设情况报告(内部稿)</a></li>'
            '<li><a href="http://other.invalid/fzzf/a.html">外站法治政府建设情况报告</a></li>'
            '<li><a href="/news/1.html">我市召开安全生产工作会议</a></li>'
        )
    pager = f'<script>createPageHTML({len(PAGES)}, {number}, "index", "html");</script>'
    nxt = f'<a href="index_{number + 1}.html">下一页</a>' if number + 1 < len(PAGES) else ""
    page = (
        f'<html><head><meta charset="utf-8"><title>法治政府建设</title></head><body>'
        f'<div class="crumb">当前位置:首页 &gt; 专题专栏 &gt; 法治政府建设</div>'
        f'<ul class="list">{links}{extra}</ul><div class="page">{pager}{nxt}</div></body></html>'
    )
    return page.encode("utf-8")


def report_pages() -> dict[str, tuple[bytes, str]]:
    """path -> (body, content type)."""
    files = samples()
    pdf_link = '<p>附件:<a href="/files/yuanzhou.pdf">关于2022年度推进法治政府建设工作情况报告.pdf</a></p>'
    docx_link = '<p>附件:<a href="/files/zhongyuan.docx">中原区2024年度法治政府建设情况报告.docx</a></p>'
    html = "text/html; charset=utf-8"
    pages = {
        "xuchang.html": (div_page(REPORTS["xuchang.html"], report_body(files[0])[2:-3]).encode(), html),
        "changsha.html": (
            div_page(
                REPORTS["changsha.html"], report_body(files[1])[4:-8], container='id="UCAP-CONTENT"'
            ).encode(),
            html,
        ),
        "tongxu.html": (
            table_page(REPORTS["tongxu.html"], report_body(files[2])[1:]).encode("gb18030"),
            "text/html",
        ),
        "yuanzhou.html": (div_page(REPORTS["yuanzhou.html"], [pdf_link]).encode(), html),
        "zhongyuan.html": (div_page(REPORTS["zhongyuan.html"], [docx_link]).encode(), html),
        "flaky.html": (div_page(REPORTS["flaky.html"], report_body(files[0])[2:-3]).encode(), html),
        "busy.html": (div_page(REPORTS["busy.html"], report_body(files[1])[4:-8]).encode(), html),
    }
    return {f"{COLUMN}/{name}": value for name, value in pages.items()}


def attachments() -> dict[str, tuple[bytes, str]]:
    files = samples()
    return {
        "/files/yuanzhou.pdf": (pdf_report(report_body(files[3])[3:]), "application/pdf"),
        "/files/zhongyuan.docx": (
            docx_report(report_body(files[4])),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    }


class DemoSite:
    """The site's content and its per-path request counts (for the fault that succeeds later)."""

    def __init__(self) -> None:
        self.content = {"/robots.txt": (ROBOTS, "text/plain")}
        self.content.update({f"{COLUMN}/index.html": (list_page(0), "text/html; charset=utf-8")})
        self.content.update(
            {
                f"{COLUMN}/index_{n}.html": (list_page(n), "text/html; charset=utf-8")
                for n in range(1, len(PAGES))
            }
        )
        self.content.update(report_pages())
        self.content.update(attachments())
        self.requests: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.lock = threading.Lock()

    def count(self, path: str) -> int:
        with self.lock:
            self.requests[path] += 1
            return self.requests[path]


def handler_for(site: DemoSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            seen = site.count(path)
            if path == f"{COLUMN}/flaky.html" and seen == 1:
                return self.send_error(500)
            if path == f"{COLUMN}/busy.html" and seen == 1:
                self.send_response(429)
                self.send_header("Retry-After", "1")
                self.end_headers()
                return None
            if path == f"{COLUMN}/slow.html":
                time.sleep(HANG_SECONDS)
                return self.send_error(504)
            if path == f"{COLUMN}/loop.html":
                self.send_response(302)
                self.send_header("Location", f"{COLUMN}/loop.html?again={seen}")
                self.end_headers()
                return None
            if path == f"{COLUMN}/elsewhere.html":
                self.send_response(301)
                self.send_header("Location", "ftp://127.0.0.1/report.txt")
                self.end_headers()
                return None
            if path == f"{COLUMN}/huge.html":
                return self.send_body(b"<html><body>" + b"x" * HUGE_BYTES + b"</body></html>", "text/html")
            if path == f"{COLUMN}/binary.html":
                return self.send_body(bytes(range(256)) * 64, "text/html")
            if path not in site.content:
                return self.send_error(404)
            return self.send_body(*site.content[path])

        def send_body(self, body: bytes, content_type: str) -> None:
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                site.not_modified[self.path] += 1
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    return Handler


class QuietServer(ThreadingHTTPServer):
    """Clients that give up (timeouts, bodies too large) are expected here: no tracebacks."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        return


def start(port: int = 0) -> tuple[ThreadingHTTPServer, DemoSite]:
    """Serve the site on 127.0.0.1 in a background thread; port 0 picks a free one."""
    site = DemoSite()
    server = QuietServer(("127.0.0.1", port), handler_for(site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, site


def sources_toml(port: int) -> str:
    return f"""[fetch]
allow_private_addresses = true
delay_seconds = 0
read_timeout = 2
retries = 2
backoff_seconds = 0.1

[[source]]
name = "demo"
start_url = "http://127.0.0.1:{port}{COLUMN}/index.html"
max_pages = 5
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8765)
    port = parser.parse_args().port
    server, _ = start(port)
    print(f"demo site on http://127.0.0.1:{port}{COLUMN}/index.html — try it with this sources file:\n")
    print(sources_toml(port))
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
