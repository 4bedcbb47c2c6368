"""HQ's database: engines for PostgreSQL or SQLite by URL, transactions, versions, migrations.

Writes take the next version from ``sync_counter`` as their *first* statement. The counter's
row lock is held until commit, so transactions get versions in commit order and a reader that
sees counter value ``v`` can see every row stamped ``<= v``; that is what lets a pull cursor
never skip a row, however many workers run. On SQLite, ``BEGIN IMMEDIATE`` gives the same order.
Reads of a pull run in one snapshot (``REPEATABLE READ`` on PostgreSQL, a deferred ``BEGIN``
on SQLite's WAL).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, select, update
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


@dataclass
class Database:
    """The engines of one HQ database: :meth:`write` transactions and snapshot :meth:`read`s."""

    url: str
    writer: Engine
    reader: Engine
    is_sqlite: bool

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
    writer = create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=1800)
    # Its own pool, isolation set once per connection rather than on every checkout.
    reader = create_engine(
        url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=1800,
        isolation_level="REPEATABLE READ",
    )
    return Database(url, writer, reader, False)


def next_version(conn: Connection) -> int:
    """Takes the next version; must be the first statement of a write transaction."""
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
    """The highest version whose transaction has committed (everything below is visible)."""
    return int(
        conn.execute(
            select(schema.sync_counter.c.seq).where(schema.sync_counter.c.id == 1)
        ).scalar_one()
    )


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
    finally:
        db.dispose()
