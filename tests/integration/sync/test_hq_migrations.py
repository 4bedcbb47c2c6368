"""HQ's Alembic migrations build exactly the schema its code declares, on both databases."""

from __future__ import annotations

import uuid

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert

from salesdesk.hq import schema
from salesdesk.hq.db import committed_version, migrate, next_version, open_database
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
            empty = committed_version(conn)
        # SQLite counts from 0; PostgreSQL's versions are transaction ids (plus an offset).
        assert empty == 0 if db.is_sqlite else empty > 0
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


def test_a_restored_postgresql_database_keeps_versions_growing(pg_url):
    """After a dump is restored into a new cluster, transaction ids start low again; the
    versions already handed out (and the cursors laptops hold) must stay below new ones."""
    url, drop = fresh_pg_database(pg_url)
    try:
        migrate(url)
        db = open_database(url)
        try:
            with db.write() as conn:
                handed_out = next_version(conn) + 1_000_000  # as if from a busier cluster
                conn.execute(insert(schema.sync_row).values(
                    entity="customers", row_id=uuid.uuid4(), version=handed_out,
                    customer_id=None,
                ))
            with db.read() as conn:
                assert committed_version(conn) < handed_out  # the "restored" state
            migrate(url)  # what every serve start runs
            with db.read() as conn:
                assert committed_version(conn) >= handed_out
            with db.write() as conn:
                assert next_version(conn) > handed_out
            migrate(url)  # nothing more to do: the offset stays
            with db.write() as conn:
                later = next_version(conn)
            assert handed_out < later < handed_out + 1000
        finally:
            db.dispose()
    finally:
        drop()
