"""Alembic environment for HQ's database; run through ``salesdesk-hq migrate``."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import create_engine

from salesdesk.hq.schema import metadata

config = context.config


def _run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
        with engine.begin() as conn:
            _run(conn)
    else:
        _run(connection)


run_migrations_online()
