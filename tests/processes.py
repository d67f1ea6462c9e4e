"""Servers the slow tests start as real processes (dg dev, JupyterLab) and the browser they use."""

import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(sys.executable).parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(server: subprocess.Popen) -> None:
    """Stop a server started in its own session, and everything it started."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def tool(name: str) -> str:
    """A command installed in the project's environment (dg, pyright, jupyter, fazhi)."""
    return str(Path(sys.executable).with_name(name))


def run_tool(name: str, *args: str, env: dict[str, str] | None = None, timeout: float = 600):
    """Run a tool of the environment in the project, as `make` would (the venv named), and capture it."""
    environment = {**os.environ, "VIRTUAL_ENV": str(VENV), **(env or {})}
    return subprocess.run(
        [tool(name), *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def start_server(command: list[str], env: dict[str, str]) -> subprocess.Popen:
    """A server in its own session (so `stop` ends it and everything it starts), output discarded."""
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
