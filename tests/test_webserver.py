"""The Dagster webserver serves the code location: the asset graph read through GraphQL."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
STARTUP_SECONDS = 120
RESET_SIGNALS = (
    "import os, signal, sys\n"
    "for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT): signal.signal(s, signal.SIG_DFL)\n"
    "os.execvp(sys.argv[1], sys.argv[1:])\n"
)
ASSET_NODES = "{ assetNodes { assetKey { path } description } }"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"webserver exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError("webserver did not start")


@pytest.fixture
def webserver(tmp_path):
    """dagster-webserver on a free loopback port; signals reset so that it can be stopped here."""
    port = free_port()
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "FAZHI_HOME": str(tmp_path / "data")}
    binary = str(Path(sys.executable).with_name("dagster-webserver"))
    command = [
        sys.executable,
        "-c",
        RESET_SIGNALS,
        binary,
        "-m",
        "orchestration.definitions",
        "-h",
        "127.0.0.1",
        "-p",
        str(port),
    ]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        wait_until_up(port, server)
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_asset_graph_through_graphql(webserver):
    nodes = graphql(webserver, ASSET_NODES)["data"]["assetNodes"]
    by_key = {"/".join(n["assetKey"]["path"]): n for n in nodes}
    assert {
        "raw_documents",
        "documents",
        "indicator_facts",
        "terms",
        "themes",
        "warehouse",
        "rendered_notebooks",
    } <= set(by_key)
    assert "star schema" in by_key["warehouse"]["description"]
