"""The laptop's ``sync_state`` table (key → text): the one home of its keys, and of reading and
writing them.

What the laptop knows about its sync lives here (docs/SYNC.md): who it is at HQ, its clock,
how far it has pulled and pushed, whose store it is, and the search documents a pull deferred.
Three ways in, for the three kinds of caller:

* :func:`read` / :func:`write`: through the session's unit of work, for the outbox listener
  (``db/outbox.py``), which runs inside a flush of the user's own session;
* :func:`get` / :func:`put` / :func:`flush`: one query per transaction and one statement for
  what changed, for the sync store writer (``sync/laptop/store.py``), whose sessions live for one
  transaction (the cache is kept in ``session.info``);
* functions on a sqlite3 connection, for the readers and the search index.

Importing this module imports no SQLAlchemy (the readers paint the first list before it is
loaded, see ``db/readers.py``); the functions on a session import it when called.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

CLIENT_ID = "client_id"
"""This laptop's id at HQ (a UUIDv7, made on first use); also its HLC node."""
HLC = "hlc"
"""The laptop's hybrid logical clock, as last stamped or set from HQ's."""
PULL_CURSOR = "pull_cursor"
"""The pull's position (a ``Cursor`` as JSON): its version is what the laptop has of HQ's
data, and each outbox entry records it (``OutboxEntry.seen``)."""
ACKED_OP_ID = "acked_op_id"
"""The last outbox op id HQ answered and the laptop acknowledged."""
CONFLICTS_SINCE = "conflicts_since"
"""The id of the last conflict notice received."""
USER_ID = "user_id"
"""Whose store this is at HQ (bound at the first login; a store never changes hands)."""
USERNAME = "username"
ROLE = "role"
"""The bound user's role (``sales`` or ``hq``), from the login."""
LAST_SYNC_AT = "last_sync_at"
"""When the last pull completed (ISO time, UTC)."""
SEARCH_DEFERRED = ("search_deferred:", "search_deferred;")
"""The range ``[first, end)`` of keys listing customers whose search documents wait for
``search_index.catch_up``: one key per ``defer`` call (``search_deferred:00000001``, ...), its
value the ids as comma-separated hex (';' follows ':')."""


# --- through the unit of work ---------------------------------------------------------------


def read(session: Session, key: str) -> str | None:
    from salesdesk.db.models import SyncState

    row = session.get(SyncState, key)
    return None if row is None else row.value


def write(session: Session, key: str, value: str) -> None:
    """Sets ``key`` in the session (written with its next flush)."""
    from salesdesk.db.models import SyncState

    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


# --- cached for one transaction -------------------------------------------------------------


def _cache(session: Session) -> dict[str, str]:
    """All of ``sync_state`` in one query per transaction (it is a handful of rows), but for
    the search documents a pull deferred (thousands of ids, read by the search index)."""
    cache: dict[str, str] | None = session.info.get("sync_state")
    if cache is None:
        from sqlalchemy import or_, select

        from salesdesk.db.models import SyncState

        first, end = SEARCH_DEFERRED
        cache = {
            k: v
            for k, v in session.execute(
                select(SyncState.key, SyncState.value).where(
                    or_(SyncState.key < first, SyncState.key >= end)
                )
            )
        }
        session.info["sync_state"] = cache
        session.info["sync_state_dirty"] = set()
    return cache


def get(session: Session, key: str) -> str | None:
    return _cache(session).get(key)


def put(session: Session, key: str, value: str) -> None:
    """Sets ``key`` for this transaction; :func:`flush` writes it."""
    cache = _cache(session)
    if cache.get(key) != value:
        cache[key] = value
        session.info["sync_state_dirty"].add(key)


def flush(session: Session) -> None:
    """Writes what :func:`put` changed, in one statement."""
    dirty: set[str] = session.info.get("sync_state_dirty", set())
    if not dirty:
        return
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    from salesdesk.db.models import SyncState

    cache = session.info["sync_state"]
    stmt = sqlite_insert(SyncState)
    stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value})
    session.execute(stmt, [{"key": k, "value": cache[k]} for k in sorted(dirty)])
    dirty.clear()


# --- on a sqlite3 connection ----------------------------------------------------------------


def read_raw(conn: sqlite3.Connection, keys: Iterable[str]) -> dict[str, str]:
    """The values of those of ``keys`` that are set."""
    wanted = list(keys)
    marks = ", ".join("?" * len(wanted))
    return dict(
        conn.execute(f"SELECT key, value FROM sync_state WHERE key IN ({marks})", wanted)
    )


def add_deferred(conn: sqlite3.Connection, value: str) -> None:
    """Appends a list to :data:`SEARCH_DEFERRED` (never rewriting one: a page costs what it
    touched)."""
    first, end = SEARCH_DEFERRED
    last = conn.execute(
        "SELECT key FROM sync_state WHERE key >= ? AND key < ? ORDER BY key DESC LIMIT 1",
        (first, end),
    ).fetchone()
    number = int(last[0][len(first):]) + 1 if last else 1
    conn.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?)", (f"{first}{number:08d}", value)
    )


def deferred_raw(conn: sqlite3.Connection) -> list[str]:
    """The values of the :data:`SEARCH_DEFERRED` lists."""
    return [
        value
        for (value,) in conn.execute(
            "SELECT value FROM sync_state WHERE key >= ? AND key < ?", SEARCH_DEFERRED
        )
    ]


def clear_deferred(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM sync_state WHERE key >= ? AND key < ?", SEARCH_DEFERRED)
