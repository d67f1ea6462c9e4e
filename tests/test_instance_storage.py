"""The instance's SQLite storage (orchestration/instance_storage.py): Dagster's files and behaviour,
with the engines kept."""

import logging
import threading
import time

import dagster as dg
import pytest
import sqlalchemy as db
from dagster._core.events.log import EventLogEntry
from dagster._core.storage.event_log import SqlEventLogStorage
from dagster._core.storage.event_log.schema import (
    AssetCheckExecutionsTable,
    AssetEventTagsTable,
    AssetKeyTable,
    SqlEventLogStorageTable,
)
from dagster._core.utils import make_new_run_id
from sqlalchemy import event as sqlalchemy_event

from orchestration import instance_storage
from orchestration.instance import fazhi_instance
from orchestration.instance_storage import KeptEngineEventLogStorage


@dg.asset
def counted() -> int:
    return 1


QUARTERS = dg.StaticPartitionsDefinition(["q1", "q2", "q3", "q4"])
HALVES = ("left", "right", "summed")


@dg.multi_asset(
    partitions_def=QUARTERS,
    outs={"left": dg.AssetOut(), "right": dg.AssetOut()},
    check_specs=[dg.AssetCheckSpec("positive", asset="left")],
)
def halves():
    """Two outputs and a check per partition; Dagster tags each materialisation with its data
    version, the one tag the index keeps."""
    yield dg.Output(1, "left")
    yield dg.Output(2, "right")
    yield dg.AssetCheckResult(check_name="positive", asset_key="left", passed=True)


@dg.asset(partitions_def=QUARTERS, deps=["right"])
def summed() -> int:
    return 3


@pytest.fixture(autouse=True)
def fresh_instance(monkeypatch, tmp_path):
    """Each test on an instance of its own (fazhi_instance copies the shipped dagster.yaml into it)
    and without the batch size the storage sets."""
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    monkeypatch.setenv("DAGSTER_EVENT_BATCH_SIZE", "0")
    monkeypatch.delenv("DAGSTER_EVENT_BATCH_SIZE")


def test_the_shipped_instance_records_runs_that_another_instance_reads():
    with fazhi_instance() as instance:
        assert isinstance(instance.event_log_storage, KeptEngineEventLogStorage)
        result = dg.materialize([counted], instance=instance)
        assert result.success
    with fazhi_instance() as reader:
        records = reader.fetch_materializations(dg.AssetKey("counted"), limit=5).records
        assert [record.run_id for record in records] == [result.run_id]
        kinds = {
            entry.dagster_event_type for entry in reader.all_logs(result.run_id) if entry.is_dagster_event
        }
        assert {dg.DagsterEventType.RUN_SUCCESS, dg.DagsterEventType.ASSET_MATERIALIZATION} <= kinds
        assert reader.get_run_by_id(result.run_id).status == dg.DagsterRunStatus.SUCCESS


def test_at_most_kept_engines_are_kept(monkeypatch):
    monkeypatch.setattr(instance_storage, "KEPT_ENGINES", 3)
    with fazhi_instance() as instance:
        for _ in range(5):
            assert dg.materialize([counted], instance=instance).success
        storage = instance.event_log_storage
        assert isinstance(storage, KeptEngineEventLogStorage)
        assert len(storage._engines) == 3
        runs = instance.get_runs()
        assert len(runs) == 5
        assert all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)  # older runs read again


def test_a_watcher_sees_the_events_another_instance_writes():
    """The webserver shows a run's log live by watching the run's database file, which SQLite
    writes when the last connection to it closes: the engines are kept, the connections are not."""
    run_id, seen, all_seen = make_new_run_id(), [], threading.Event()

    def message(text: str) -> EventLogEntry:
        return EventLogEntry(None, logging.INFO, text, run_id, time.time())

    def callback(entry: EventLogEntry, _cursor: str | None) -> None:
        seen.append(entry.user_message)
        if len(seen) == 3:
            all_seen.set()

    with fazhi_instance() as watcher, fazhi_instance() as writer:
        writer.event_log_storage.store_event(message("first"))
        watcher.event_log_storage.watch(run_id, None, callback)
        try:
            for text in ("second", "third"):
                writer.event_log_storage.store_event(message(text))
            assert all_seen.wait(30), f"the watcher saw only {seen}"
        finally:
            watcher.event_log_storage.end_watch(run_id, callback)
    assert seen == ["first", "second", "third"]


def stored(instance: dg.DagsterInstance, run_id: str) -> dict[str, object]:
    """What a run left in the storage, without the ids and times that differ between two runs."""
    kinds = [entry.dagster_event_type for entry in instance.all_logs(run_id) if entry.is_dagster_event]
    storage = instance.event_log_storage
    assert isinstance(storage, SqlEventLogStorage)
    events, tags = SqlEventLogStorageTable.c, AssetEventTagsTable.c
    assets, checks = AssetKeyTable.c, AssetCheckExecutionsTable.c
    with storage.index_connection() as connection:

        def rows(*columns: db.ColumnElement) -> list[str]:
            return sorted(map(str, connection.execute(db.select(*columns)).fetchall()))

        index = {
            "index": rows(events.dagster_event_type, events.partition),
            "tags": rows(tags.asset_key, tags.key),
            "assets": rows(assets.asset_key, assets.last_run_id == run_id),
            "checks": rows(checks.check_name, checks.partition, checks.execution_status),
        }
    materialized = {key: sorted(instance.get_materialized_partitions(dg.AssetKey(key))) for key in HALVES}
    return {"kinds": sorted(map(str, kinds)), **index, "partitions": materialized}


def every_quarter(instance: dg.DagsterInstance) -> str:
    """One run materialising every partition, as a `fazhi run` covers every batch."""
    range_tags = {"dagster/asset_partition_range_start": "q1", "dagster/asset_partition_range_end": "q4"}
    job = dg.materialize(
        [halves, summed], instance=instance, tags=range_tags, resources={"io_manager": dg.mem_io_manager}
    )
    assert job.success
    return job.run_id


def test_events_written_in_batches_leave_what_dagster_storage_leaves(tmp_path):
    """A run over four partitions on the shipped storage, which asks Dagster for its batches of
    events and writes each in two transactions, and the same run on Dagster's own SQLite storage."""
    with fazhi_instance() as instance:
        ours = stored(instance, every_quarter(instance))
    (tmp_path / "dagster-own").mkdir()
    with dg.DagsterInstance.local_temp(str(tmp_path / "dagster-own")) as instance:
        theirs = stored(instance, every_quarter(instance))
    assert ours == theirs
    assert ours["partitions"] == dict.fromkeys(HALVES, QUARTERS.get_partition_keys())


def test_a_batch_of_events_opens_fewer_connections(monkeypatch, tmp_path):
    """The point of the batches; DAGSTER_EVENT_BATCH_SIZE=0, set by the user, turns them off."""
    opened = {"count": 0}

    def count(*_: object) -> None:
        opened["count"] += 1

    def connections_of_a_run(home: str) -> int:
        monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / home))
        with fazhi_instance() as instance:
            opened["count"] = 0
            every_quarter(instance)
            return opened["count"]

    sqlalchemy_event.listen(db.engine.Engine, "engine_connect", count)
    try:
        batched = connections_of_a_run("batched")
        monkeypatch.setenv("DAGSTER_EVENT_BATCH_SIZE", "0")
        one_by_one = connections_of_a_run("one-by-one")
    finally:
        sqlalchemy_event.remove(db.engine.Engine, "engine_connect", count)
    assert batched < one_by_one * 0.8, (batched, one_by_one)
