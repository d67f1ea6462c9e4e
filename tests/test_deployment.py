"""The deployment as its operator runs it: `fazhi run` from cron and `dg dev` (webserver and
daemon) on one persistent instance in FAZHI_HOME, the schedule scraping the sites of FAZHI_SOURCES
and the sensor after it loading what the scrape brought. Everything goes through processes and
the webserver's GraphQL, as the UI does; nothing calls the pipeline's functions directly."""

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from tests.demo_site import GOOD_REPORTS, sources_toml, start
from tests.processes import ROOT, VENV, free_port, run_tool, start_server, stop, tool

pytestmark = pytest.mark.slow
STARTUP_SECONDS = 180
RUN_SECONDS = 420
RESET_SIGNALS = (
    "import os, signal, sys\n"
    "for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT): signal.signal(s, signal.SIG_DFL)\n"
    "os.execvp(sys.argv[1], sys.argv[1:])\n"
)
LOCATION = """{ workspaceOrError { ... on Workspace { locationEntries { name
  locationOrLoadError { ... on RepositoryLocation { repositories { name } } ... on PythonError { message } }
} } } }"""
ASSET_NODES = (
    "{ assetNodes { assetKey { path } description kinds owners { ... on TeamAssetOwner { team } } } }"
)
RUNS = """query ($job: String!) { runsOrError(filter: {pipelineName: $job}) { ... on Runs { results {
  runId status startTime endTime tags { key value } } } } }"""
MATERIALIZATIONS = """query ($path: [String!]!) { assetOrError(assetKey: {path: $path}) {
  ... on Asset { assetMaterializations(limit: 10) { runId } } } }"""
START_SENSOR = """mutation ($selector: SensorSelector!) { startSensor(sensorSelector: $selector) {
  __typename ... on Sensor { sensorState { status } } ... on PythonError { message } } }"""
DRY_RUN = """mutation ($selector: ScheduleSelector!, $timestamp: Float) {
  scheduleDryRun(selectorData: $selector, timestamp: $timestamp) { __typename
  ... on DryRunInstigationTick { evaluationResult { skipReason error { message }
    runRequests { runKey jobName runConfigYaml tags { key value } } } }
  ... on PythonError { message } } }"""
LAUNCH = """mutation ($params: ExecutionParams!) { launchRun(executionParams: $params) { __typename
  ... on LaunchRunSuccess { run { runId } } ... on PythonError { message } } }"""
SUNDAY_BEFORE_A_TICK = 1_772_323_200.0  # 2026-03-01 00:00 UTC: next tick Monday 2 March, 06:00 Beijing


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


@pytest.fixture(scope="module")
def site():
    server, _ = start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def home(tmp_path_factory, site) -> Path:
    """A FAZHI_HOME whose sources file lists the test site; the samples loaded by `fazhi run`."""
    home = tmp_path_factory.mktemp("home")
    (home / "sites.toml").write_text(sources_toml(site), encoding="utf-8")
    run = run_tool("fazhi", "run", env=environment(home))
    assert run.returncode == 0, run.stderr[-3000:]
    return home


def environment(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "FAZHI_HOME": str(home),
        "DAGSTER_HOME": str(home / "dagster"),
        "FAZHI_SOURCES": str(home / "sites.toml"),
    }


@pytest.fixture(scope="module")
def webserver(home):
    """`dg dev` as `make dev` starts it (the shipped dagster.yaml in DAGSTER_HOME)."""
    shutil.copyfile(ROOT / "orchestration" / "dagster.yaml", home / "dagster" / "dagster.yaml")
    port = free_port()
    command = [
        sys.executable,
        "-c",
        RESET_SIGNALS,
        tool("dg"),
        "dev",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    server = start_server(command, {**environment(home), "VIRTUAL_ENV": str(VENV)})
    try:
        yield wait_until_up(port, server)
    finally:
        stop(server)


def wait_for_run(webserver: Webserver, job: str, sensor: str) -> dict:
    """The finished run of `job` that `sensor` requested."""
    deadline = time.monotonic() + RUN_SECONDS
    while time.monotonic() < deadline:
        for run in webserver.runs(job):
            tags = {t["key"]: t["value"] for t in run["tags"]}
            if tags.get("dagster/sensor_name") == sensor and run["status"] in {"SUCCESS", "FAILURE"}:
                return run
        time.sleep(2)
    raise TimeoutError(f"no {job} run from {sensor}")


def test_the_asset_graph_with_kinds_and_owners(webserver):
    nodes = webserver.query(ASSET_NODES)["assetNodes"]
    by_key = {"/".join(n["assetKey"]["path"]): n for n in nodes}
    assert {
        "raw_documents",
        "documents",
        "indicator_facts",
        "terms",
        "warehouse",
        "rendered_notebooks",
    } <= set(by_key)
    assert "star schema" in by_key["warehouse"]["description"]
    assert "duckdb" in by_key["warehouse"]["kinds"]
    assert {"team": "fazhi"} in by_key["warehouse"]["owners"]


def test_a_cli_run_shows_in_the_ui_with_its_materializations(webserver):
    runs = [r for r in webserver.runs("build_everything") if r["status"] == "SUCCESS"]
    assert len(runs) == 1
    answer = webserver.query(MATERIALIZATIONS, path=["warehouse"])["assetOrError"]
    assert [m["runId"] for m in answer["assetMaterializations"]] == [runs[0]["runId"]]


def test_the_schedule_scrapes_the_sites_and_the_sensor_loads_them(webserver, home):
    started = webserver.query(START_SENSOR, selector=webserver.selector(sensorName="build_after_scrape"))
    assert started["startSensor"]["sensorState"]["status"] == "RUNNING"
    schedule = webserver.selector(scheduleName="scrape_weekly_in_reporting_season")
    tick = webserver.query(DRY_RUN, selector=schedule, timestamp=SUNDAY_BEFORE_A_TICK)["scheduleDryRun"]
    requests = tick["evaluationResult"]["runRequests"]
    assert [r["runKey"] for r in requests] == ["20260302-demo"]
    for request in requests:
        params = {
            "selector": webserver.selector(jobName="scrape_sources"),
            "runConfigData": request["runConfigYaml"],
            "executionMetadata": {"tags": request["tags"]},
        }
        assert webserver.query(LAUNCH, params=params)["launchRun"]["__typename"] == "LaunchRunSuccess"
    build = wait_for_run(webserver, "build_warehouse", "build_after_scrape")
    assert build["status"] == "SUCCESS"
    pages = wait_for_run(webserver, "render_pages", "pages_after_build")
    assert pages["status"] == "SUCCESS"
    assert pages["startTime"] >= build["endTime"]
    overview = (home / "reports" / "overview.html").read_text(encoding="utf-8")
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as warehouse:
        (reports,) = warehouse.sql("SELECT count(*) FROM dim_document").fetchone() or (0,)
    assert f"{reports} 份报告" in overview  # the page shows the warehouse the build published
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as warehouse:
        sources = warehouse.sql("SELECT source FROM document_source WHERE source LIKE 'http%'").fetchall()
        errors = warehouse.sql("SELECT source FROM load_error").fetchall()
    assert {Path(s).stem for (s,) in sources} == GOOD_REPORTS - {"binary"}
    assert {Path(s).stem for (s,) in errors} == {"binary"}
