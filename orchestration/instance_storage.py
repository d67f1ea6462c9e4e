"""Dagster's SQLite storage for the instance, keeping one SQLAlchemy engine per database file.

Dagster's SQLite storages create a new engine every time they open a connection, so SQLAlchemy
compiles every statement afresh each time; and the event log asks at every asset event whether
the index has a table, through one more engine and connection. An event cost 10-16 ms on this
project's 2-core VM, when a 16-batch `fazhi run` records about 420 events and an inbox sensor's
one-report build about 120. Here the engines are kept (with their compiled statements) and a
table once found is remembered (migrations only ever add tables): 7-9 ms an event. And the
batches Dagster can hand a storage (a run's planned materialisations, 164 of them in a 16-batch
run, and each output's materialisations of its partitions) are written two transactions a batch,
not two an event, which Dagster's SQLite storage does not do (its Postgres storage does).

The connections are still opened and closed per use (NullPool, as Dagster has them, so that the
webserver, the daemon and the runs share the files from any number of processes). That matters:
closing the last connection is when SQLite writes a run's events from its WAL into the run's
file, and the webserver shows a run's log live by watching that file. The event log keeps at most
KEPT_ENGINES engines, the least recently used dropped first, since a long-lived webserver reads
the files of many runs.

Configured in orchestration/dagster.yaml as the instance's `storage`: Dagster's `sqlite` storage,
the same files, with these two storages in it.
"""

import os
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cached_property
from typing import Any

from dagster._core.events import ASSET_CHECK_EVENTS, ASSET_EVENTS, BATCH_WRITABLE_EVENTS
from dagster._core.events.log import EventLogEntry
from dagster._core.storage.event_log import SqliteEventLogStorage
from dagster._core.storage.runs import SqliteRunStorage
from dagster._core.storage.schedules import SqliteScheduleStorage
from dagster._core.storage.sql import create_engine
from dagster._core.storage.sqlalchemy_compat import db_result
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from dagster._core.storage.sqlite_storage import (
    DagsterSqliteStorage,
    _event_logs_directory,
    _runs_directory,
    _schedule_directory,
)
from dagster._serdes import ConfigurableClassData
from dagster._utils import mkdir_p
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

KEPT_ENGINES = 32
# Dagster hands a storage the events of a batch together (a run's planned materialisations, an
# output's partitions) only when DAGSTER_EVENT_BATCH_SIZE is set: the most it buffers before
# writing. A batch is made in one go (no step's work runs between its events).
EVENT_BATCH_SIZE = "10000"


class KeptEngineEventLogStorage(SqliteEventLogStorage):
    """Dagster's run-sharded SQLite event log, its connections made by a kept engine per shard and
    the events of a batch written together."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None) -> None:
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        self._tables_found: set[str] = set()
        os.environ.setdefault("DAGSTER_EVENT_BATCH_SIZE", EVENT_BATCH_SIZE)
        super().__init__(base_dir, inst_data)

    def _engine(self, shard: str) -> Engine:
        """Called under the storage's lock, as Dagster's own _connect is."""
        engine = self._engines.pop(shard, None)
        if engine is None:
            engine = create_engine(
                self.conn_string_for_shard(shard),
                poolclass=NullPool,
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
            )
        self._engines[shard] = engine
        while len(self._engines) > KEPT_ENGINES:
            self._engines.popitem(last=False)[1].dispose()
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine = self._engine(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as connection, connection.begin():
                yield connection

    def store_event_batch(self, events: Sequence[EventLogEntry]) -> None:
        """A batch of one run's events written as store_event writes each, in two transactions
        (the run's file, then the index) instead of two an event; the asset check events still
        one by one, as Dagster stores them through connections of their own."""
        runs = {event.run_id for event in events}
        kinds = {event.dagster_event_type for event in events}
        if len(runs) != 1 or not kinds <= BATCH_WRITABLE_EVENTS:
            super().store_event_batch(events)
            return
        with self.run_connection(runs.pop()) as connection:
            for event in events:
                connection.execute(self.prepare_insert_event(event))
        assets = [event for event in events if event.dagster_event_type in ASSET_EVENTS]
        if assets:
            with self.index_transaction() as connection:
                ids = [self._index_event(connection, event) for event in assets]
                self._store_asset_event_tags(connection, assets, ids)
                for event, event_id in zip(assets, ids, strict=True):
                    self._store_asset_event(connection, event, event_id)
        for event in events:
            if event.dagster_event_type in ASSET_CHECK_EVENTS:
                with self.index_connection() as connection:
                    event_id = self._index_event(connection, event)
                self.store_asset_check_event(event, event_id)

    def _index_event(self, connection: Connection, event: EventLogEntry) -> int:
        with db_result(connection, self.prepare_insert_event(event)) as result:
            return result.inserted_primary_key[0]

    def has_table(self, table_name: str) -> bool:
        """Asked at every asset event, with the storage's lock held (so Dagster's own answer, on an
        engine of its own, is kept rather than going through _connect): a table found is
        remembered, a missing one asked again."""
        if table_name not in self._tables_found:
            if not super().has_table(table_name):
                return False
            self._tables_found.add(table_name)
        return True

    def dispose(self) -> None:
        super().dispose()
        with self._db_lock:
            while self._engines:
                self._engines.popitem()[1].dispose()


class KeptEngineRunStorage(SqliteRunStorage):
    """Dagster's SQLite run storage (one file), its connections made by one kept engine."""

    @cached_property
    def _engine(self) -> Engine:
        return create_engine(self._conn_string, poolclass=NullPool)

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self._engine.connect() as connection, connection.begin():
            yield connection

    def dispose(self) -> None:
        super().dispose()
        self._engine.dispose()


class KeptEngineSqliteStorage(DagsterSqliteStorage):
    """Dagster's `sqlite` storage (runs, event log and schedules under base_dir) with the two
    storages above."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None) -> None:
        # Dagster's constructor with these classes (calling it would open each file a second time).
        self.base_dir = base_dir
        self._run_storage = KeptEngineRunStorage.from_local(_runs_directory(base_dir))
        self._event_log_storage = KeptEngineEventLogStorage(_event_logs_directory(base_dir))
        self._schedule_storage = SqliteScheduleStorage.from_local(_schedule_directory(base_dir))
        self._inst_data = inst_data
        super(DagsterSqliteStorage, self).__init__()

    @classmethod
    def from_config_value(
        cls, inst_data: ConfigurableClassData, config_value: Mapping[str, Any]
    ) -> "KeptEngineSqliteStorage":
        mkdir_p(config_value["base_dir"])
        return cls(config_value["base_dir"], inst_data=inst_data)
