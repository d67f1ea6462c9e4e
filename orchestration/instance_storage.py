"""Dagster's SQLite storage for the instance, keeping one SQLAlchemy engine per database file.

Dagster's SQLite storages create a new engine every time they open a connection, so SQLAlchemy
compiles every statement afresh each time; and the event log asks at every asset event whether
the index has a table, through one more engine and connection. An event cost 10-16 ms on this
project's 2-core VM, when a 16-batch `fazhi run` records about 420 events and an inbox sensor's
one-report build about 120. Here the engines are kept (with their compiled statements) and a
table once found is remembered (migrations only ever add tables): 7-9 ms an event.

The connections are still opened and closed per use (NullPool, as Dagster has them, so that the
webserver, the daemon and the runs share the files from any number of processes). That matters:
closing the last connection is when SQLite writes a run's events from its WAL into the run's
file, and the webserver shows a run's log live by watching that file. The event log keeps at most
KEPT_ENGINES engines, the least recently used dropped first, since a long-lived webserver reads
the files of many runs.

Configured in orchestration/dagster.yaml as the instance's `storage`: Dagster's `sqlite` storage,
the same files, with these two storages in it.
"""

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cached_property
from typing import Any

from dagster._core.storage.event_log import SqliteEventLogStorage
from dagster._core.storage.runs import SqliteRunStorage
from dagster._core.storage.schedules import SqliteScheduleStorage
from dagster._core.storage.sql import create_engine
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


class KeptEngineEventLogStorage(SqliteEventLogStorage):
    """Dagster's run-sharded SQLite event log, its connections made by a kept engine per shard."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None) -> None:
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        self._tables_found: set[str] = set()
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
