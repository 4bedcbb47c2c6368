"""HQ's Alembic migrations build exactly the schema its code declares, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from salesdesk.hq.db import committed_version, migrate, open_database
from salesdesk.hq.schema import metadata
from tests.integration.sync.conftest import fresh_pg_database


def _check(url: str) -> None:
    migrate(url)
    migrate(url)  # running it again is harmless (every serve start does)
    db = open_database(url)
    try:
        with db.writer.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diff == []
        with db.read() as conn:
            assert committed_version(conn) == 0
    finally:
        db.dispose()


def test_sqlite(tmp_path):
    _check(f"sqlite:///{tmp_path / 'hq.sqlite3'}")


def test_postgresql(pg_url):
    url, drop = fresh_pg_database(pg_url)
    try:
        _check(url)
    finally:
        drop()
