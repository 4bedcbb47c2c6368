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
A big batch (an initial sync brings thousands of customers at once) is merged with the index
in one ordered pass instead, its documents sharing each gap evenly.

A pull of many pages defers the documents its pages touch (:func:`defer`) and rebuilds them
once, with its last page (:func:`catch_up`): HQ sends rows in version order, so one customer's
contacts can be spread over dozens of pages, and rebuilding its document on each of them cost
more than the rest of the sync.
"""

from __future__ import annotations

import bisect
import sqlite3
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from salesdesk.db import state
from salesdesk.db.models import Contact, Customer
from salesdesk.domain.search_tokens import document_tokens, sort_key

CREATE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS customer_fts USING fts5("
    "tokens, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')"
)


# Rowid distance between consecutive documents after a rebuild: room for 32 insertions at
# one spot before a local renumbering, and for ~2 billion documents in a 63-bit rowid.
SPACING = 1 << 32



# Deferred documents rebuilt per :func:`reindex` call: the batch's documents are held in
# memory until placed, so a whole book's worth (an initial sync of a big book) goes in parts.
_CATCH_UP_BATCH = 5000


def _hex(value: uuid.UUID | str) -> str:
    return value.hex if isinstance(value, uuid.UUID) else uuid.UUID(value).hex


# Ids per ``IN (...)`` list: far below SQLite's bound-parameter limit on every version.
_CHUNK = 500

# A batch is placed by merging it with the whole index when it has at least one live
# document per this many indexed ones (an initial sync, a big import page): one ordered scan
# then costs less than looking up the neighbours of every document.
_MERGE_RATIO = 256


def _chunks(ids: list[str]) -> Iterable[tuple[list[str], str]]:
    for start in range(0, len(ids), _CHUNK):
        part = ids[start : start + _CHUNK]
        yield part, ",".join("?" * len(part))


def _contacts(conn: sqlite3.Connection, ids: list[str]) -> dict[str, list[tuple[str, str, str]]]:
    """The live contacts of many customers, in one query per chunk, each customer's in rowid
    order (the order :func:`rebuild`'s table scan sees them in, so the tokens are equal)."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for part, marks in _chunks(ids):
        for cid, name, mobile, landline in conn.execute(
            "SELECT customer_id, name, mobile, landline FROM contacts"
            f" WHERE customer_id IN ({marks}) AND deleted_at IS NULL ORDER BY customer_id, rowid",
            part,
        ):
            found.setdefault(cid, []).append((name, mobile, landline))
    return found


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
    Customers, documents and contacts are read with one query per chunk of ids, whatever the
    batch's size; a big batch is placed in one merge with the index (:func:`_merge_slots`).
    """
    ids = sorted({_hex(c) for c in customer_ids})
    rows: dict[str, tuple[Any, ...]] = {}
    for part, marks in _chunks(ids):
        for cid, *row in conn.execute(
            "SELECT id, name, short_name, phone, deleted_at, sort_key FROM customers"
            f" WHERE id IN ({marks})",
            part,
        ):
            rows[cid] = tuple(row)
    docs = _drop_documents(conn, ids)
    live = [cid for cid in ids if cid in rows and rows[cid][3] is None]
    if not live:
        return
    contacts = _contacts(conn, live)
    entries: list[tuple[str, str, str]] = []  # (sort key, id, tokens): list order once sorted
    stale_keys: list[tuple[str, str]] = []
    for cid in live:
        name, short_name, phone, _, stored_key = rows[cid]
        people = contacts.get(cid, ())
        tokens = document_tokens(  # before sort_key: the name's pinyin is then cached
            [name, short_name, *(c[0] for c in people)],
            [phone, *(c[1] for c in people), *(c[2] for c in people)],
        )
        key = sort_key(name)
        if key != stored_key:
            stale_keys.append((key, cid))
        entries.append((key, cid, tokens))
    if stale_keys:
        conn.executemany("UPDATE customers SET sort_key = ? WHERE id = ?", stale_keys)
    entries.sort()
    slots = _merge_slots(conn, entries)
    if slots is None:
        for key, cid, tokens in entries:
            _insert(conn, _place(conn, key, cid, docs.get(cid)), cid, tokens)
        return
    placed = sorted(
        (rowid, cid, tokens) for rowid, (_, cid, tokens) in zip(slots, entries, strict=True)
    )
    conn.executemany("INSERT INTO search_doc (rowid, customer_id) VALUES (?, ?)",
                     [(rowid, cid) for rowid, cid, _ in placed])
    # In rowid order: FTS5 appends to its pending segment instead of flushing on every row.
    conn.executemany("INSERT INTO customer_fts (rowid, tokens) VALUES (?, ?)",
                     [(rowid, tokens) for rowid, _, tokens in placed])


def _drop_documents(conn: sqlite3.Connection, ids: list[str]) -> dict[str, int]:
    """Removes the documents of these customers (hex ids); returns where they were."""
    docs: dict[str, int] = {}
    for part, marks in _chunks(ids):
        docs.update(
            conn.execute(
                f"SELECT customer_id, rowid FROM search_doc WHERE customer_id IN ({marks})", part
            )
        )
    if docs:
        old = [(rowid,) for rowid in docs.values()]
        conn.executemany("DELETE FROM customer_fts WHERE rowid = ?", old)
        conn.executemany("DELETE FROM search_doc WHERE rowid = ?", old)
    return docs


def defer(conn: sqlite3.Connection, customer_ids: Iterable[uuid.UUID | str]) -> None:
    """Records customers whose documents :func:`catch_up` must rebuild, instead of now.

    Their documents stay as they were (a new customer has none) until then. Written in the
    caller's transaction, with the rows that made them stale: a crash loses neither.
    """
    ids = sorted({_hex(c) for c in customer_ids})
    if not ids:
        return
    state.add_deferred(conn, ",".join(ids))  # a list in ``sync_state``, never rewritten


def deferred(conn: sqlite3.Connection) -> set[str]:
    """The customers (hex ids) whose documents wait for :func:`catch_up`."""
    ids: set[str] = set()
    for value in state.deferred_raw(conn):
        ids.update(value.split(","))
    return ids


def catch_up(conn: sqlite3.Connection, customer_ids: Iterable[uuid.UUID | str] = ()) -> int:
    """Reindexes the deferred customers and ``customer_ids``, each once, and empties the list;
    returns how many customers were reindexed.

    A deferred customer that is gone meanwhile (evicted, deleted) just loses its document,
    as in :func:`reindex`.
    """
    ids = sorted(deferred(conn) | {_hex(c) for c in customer_ids})
    state.clear_deferred(conn)
    # All their documents go first, as in reindex's first pass: one left for a later batch
    # (a gone customer's, or one whose place changed) would misplace this batch's.
    _drop_documents(conn, ids)
    for start in range(0, len(ids), _CATCH_UP_BATCH):
        reindex(conn, ids[start : start + _CATCH_UP_BATCH])
    return len(ids)


def catch_up_session(session: Session) -> int:
    """:func:`catch_up` in a session's transaction (at start-up: a pull left some behind)."""
    return catch_up(_raw(session))


def _insert(conn: sqlite3.Connection, rowid: int, cid: str, tokens: str) -> None:
    if conn.execute("SELECT 1 FROM search_doc WHERE rowid = ?", (rowid,)).fetchone():
        # Only an index out of step with its customers can get here (a document whose
        # customer vanished without a reindex). Never fail the write over it: append the
        # document after the last one; its place in name order is restored by rebuild().
        rowid = int(conn.execute("SELECT max(rowid) FROM search_doc").fetchone()[0]) + SPACING
    conn.execute("INSERT INTO search_doc (rowid, customer_id) VALUES (?, ?)", (rowid, cid))
    conn.execute("INSERT INTO customer_fts (rowid, tokens) VALUES (?, ?)", (rowid, tokens))


def _merge_slots(conn: sqlite3.Connection, entries: list[tuple[str, str, str]]) -> list[int] | None:
    """Rowids for a big batch of documents (sorted by sort key and id), found by walking the
    index once; None for a small batch, or when some gap is too narrow for the documents that
    fall into it (then each is placed on its own, renumbering around it).

    The documents falling between two indexed neighbours share that gap evenly; those after
    the last one get :data:`SPACING` apart, as :func:`rebuild` numbers them. A stale document
    (its customer gone) is no neighbour, as in :func:`_neighbours`, but its rowid is never
    handed out: a document that would land on it goes after the last one instead.
    """
    limit = len(entries) * _MERGE_RATIO
    indexed = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM search_doc LIMIT ?)", (limit + 1,)
    ).fetchone()[0]
    if indexed > limit:
        return None
    fences: list[tuple[str, str]] = []
    fence_rowids: list[int] = []
    taken: set[int] = set()
    top = 0
    for rowid, key, cid in conn.execute(
        "SELECT d.rowid, c.sort_key, c.id FROM search_doc d"
        " LEFT JOIN customers c ON c.id = d.customer_id ORDER BY d.rowid"
    ):
        taken.add(rowid)
        top = rowid
        if cid is not None:
            fences.append((key, cid))
            fence_rowids.append(rowid)
    slots: list[int] = []
    i, previous = 0, -1
    while i < len(entries):
        at = bisect.bisect_left(fences, entries[i][:2])
        if at <= previous:
            return None  # the index is out of list order: no gap can be trusted
        previous = at
        j = i + 1
        while j < len(entries) and bisect.bisect_left(fences, entries[j][:2], lo=at) == at:
            j += 1
        count = j - i
        lo = fence_rowids[at - 1] if at > 0 else 0
        if at == len(fences):
            step = SPACING
        else:
            step = (fence_rowids[at] - lo) // (count + 1)
            if step < 1:
                return None
        slots.extend(lo + step * (k + 1) for k in range(count))
        i = j
    for k, rowid in enumerate(slots):
        if rowid in taken:
            top = max(top, *slots) + SPACING
            slots[k] = top
    return slots


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
