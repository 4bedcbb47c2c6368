"""Alembic environment for the laptop store; run through salesdesk.db.migrate, not by hand."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from salesdesk.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
        with engine.connect() as conn:
            _run(conn)
    else:
        _run(connection)


def _include_name(name: str | None, type_: str, parent_names: object) -> bool:
    # The FTS5 search index and its shadow tables are made by SQL, not by the models:
    # autogenerate must never propose dropping them.
    return not (type_ == "table" and name is not None and name.startswith("customer_fts"))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_name=_include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
