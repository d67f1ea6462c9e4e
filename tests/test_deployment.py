"""The deployment as its operator runs it: `fazhi run` from cron and `dg dev` (webserver and
daemon) on one persistent instance in FAZHI_HOME, the schedule scraping the sites of FAZHI_SOURCES
and the sensor after it loading what the scrape brought. Everything goes through processes and
the webserver's GraphQL, as the UI does; nothing calls the pipeline's functions directly."""

from pathlib import Path

import duckdb
import pytest

from tests.dagster_ui import dg_dev, environment, wait_for_run
from tests.demo_site import GOOD_REPORTS, sources_toml, start
from tests.processes import run_tool

pytestmark = pytest.mark.slow
RUN_SECONDS = 420
ASSET_NODES = (
    "{ assetNodes { assetKey { path } description kinds owners { ... on TeamAssetOwner { team } } } }"
)
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
    run = run_tool("fazhi", "run", env=deployed(home))
    assert run.returncode == 0, run.stderr[-3000:]
    return home


def deployed(home: Path) -> dict[str, str]:
    """The environment of the deployment: its home, its instance and its sources file."""
    return environment(home, FAZHI_SOURCES=str(home / "sites.toml"))


@pytest.fixture(scope="module")
def webserver(home):
    """`dg dev` as `make dev` starts it (the shipped dagster.yaml in DAGSTER_HOME)."""
    with dg_dev(deployed(home)) as webserver:
        yield webserver


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
    build = wait_for_run(webserver, "build_warehouse", "build_after_scrape", RUN_SECONDS)
    assert build["status"] == "SUCCESS"
    pages = wait_for_run(webserver, "render_pages", "pages_after_build", RUN_SECONDS)
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
