"""PostgreSQL housekeeping shared by the tests and the sync benchmark."""

from __future__ import annotations

import time

import psycopg


def drop_database(conn: psycopg.Connection, name: str) -> None:
    """Drops a test database, ending this role's sessions on it first.

    Not ``WITH (FORCE)``: that refuses outright when an autovacuum worker (not this role's
    process) is on the database, which happens after a test writes a lot. A plain ``DROP``
    stops autovacuum itself; it is retried while a session of ours is still closing.
    """
    conn.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = %s AND usename = current_user AND pid <> pg_backend_pid()",
        (name,),
    )
    for attempt in range(50):
        try:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            return
        except psycopg.errors.ObjectInUse:
            if attempt == 49:
                raise
            time.sleep(0.1)
