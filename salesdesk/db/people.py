"""People queries: whose store this is, a user by id, everyone's name."""

from __future__ import annotations

import sqlite3
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesdesk.db import readers
from salesdesk.db.models import User


def bound_user(session: Session) -> tuple[str, str, str | None] | None:
    """Whose store this is (``readers.bound_user``), read inside the caller's transaction."""
    raw = session.connection().connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    return readers.bound_user(raw)


def get_user(session: Session, user_id: uuid.UUID) -> User | None:
    """A user row by id, deleted or inactive ones included (they may still hold customers)."""
    return session.get(User, user_id)


def people_names(session: Session) -> dict[str, str]:
    """Every person's name by id (as text, the way ids travel): whom a value names."""
    return {
        str(user_id): display or username
        for user_id, display, username in session.execute(
            select(User.id, User.display_name, User.username)
        )
    }
