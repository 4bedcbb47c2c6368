"""Engine and sessions for the laptop's SQLite store.

SQLite runs in WAL mode (readers never block the single writer), with foreign keys on and a
busy timeout. Python's sqlite3 module is told to stay out of transaction handling and SQLAlchemy
emits ``BEGIN IMMEDIATE`` itself, so a write transaction takes the write lock at its start and
never fails half-way on a lock upgrade.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from salesdesk.db import outbox, search_index

PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 10000",
    "PRAGMA synchronous = NORMAL",
)


def configure_connection(conn: sqlite3.Connection) -> None:
    """Applies the store's pragmas to a raw connection (also used by the read-only path)."""
    for pragma in PRAGMAS:
        conn.execute(pragma)


class LocalSession(Session):
    """A session on the laptop's store: writes the outbox and keeps the search index."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.info.setdefault("outbox", True)
        self.info.setdefault("search_index", True)


outbox.install(LocalSession)
search_index.install(LocalSession)


def _dump_json(value: Any) -> str:
    """JSON columns as UTF-8 text, not ``\\uXXXX`` escapes: Chinese text takes half the room in
    the store, and an outbox entry's changes go to HQ as stored."""
    return json.dumps(value, ensure_ascii=False)


def create_store_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True, json_serializer=_dump_json)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, connection_record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's BEGIN below owns transactions
        configure_connection(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def session_factory(engine: Engine) -> sessionmaker[LocalSession]:
    return sessionmaker(bind=engine, class_=LocalSession, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[LocalSession]) -> Iterator[LocalSession]:
    """One operation, one transaction: commits on success, rolls everything back on error."""
    session = factory()
    try:
        with session.begin():
            yield session
    finally:
        session.close()
