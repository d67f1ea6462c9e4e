"""Dagster's SQLite storage for the instance, keeping one SQLAlchemy engine per database file.

Dagster's SQLite event log creates a new engine every time it opens a connection, and an asset
event opens four (the run's file twice, the cross-run index twice), so SQLAlchemy compiles every
statement afresh each time: 8-12 ms an event on this project's 2-core VM, when a 16-batch
`fazhi run` records about 420 events and an inbox sensor's one-report build about 120. A kept
engine keeps its compiled statements (5.9-6.7 ms an event in the same microbenchmark). The
connections themselves are opened and closed per use as before (NullPool, as Dagster has them, so
that the webserver, the daemon and the runs share the files in any number of processes); only the
engine is kept, at most KEPT_ENGINES of them, the least recently used dropped first, since a
long-lived webserver reads the files of many runs.

Configured in orchestration/dagster.yaml as the instance's `storage` (the runs and schedules are
Dagster's own SQLite storages, over the same files as Dagster's default `sqlite` storage).
"""

import os
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from dagster._core.storage.event_log import SqliteEventLogStorage
from dagster._core.storage.sql import create_engine
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from dagster._core.storage.sqlite_storage import DagsterSqliteStorage
from dagster._serdes import ConfigurableClassData
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

KEPT_ENGINES = 32


class KeptEngineEventLogStorage(SqliteEventLogStorage):
    """Dagster's run-sharded SQLite event log, its connections made by a kept engine per shard."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None) -> None:
        self._engines: OrderedDict[str, Engine] = OrderedDict()
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

    def dispose(self) -> None:
        super().dispose()
        with self._db_lock:
            while self._engines:
                self._engines.popitem()[1].dispose()


class KeptEngineSqliteStorage(DagsterSqliteStorage):
    """Dagster's `sqlite` storage (runs, event log, schedules under base_dir), its event log the one
    above. The event log Dagster's constructor makes is replaced before anything uses it."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None) -> None:
        super().__init__(base_dir, inst_data)
        self._event_log_storage = KeptEngineEventLogStorage(os.path.join(base_dir, "history", "runs", ""))

    @classmethod
    def from_config_value(
        cls, inst_data: ConfigurableClassData, config_value: Mapping[str, Any]
    ) -> "KeptEngineSqliteStorage":
        os.makedirs(config_value["base_dir"], exist_ok=True)
        return cls(config_value["base_dir"], inst_data=inst_data)
