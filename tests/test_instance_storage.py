"""The instance's SQLite storage (orchestration/instance_storage.py): Dagster's files and behaviour,
with the engines kept."""

import logging
import threading
import time

import dagster as dg
import pytest
from dagster._core.events.log import EventLogEntry
from dagster._core.utils import make_new_run_id

from orchestration import instance_storage
from orchestration.instance import fazhi_instance
from orchestration.instance_storage import KeptEngineEventLogStorage


@dg.asset
def counted() -> int:
    return 1


@pytest.fixture(autouse=True)
def fresh_instance(monkeypatch, tmp_path):
    """Each test on an instance of its own (fazhi_instance copies the shipped dagster.yaml into it)."""
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))


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
