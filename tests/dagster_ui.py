"""`dg dev` (webserver and daemon) as `make dev` starts it on a FAZHI_HOME, and the webserver's
GraphQL as the UI uses it: for the deployment tests and the benchmark of a report dropped into
the inbox."""

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.processes import ROOT, VENV, free_port, start_server, stop, tool

STARTUP_SECONDS = 180
# dg dev starts with the default signal handlers, whatever this process inherited (a background
# job ignores SIGINT), so that `stop` ends it and the webserver and daemon it started.
RESET_SIGNALS = (
    "import os, signal, sys\n"
    "for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT): signal.signal(s, signal.SIG_DFL)\n"
    "os.execvp(sys.argv[1], sys.argv[1:])\n"
)
LOCATION = """{ workspaceOrError { ... on Workspace { locationEntries { name
  locationOrLoadError { ... on RepositoryLocation { repositories { name } } ... on PythonError { message } }
} } } }"""
RUNS = """query ($job: String!) { runsOrError(filter: {pipelineName: $job}) { ... on Runs { results {
  runId status startTime endTime tags { key value } } } } }"""
SENSOR_TICKS = """query ($selector: SensorSelector!) { sensorOrError(sensorSelector: $selector) {
  ... on Sensor { sensorState { ticks(limit: 20) { timestamp status runIds } } } } }"""


class Webserver:
    """GraphQL of the webserver on 127.0.0.1, with the code location's selector."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.location = ""
        self.repository = ""

    def query(self, text: str, **variables: object) -> dict:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/graphql",
            data=json.dumps({"query": text, "variables": variables}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
        assert "errors" not in answer, answer["errors"]
        return answer["data"]

    def selector(self, **names: str) -> dict:
        return {"repositoryLocationName": self.location, "repositoryName": self.repository, **names}

    def runs(self, job: str) -> list[dict]:
        return self.query(RUNS, job=job)["runsOrError"]["results"]

    def sensor_ticks(self, sensor: str) -> list[dict]:
        answer = self.query(SENSOR_TICKS, selector=self.selector(sensorName=sensor))["sensorOrError"]
        return answer["sensorState"]["ticks"]


def wait_until_up(port: int, server: subprocess.Popen) -> Webserver:
    """The webserver answers and its code location has loaded."""
    webserver = Webserver(port)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"dg dev exited with {server.returncode}")
        try:
            entries = webserver.query(LOCATION)["workspaceOrError"]["locationEntries"]
        except OSError:
            entries = []
        loaded = [e for e in entries if (e["locationOrLoadError"] or {}).get("repositories")]
        if loaded:
            webserver.location = loaded[0]["name"]
            webserver.repository = loaded[0]["locationOrLoadError"]["repositories"][0]["name"]
            return webserver
        time.sleep(1)
    raise TimeoutError("the webserver's code location did not load")


def environment(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "FAZHI_HOME": str(home), "DAGSTER_HOME": str(home / "dagster"), **extra}


@contextmanager
def dg_dev(env: dict[str, str]) -> Iterator[Webserver]:
    """`dg dev` on the instance of env's DAGSTER_HOME with the shipped dagster.yaml, stopped at exit."""
    dagster_home = Path(env["DAGSTER_HOME"])
    dagster_home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "orchestration" / "dagster.yaml", dagster_home / "dagster.yaml")
    port = free_port()
    command = [sys.executable, "-c", RESET_SIGNALS, tool("dg"), "dev", "--host", "127.0.0.1"]
    command += ["--port", str(port)]
    server = start_server(command, {**env, "VIRTUAL_ENV": str(VENV)})
    try:
        yield wait_until_up(port, server)
    finally:
        stop(server)


def wait_for_run(webserver: Webserver, job: str, sensor: str, seconds: float, after: float = 0.0) -> dict:
    """The first finished run of `job` that `sensor` requested, started after `after` (epoch s)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for run in reversed(webserver.runs(job)):
            tags = {t["key"]: t["value"] for t in run["tags"]}
            finished = run["status"] in {"SUCCESS", "FAILURE"}
            if tags.get("dagster/sensor_name") == sensor and finished and (run["startTime"] or 0) > after:
                return run
        time.sleep(0.5)
    raise TimeoutError(f"no {job} run from {sensor}")
