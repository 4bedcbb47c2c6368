"""HQ's database: engines for PostgreSQL or SQLite by URL, transactions, versions, migrations.

Every write transaction stamps the rows it touches with one *version*, and a pull serves rows
with ``version <= committed_version()``. The one rule that makes a pull cursor never skip a
row: when a reader sees committed version ``v``, every transaction that will ever stamp a
version ``<= v`` has already committed (and is visible to it).

* PostgreSQL: the version is the writing transaction's id (``pg_current_xact_id()``) plus a
  fixed offset, and ``committed_version`` is one below the oldest transaction id still running
  in the reader's snapshot (plus the offset): every transaction with a lower id has finished,
  and one that starts later gets a higher id. A long transaction delays what pulls see, never
  hides a row. No lock is shared by writers, so pushes from many laptops merge and commit in
  parallel. (A transaction id is assigned when a transaction first writes, never reused, and
  only grows; ``xid8`` is 64 bits wide, so it does not wrap.) The offset, kept in
  ``sync_counter.seq``, keeps versions above every version already handed out: after a
  database is restored into a new cluster (whose transaction ids start low again),
  :func:`migrate` raises it.
* SQLite: ``BEGIN IMMEDIATE`` serialises writers, and the version comes from the counter row
  ``sync_counter.seq``, incremented by each write transaction just before it commits.

Reads of a pull run in one snapshot (``REPEATABLE READ`` on PostgreSQL, a deferred ``BEGIN``
on SQLite's WAL).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, select, text, update
from sqlalchemy.engine import make_url

from salesdesk.hq import schema

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
TEST_DELAY_ENV = "SALESDESK_HQ_TEST_TXN_DELAY_MS"
"""Test hook: sleep this long inside each write transaction, after taking the version."""


def default_url() -> str:
    """A SQLite file in HQ's data directory, so ``salesdesk-hq serve`` works on a fresh machine."""
    from platformdirs import user_data_dir

    path = Path(user_data_dir("salesdesk-hq", appauthor=False)) / "hq.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def normalize_url(url: str) -> str:
    """Lets people write ``postgresql://`` and still get the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


Rendered = dict[tuple[str, str, int], str]
"""JSON texts of company-wide rows this process has written for pulls, by (entity, id,
version): see :func:`salesdesk.hq.pull_json.rows_json`."""


@dataclass
class Database:
    """The engines of one HQ database: :meth:`write` transactions and snapshot :meth:`read`s."""

    url: str
    writer: Engine
    reader: Engine
    is_sqlite: bool
    rendered: Rendered = field(default_factory=dict)

    def dispose(self) -> None:
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self.writer.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.reader.begin() as conn:
            yield conn


def _sqlite_engine(url: str, begin: str) -> Engine:
    engine = create_engine(url, pool_size=8, max_overflow=8, pool_pre_ping=False)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, record: Any) -> None:
        dbapi_connection.isolation_level = None
        for pragma in (
            "PRAGMA journal_mode = WAL",
            "PRAGMA foreign_keys = ON",
            "PRAGMA busy_timeout = 30000",
            "PRAGMA synchronous = NORMAL",
        ):
            dbapi_connection.execute(pragma)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(begin)

    return engine


def open_database(url: str | None = None, *, pool_size: int = 10) -> Database:
    """Connects to HQ's database by URL (no URL: the SQLite file in the data directory)."""
    url = normalize_url(url or default_url())
    if make_url(url).get_backend_name() == "sqlite":
        return Database(
            url, _sqlite_engine(url, "BEGIN IMMEDIATE"), _sqlite_engine(url, "BEGIN"), True
        )
    # No pre-ping: it costs a round trip per request; recycling handles server-side timeouts.
    # Statements are prepared on first use, not psycopg's fifth: the statement texts are few
    # and fixed (bulk writes and id lists travel as arrays), so each is parsed once per
    # connection. random_page_cost 1.1 (the default 4 prices spinning disks): a push finds
    # 1,000 rows by id, and the default plan reads a table of tens of thousands of rows whole.
    connect_args: dict[str, Any] = {
        "prepare_threshold": 0, "options": "-c random_page_cost=1.1",
    }
    options: dict[str, Any] = {
        "pool_size": pool_size, "max_overflow": pool_size, "pool_recycle": 1800,
    }
    writer = create_engine(url, connect_args=connect_args, **options)
    # Its own pool, isolation set once per connection rather than on every checkout.
    reader = create_engine(
        url, isolation_level="REPEATABLE READ", connect_args=connect_args, **options
    )
    for engine in (writer, reader):
        event.listen(engine, "connect", _binary_lists)
    return Database(url, writer, reader, False)


def _binary_lists(dbapi_connection: Any, record: Any) -> None:
    """Python lists (the id lists of :func:`salesdesk.hq.bulk.ids_in`) travel as binary
    arrays: psycopg's text form formats each element in Python, ~1.8 ms per 1,000 UUIDs
    against ~0.3 ms, and a push sends two such lists per entity it writes."""
    from psycopg.types.array import ListBinaryDumper

    dbapi_connection.adapters.register_dumper(list, ListBinaryDumper)


_PG_NEXT = text("SELECT pg_current_xact_id()::text::bigint + seq FROM sync_counter WHERE id = 1")
_PG_COMMITTED = text(
    """
    SELECT coalesce(
        (SELECT min(x::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
          WHERE NOT EXISTS (
              SELECT 1 FROM pg_stat_activity AS a
               WHERE a.backend_xid IS NOT NULL
                 AND a.datname IS DISTINCT FROM current_database()
                 AND a.backend_xid::text::bigint = x::text::bigint % 4294967296)),
        pg_snapshot_xmax(pg_current_snapshot())::text::bigint
    ) - 1 + seq
    FROM sync_counter WHERE id = 1
    """
)
"""The snapshot's oldest transaction still running, less one (plus the offset), ignoring
transactions seen running in *other* databases of the cluster (they write no sync rows). One
that finished since the snapshot cannot be placed and counts as ours: that only delays rows."""


def next_version(conn: Connection) -> int:
    """This write transaction's version.

    On SQLite it takes the counter, whose write lock is held until commit: call it last,
    just before commit (see :meth:`salesdesk.hq.writes.WriteTx.flush`).
    """
    if conn.dialect.name == "postgresql":
        seq = conn.execute(_PG_NEXT).scalar_one()
    else:
        seq = conn.execute(
            update(schema.sync_counter)
            .where(schema.sync_counter.c.id == 1)
            .values(seq=schema.sync_counter.c.seq + 1)
            .returning(schema.sync_counter.c.seq)
        ).scalar_one()
    delay = os.environ.get(TEST_DELAY_ENV)
    if delay:
        time.sleep(int(delay) / 1000)
    return int(seq)


def committed_version(conn: Connection) -> int:
    """The highest version every transaction of which has committed and is visible to this
    (snapshot) transaction."""
    if conn.dialect.name == "postgresql":
        return int(conn.execute(_PG_COMMITTED).scalar_one())
    return int(
        conn.execute(
            select(schema.sync_counter.c.seq).where(schema.sync_counter.c.id == 1)
        ).scalar_one()
    )


def rebase_versions(conn: Connection) -> int:
    """PostgreSQL: raises the version offset if versions already handed out are not below
    this cluster's transaction ids (a database restored into a new cluster). Returns the
    offset. Run only while no server writes (:func:`migrate`, before serving)."""
    if conn.dialect.name != "postgresql":
        return 0
    highest = max(
        int(conn.execute(text(f"SELECT coalesce(max(version), 0) FROM {table}")).scalar_one())
        for table in ("sync_row", "assignment_event", "conflict")
    )
    xid = int(conn.execute(text("SELECT pg_current_xact_id()::text::bigint")).scalar_one())
    offset = int(conn.execute(text("SELECT seq FROM sync_counter WHERE id = 1")).scalar_one())
    if xid + offset <= highest:
        offset = highest - xid + 1
        conn.execute(text("UPDATE sync_counter SET seq = :o WHERE id = 1"), {"o": offset})
    return offset


# --- migrations ----------------------------------------------------------------------------


def _alembic_config(url: str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(url: str | None = None) -> None:
    """Brings HQ's database to the newest schema (safe to run on every start)."""
    from alembic import command

    url = normalize_url(url or default_url())
    db = open_database(url)
    try:
        with db.writer.begin() as conn:
            cfg = _alembic_config(url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            rebase_versions(conn)
    finally:
        db.dispose()
