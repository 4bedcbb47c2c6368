"""Declarative base, naming convention and the sync-ready mixin every shared row uses."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, MetaData, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from salesdesk.db.types import UTCDateTime
from salesdesk.domain.clock import utcnow
from salesdesk.domain.ids import uuid7

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """Columns of every row that travels between laptop and HQ (docs/SYNC.md).

    * ``id``: a UUIDv7 made where the row is created, so a retried push is the same row.
    * ``created_at``/``updated_at``: UTC, for people; the merge uses the outbox's clock, not these.
    * ``deleted_at``: a tombstone; deleted rows stay so a stale edit can never resurrect them.
    * ``server_version``: the HQ version this copy was last pulled at (0 if never synced).
    """

    __sync_entity__: str  # the entity's wire name; equals the table name
    __sync_local__: frozenset[str] = frozenset()  # derived columns that never travel

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    server_version: Mapped[int] = mapped_column(BigInteger, default=0)

    # Columns that are bookkeeping, never sent as field changes.
    SYNC_EXCLUDED = frozenset({"created_at", "updated_at", "server_version"})
