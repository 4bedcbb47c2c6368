"""Keeps the customer full-text index (``customer_fts``) in step with customers and contacts.

The index is maintained in Python, not by triggers, because its tokens need pinyin. An
``after_flush`` listener reindexes every customer whose row or contacts a flush touched, inside
the same transaction, so the index can never disagree with committed data. Sync and import use
the same listener; :func:`rebuild` reindexes everything (after a restore or a bulk load).

Documents are numbered in list order: a document's rowid (shared by ``search_doc`` and
``customer_fts``) increases with ``(customers.sort_key, customers.id)``. FTS5 yields matches in
rowid order, so the first page of a search sorted by name is simply the first matches streamed
from the index: nothing has to look up and sort every match (a one-character search can match
tens of thousands of customers). A new or renamed customer takes a rowid between its
neighbours'; when two neighbours are adjacent, a few documents around them are renumbered.
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


# Rowid distance between consecutive documents after a rebuild: room for 32 insertions at
# one spot before a local renumbering, and for ~2 billion documents in a 63-bit rowid.
SPACING = 1 << 32


def _hex(value: uuid.UUID | str) -> str:
    return value.hex if isinstance(value, uuid.UUID) else uuid.UUID(value).hex


def _tokens(conn: sqlite3.Connection, cid: str, row: tuple[Any, ...]) -> str:
    contacts = conn.execute(
        "SELECT name, mobile, landline FROM contacts WHERE customer_id = ? AND deleted_at IS NULL",
        (cid,),
    ).fetchall()
    return document_tokens(
        [row[0], row[1], *(c[0] for c in contacts)],
        [row[2], *(c[1] for c in contacts), *(c[2] for c in contacts)],
    )


def _neighbours(conn: sqlite3.Connection, key: str, cid: str) -> tuple[int, int | None]:
    """Rowids of the indexed documents just before and just after ``(key, cid)`` in list order."""
    lo = hi = None
    for other, rowid in conn.execute(
        "SELECT c.id, d.rowid FROM customers c JOIN search_doc d ON d.customer_id = c.id"
        " WHERE c.sort_key = ?",
        (key,),
    ):
        if other < cid and (lo is None or rowid > lo):
            lo = rowid
        elif other > cid and (hi is None or rowid < hi):
            hi = rowid
    if lo is None:
        row = conn.execute(
            "SELECT max(d.rowid) FROM search_doc d JOIN customers c ON c.id = d.customer_id"
            " WHERE c.sort_key = (SELECT c2.sort_key FROM customers c2"
            "  JOIN search_doc d2 ON d2.customer_id = c2.id"
            "  WHERE c2.sort_key < ? ORDER BY c2.sort_key DESC LIMIT 1)",
            (key,),
        ).fetchone()
        lo = row[0] if row and row[0] is not None else 0
    if hi is None:
        row = conn.execute(
            "SELECT min(d.rowid) FROM search_doc d JOIN customers c ON c.id = d.customer_id"
            " WHERE c.sort_key = (SELECT c2.sort_key FROM customers c2"
            "  JOIN search_doc d2 ON d2.customer_id = c2.id"
            "  WHERE c2.sort_key > ? ORDER BY c2.sort_key LIMIT 1)",
            (key,),
        ).fetchone()
        hi = row[0] if row else None
    return lo, hi


def _move(conn: sqlite3.Connection, moves: list[tuple[int, int]]) -> None:
    """Renumbers documents (old rowid → new rowid), through negative rowids to avoid clashes."""
    for old, _ in moves:
        conn.execute("UPDATE search_doc SET rowid = ? WHERE rowid = ?", (-old, old))
        conn.execute("UPDATE customer_fts SET rowid = ? WHERE rowid = ?", (-old, old))
    for old, new in moves:
        conn.execute("UPDATE search_doc SET rowid = ? WHERE rowid = ?", (new, -old))
        conn.execute("UPDATE customer_fts SET rowid = ? WHERE rowid = ?", (new, -old))


def _make_room(conn: sqlite3.Connection, lo: int, hi: int) -> int:
    """Spreads out the documents around the full gap ``(lo, hi)``; returns a free rowid in it.

    Renumbers a window of documents on both sides, widened until the window's fences (the
    first documents left in place) leave room for every document in it plus the new one.
    """
    width = 8
    while True:
        before = [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM search_doc WHERE rowid <= ? ORDER BY rowid DESC LIMIT ?",
                (lo, width + 1),
            )
        ][::-1]
        after = [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM search_doc WHERE rowid >= ? ORDER BY rowid LIMIT ?",
                (hi, width + 1),
            )
        ]
        fenced_lo, fenced_hi = len(before) > width, len(after) > width
        left = before[1:] if fenced_lo else before
        right = after[:-1] if fenced_hi else after
        count = len(left) + 1 + len(right)  # the documents to place, with the new one
        low = before[0] if fenced_lo else 0
        high = after[-1] if fenced_hi else max(after, default=hi) + SPACING * (count + 1)
        step = (high - low) // (count + 1)
        if step >= 2:
            break
        width *= 4
    slots = [low + step * (i + 1) for i in range(count)]
    _move(
        conn,
        [
            (o, n)
            for o, n in zip(left + right, slots[: len(left)] + slots[len(left) + 1 :], strict=True)
            if o != n
        ],
    )
    return slots[len(left)]


def _place(conn: sqlite3.Connection, key: str, cid: str, current: int | None) -> int:
    """The rowid a document must have to sit at ``(key, cid)`` in list order."""
    lo, hi = _neighbours(conn, key, cid)
    if current is not None and lo < current and (hi is None or current < hi):
        return current
    if hi is None:
        return lo + SPACING
    if hi - lo >= 2:
        return lo + (hi - lo) // 2
    return _make_room(conn, lo, hi)


def reindex(conn: sqlite3.Connection, customer_ids: Iterable[uuid.UUID | str]) -> None:
    """Recomputes the index entries of the given customers (deleted ones are removed).

    Two passes: first every given customer's document goes and its sort key is brought up to
    date, then the live ones are placed. Placing one customer must never see a stale document
    of another in the same batch (an evicted customer's, say), or two could claim one rowid.
    """
    ids = sorted({_hex(c) for c in customer_ids})
    live: list[tuple[str, tuple[Any, ...], str, int | None]] = []
    for cid in ids:
        row = conn.execute(
            "SELECT name, short_name, phone, deleted_at FROM customers WHERE id = ?", (cid,)
        ).fetchone()
        doc = conn.execute("SELECT rowid FROM search_doc WHERE customer_id = ?", (cid,)).fetchone()
        if doc is not None:
            conn.execute("DELETE FROM customer_fts WHERE rowid = ?", (doc[0],))
            conn.execute("DELETE FROM search_doc WHERE rowid = ?", (doc[0],))
        if row is None or row[3] is not None:
            continue
        key = sort_key(row[0])
        conn.execute("UPDATE customers SET sort_key = ? WHERE id = ?", (key, cid))
        live.append((cid, row, key, doc[0] if doc is not None else None))
    for cid, row, key, current in live:
        rowid = _place(conn, key, cid, current)
        if conn.execute("SELECT 1 FROM search_doc WHERE rowid = ?", (rowid,)).fetchone():
            # Only an index out of step with its customers can get here (a document whose
            # customer vanished without a reindex). Never fail the write over it: append the
            # document after the last one; its place in name order is restored by rebuild().
            rowid = int(conn.execute("SELECT max(rowid) FROM search_doc").fetchone()[0]) + SPACING
        conn.execute("INSERT INTO search_doc (rowid, customer_id) VALUES (?, ?)", (rowid, cid))
        conn.execute(
            "INSERT INTO customer_fts (rowid, tokens) VALUES (?, ?)",
            (rowid, _tokens(conn, cid, row)),
        )


def rebuild(conn: sqlite3.Connection) -> None:
    """Rebuilds the whole index from the customers and contacts tables, evenly numbered.

    Documents are built once, in any order, into a temporary table (memory stays flat on a big
    book), then numbered and indexed in list order.
    """
    conn.execute("DELETE FROM customer_fts")
    conn.execute("DELETE FROM search_doc")
    conn.execute("DROP TABLE IF EXISTS temp.rebuild_doc")
    conn.execute("CREATE TEMP TABLE rebuild_doc (sort_key TEXT, id TEXT, tokens TEXT)")
    contacts: dict[str, list[tuple[str, str, str]]] = {}
    for cid, name, mobile, landline in conn.execute(
        "SELECT customer_id, name, mobile, landline FROM contacts WHERE deleted_at IS NULL"
    ):
        contacts.setdefault(cid, []).append((name, mobile, landline))

    def docs() -> Iterable[tuple[str, str, str]]:
        for cid, name, short_name, phone in conn.execute(
            "SELECT id, name, short_name, phone FROM customers WHERE deleted_at IS NULL"
        ).fetchall():
            people = contacts.pop(cid, [])
            tokens = document_tokens(  # before sort_key: the name's pinyin is then cached
                [name, short_name, *(c[0] for c in people)],
                [phone, *(c[1] for c in people), *(c[2] for c in people)],
            )
            yield sort_key(name), cid, tokens

    conn.executemany("INSERT INTO temp.rebuild_doc VALUES (?, ?, ?)", docs())
    conn.execute("CREATE UNIQUE INDEX temp.rebuild_doc_id ON rebuild_doc (id)")
    conn.execute(
        "UPDATE customers SET sort_key = (SELECT r.sort_key FROM temp.rebuild_doc r"
        " WHERE r.id = customers.id) WHERE deleted_at IS NULL"
    )
    numbered = (
        "SELECT row_number() OVER (ORDER BY sort_key, id) * ? AS rid, id, tokens"
        " FROM temp.rebuild_doc"
    )
    conn.execute(
        f"INSERT INTO search_doc (rowid, customer_id) SELECT rid, id FROM ({numbered})",
        (SPACING,),
    )
    # In rowid order: FTS5 appends to its pending segment instead of flushing on every row.
    conn.execute(
        f"INSERT INTO customer_fts (rowid, tokens) SELECT rid, tokens FROM ({numbered})"
        " ORDER BY rid",
        (SPACING,),
    )
    conn.execute("DROP TABLE temp.rebuild_doc")


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
