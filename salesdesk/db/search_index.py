"""Keeps the customer full-text index (``customer_fts``) in step with customers and contacts.

The index is maintained in Python, not by triggers, because its tokens need pinyin. An
``after_flush`` listener reindexes every customer whose row or contacts a flush touched, inside
the same transaction, so the index can never disagree with committed data. Sync and import use
the same listener; :func:`rebuild` reindexes everything (after a restore or a bulk load).
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from salesdesk.db.models import Contact, Customer
from salesdesk.domain.search_tokens import document_tokens, sort_key

CREATE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS customer_fts USING fts5("
    "tokens, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')"
)


def _hex(value: uuid.UUID | str) -> str:
    return value.hex if isinstance(value, uuid.UUID) else uuid.UUID(value).hex


def reindex(conn: sqlite3.Connection, customer_ids: Iterable[uuid.UUID | str]) -> None:
    """Recomputes the index entries of the given customers (deleted ones are removed)."""
    for cid in {_hex(c) for c in customer_ids}:
        row = conn.execute(
            "SELECT name, short_name, phone, deleted_at FROM customers WHERE id = ?", (cid,)
        ).fetchone()
        doc = conn.execute("SELECT rowid FROM search_doc WHERE customer_id = ?", (cid,)).fetchone()
        if doc is not None:
            conn.execute("DELETE FROM customer_fts WHERE rowid = ?", (doc[0],))
        if row is None or row[3] is not None:
            if doc is not None:
                conn.execute("DELETE FROM search_doc WHERE rowid = ?", (doc[0],))
            continue
        if doc is None:
            rowid = conn.execute(
                "INSERT INTO search_doc (customer_id) VALUES (?)", (cid,)
            ).lastrowid
        else:
            rowid = doc[0]
        contacts = conn.execute(
            "SELECT name, mobile, landline FROM contacts"
            " WHERE customer_id = ? AND deleted_at IS NULL",
            (cid,),
        ).fetchall()
        conn.execute("UPDATE customers SET sort_key = ? WHERE id = ?", (sort_key(row[0]), cid))
        tokens = document_tokens(
            [row[0], row[1], *(c[0] for c in contacts)],
            [row[2], *(c[1] for c in contacts), *(c[2] for c in contacts)],
        )
        conn.execute("INSERT INTO customer_fts (rowid, tokens) VALUES (?, ?)", (rowid, tokens))


def rebuild(conn: sqlite3.Connection) -> None:
    """Rebuilds the whole index from the customers and contacts tables."""
    conn.execute("DELETE FROM customer_fts")
    conn.execute("DELETE FROM search_doc")
    ids = [r[0] for r in conn.execute("SELECT id FROM customers WHERE deleted_at IS NULL")]
    reindex(conn, ids)


def _raw(session: Session) -> sqlite3.Connection:
    dbapi = session.connection().connection.dbapi_connection
    assert isinstance(dbapi, sqlite3.Connection)
    return dbapi


def _touched_customers(session: Session) -> set[uuid.UUID]:
    ids: set[uuid.UUID] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Customer):
            ids.add(obj.id)
        elif isinstance(obj, Contact):
            ids.add(obj.customer_id)
            old = inspect(obj).attrs["customer_id"].history.deleted
            ids.update(o for o in old if o is not None)
    return ids


def _after_flush(session: Session, flush_context: Any) -> None:
    if not session.info.get("search_index", False):
        return
    ids = _touched_customers(session)
    if ids:
        reindex(_raw(session), ids)


def install(session_class: type[Session]) -> None:
    if not event.contains(session_class, "after_flush", _after_flush):
        event.listen(session_class, "after_flush", _after_flush)
