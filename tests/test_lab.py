"""The notebooks live in JupyterLab, started as `make lab` starts it (as root, the project's
Jupyter configuration, the warehouse of FAZHI_HOME): a real browser opens a notebook by its
path, runs every cell in a real kernel, and sees the charts drawn, with no network."""

import os
import re
import secrets
import shutil
import subprocess
import time
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import sample_load
from tests.processes import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, start_server, stop, tool
from warehouse.build import build_warehouse

pytestmark = pytest.mark.slow
STARTUP_SECONDS = 120
RUN_ALL_SECONDS = 240


@pytest.fixture(scope="module")
def lab(tmp_path_factory, sample_paths):
    home = tmp_path_factory.mktemp("lab_home")
    build_warehouse(home / "warehouse.duckdb", sample_load(sample_paths))  # the warehouse of FAZHI_HOME
    notebooks = home / "notebooks"  # a copy: saving from the browser never touches the project
    shutil.copytree(ROOT / "notebooks", notebooks)
    shutil.copyfile(ROOT / "jupytext.toml", notebooks / "jupytext.toml")
    port, token = free_port(), secrets.token_hex(16)
    command = [tool("jupyter"), "lab", f"--notebook-dir={notebooks}"]
    command += ["--ip=127.0.0.1", "--allow-root", "--no-browser", f"--port={port}"]
    command += [f"--IdentityProvider.token={token}", "--ServerApp.open_browser=False"]
    env = {**os.environ, "FAZHI_HOME": str(home), "JUPYTER_CONFIG_DIR": str(ROOT / ".jupyter")}
    env["JUPYTER_RUNTIME_DIR"] = str(home / "jupyter-runtime")
    server = start_server(command, env)
    try:
        wait_until_up(port, token, server)
        yield f"http://127.0.0.1:{port}", token
    finally:
        stop(server)


def wait_until_up(port: int, token: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError("jupyter lab did not start")


def test_a_notebook_opens_as_a_notebook_runs_and_shows_its_charts(lab):
    base, token = lab
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.route(re.compile(r"^(?!(?:http|ws)://127\.0\.0\.1:).*"), lambda route: route.abort())
        page = context.new_page()
        try:
            page.goto(f"{base}/lab/tree/overview.py?token={token}")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=STARTUP_SECONDS * 1000)
            assert page.locator(".jp-FileEditor").count() == 0  # a notebook, not Python text
            kernel_idle = page.get_by_text("Python 3 (ipykernel) | Idle")
            kernel_idle.wait_for(timeout=120_000)  # the kernel started and connected
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            charts = ".jp-OutputArea-output div.fazhi-chart div.fazhi-chart-view > svg"
            page.wait_for_selector(charts, state="attached", timeout=RUN_ALL_SECONDS * 1000)
            kernel_idle.wait_for(timeout=RUN_ALL_SECONDS * 1000)
            tracebacks = page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']")
            assert tracebacks.count() == 0, tracebacks.all_inner_texts()
            assert page.locator(charts).count() >= 2
            assert "省" in page.locator(charts).first.inner_html()  # Chinese labels drawn
        finally:
            browser.close()
