"""A laptop's pull at HQ: one page of what changed after its cursor, from one snapshot, in
(version, entity, id) order, limited to what the user may see.

A keyset query over ``sync_row`` finds the page's keys (:func:`_index_query`, walking the
change log or starting from the user's customers, see :class:`_Walk`); then the rows are read
by id: on PostgreSQL as JSON texts the database writes (:mod:`salesdesk.hq.pull_json`),
elsewhere one query per entity. The page also says which customers left the user
(evictions) and which of their values lost a merge (conflicts) in the versions it covers.
"""

from __future__ import annotations

import enum
import json
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Select,
    Text,
    bindparam,
    cast,
    func,
    or_,
    select,
    text,
    tuple_,
    union_all,
)

from salesdesk.domain.entities import ENTITY, Kind
from salesdesk.domain.people import Role
from salesdesk.domain.wire import encode
from salesdesk.hq import schema
from salesdesk.hq.accounts import Actor, authenticate_in
from salesdesk.hq.answers import now_ms
from salesdesk.hq.bulk import ids_in
from salesdesk.hq.db import Database, Rendered, committed_version
from salesdesk.hq.pull_json import rows_json
from salesdesk.sync.protocol import Cursor, PullRequest


def pull_json(db: Database, token: str, req: PullRequest) -> bytes:
    """One page of a pull as the HTTP answer's body: checks the token in the page's own read
    transaction and writes the page's JSON (a :class:`PullPage`) directly, without a model
    per row.

    On PostgreSQL the database writes each row's JSON itself
    (:func:`salesdesk.hq.pull_json.row_json_sql`), so a 5,000-row page costs Python a string
    join, not 5,000 dictionaries to build and encode.
    """
    with db.read() as conn:
        as_json = conn.dialect.name == "postgresql"
        page = read_page(
            conn, authenticate_in(conn, token), req, as_json=as_json, rendered=db.rendered
        )
    cur = page.cursor
    body = {
        "rows": [] if as_json else [
            {"entity": entity, "id": str(row_id), "version": version,
             "deleted": fields.get("deleted_at") is not None, "fields": fields}
            for entity, row_id, version, fields in page.rows
        ],
        "evictions": [{"customer_id": str(c), "version": v} for c, v in page.evictions],
        "conflicts": [
            {"id": rec.id, "entity": rec.entity, "row_id": str(rec.row_id), "field": rec.field,
             "lost_value": rec.lost_value, "won_value": rec.won_value, "won_by": rec.won_by,
             "at_ms": int(rec.at.timestamp() * 1000)}
            for rec in page.conflicts
        ],
        "cursor": {"version": cur.version, "entity": cur.entity,
                   "id": None if cur.id is None else str(cur.id)},
        "upper": page.upper,
        "has_more": page.has_more,
        "server_time_ms": now_ms(),
    }
    text_body = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    if as_json:
        head, tail = text_body.split('"rows":[]', 1)
        text_body = head + '"rows":[' + ",".join(page.json_rows) + "]" + tail
    return text_body.encode()


@dataclass
class Page:
    """One page as read (:func:`read_page`): rows as (entity, id, version, encoded fields),
    or on PostgreSQL their JSON texts in ``json_rows``; evictions as (customer id, version);
    conflicts as ``conflict`` rows."""

    rows: list[tuple[str, uuid.UUID, int, dict[str, Any]]]
    evictions: list[tuple[uuid.UUID, int]]
    conflicts: list[Any]
    cursor: Cursor
    upper: int
    has_more: bool
    json_rows: list[str] = field(default_factory=list)


_CUSTOM_PLANS = text("SET LOCAL plan_cache_mode = force_custom_plan")
"""For a page's index statement (:func:`_index_query`): planned for its own values every
time. After five runs PostgreSQL would switch it to its generic plan, which for a new
salesperson's first page read 20-26 ms against 5-8 ms. A pull with nothing new reads no page
and keeps its few small statements' cached plans."""

_AUTO_PLANS = text("SET LOCAL plan_cache_mode = auto")
"""After the index statement: the rest of the pull (the rows by id from arrays, evictions,
conflicts) plan the same for any values, and PostgreSQL's cached generic plans save each
~0.2-1 ms of planning."""


def read_page(
    conn: Connection, actor: Actor, req: PullRequest, *, as_json: bool = False,
    rendered: Rendered | None = None,
) -> Page:
    """One page of ``req`` for ``actor`` inside the caller's read transaction (its snapshot).

    ``as_json`` (PostgreSQL only): the rows come as the database's JSON texts in
    :attr:`Page.json_rows` (:func:`salesdesk.hq.pull_json.rows_json`, with ``rendered``
    keeping company-wide rows' texts), not as values in :attr:`Page.rows`.
    """
    upper = page_upper(req.upper, committed_version(conn))
    cur = req.cursor
    keyed = cur.entity is not None and cur.id is not None
    scoped = actor.role is not Role.HQ
    rows: list[tuple[str, uuid.UUID, int, dict[str, Any]]] = []
    json_rows: list[str] = []
    last: Any = None
    has_more = False
    if not is_caught_up(cur, upper):
        if not scoped:
            walk = _Walk.ALL
        elif _holds_a_large_share(conn, actor.user_id):
            walk = _Walk.LOG
        else:
            walk = _Walk.CUSTOMERS
        if conn.dialect.name == "postgresql":
            conn.execute(_CUSTOM_PLANS)
        params = {
            "upper": upper, "after_version": cur.version, "after_entity": cur.entity,
            "after_id": cur.id, "user_id": actor.user_id, "limit": req.limit,
        }
        index = conn.execute(_index_query(walk, keyed, as_json), params).all()
        has_more = len(index) > req.limit
        index = index[: req.limit]
        if index:
            if as_json:
                conn.execute(_AUTO_PLANS)
                json_rows = [rows_json(conn, index, rendered)]
            else:
                rows = _fetch_rows(conn, index)
            last = index[-1]
    cursor, end_version = cursor_after(cur, upper, last if has_more else None)
    evictions: list[tuple[uuid.UUID, int]] = []
    window = {"user_id": actor.user_id, "after": cur.version, "upto": end_version}
    if scoped and end_version > cur.version:
        for rec in conn.execute(_EVICTIONS, window):
            evictions.append((rec.customer_id, int(rec.version)))
    conflicts: Sequence[Any] = []
    if end_version > cur.version:
        conflicts = conn.execute(_CONFLICTS, window).all()
    return Page(rows, evictions, list(conflicts), cursor, upper, has_more, json_rows)


def page_upper(requested: int | None, committed: int) -> int:
    """The last version a pull covers: what had committed when its first page was read (a
    later page sends that back as ``upper``), never beyond what has committed now."""
    return committed if requested is None else min(requested, committed)


def is_caught_up(cursor: Cursor, upper: int) -> bool:
    """Nothing can follow ``cursor`` up to ``upper``: it is at ``upper`` or beyond, and not
    keyed inside ``upper`` itself (rows of that version after its key may still follow)."""
    return cursor.version >= upper and (cursor.entity is None or cursor.version > upper)


def cursor_after(cursor: Cursor, upper: int, last: Any | None) -> tuple[Cursor, int]:
    """Where the next page starts and the last version this page covers (its window for
    evictions and conflicts): the page's ``last`` key (entity, row_id, version) when more
    rows follow, else ``upper`` (a cursor already beyond it stays where it is)."""
    if last is not None:
        return Cursor(version=last.version, entity=last.entity, id=last.row_id), int(last.version)
    return Cursor(version=max(upper, cursor.version)), upper


_SCOPE = schema.customers.alias("scope_customer")
"""The customers table as it decides who may see a row (aliased: customers join it too)."""

_current_owner = (
    select(_SCOPE.c.assigned_to_id)
    .where(_SCOPE.c.id == schema.assignment_event.c.customer_id)
    .scalar_subquery()
)
_EVICTIONS = (
    select(schema.assignment_event.c.customer_id, schema.assignment_event.c.version)
    .where(
        schema.assignment_event.c.from_user_id == bindparam("user_id"),
        schema.assignment_event.c.version > bindparam("after"),
        schema.assignment_event.c.version <= bindparam("upto"),
        or_(_current_owner.is_(None), _current_owner != bindparam("user_id")),
    )
    .order_by(schema.assignment_event.c.version)
)
"""Customers taken from ``:user_id`` in the window (``:after``, ``:upto``] and not theirs
again since."""

_CONFLICTS = (
    select(schema.conflict)
    .where(
        schema.conflict.c.lost_by_id == bindparam("user_id"),
        schema.conflict.c.version > bindparam("after"),
        schema.conflict.c.version <= bindparam("upto"),
    )
    .order_by(schema.conflict.c.version, schema.conflict.c.id)
)
"""Conflicts ``:user_id`` lost in the window, by version: ids come from a sequence, handed
out in an order commits need not follow, so "id > last seen" could skip one."""


class _Walk(enum.Enum):
    """How a pull finds the rows after its cursor."""

    ALL = "all"
    """HQ staff: the change log in order."""
    LOG = "log"
    """A user holding a good part of the customers: the change log in order, keeping their
    rows (a page reads little more than its own rows)."""
    CUSTOMERS = "customers"
    """Anyone else: starting from their customers, not from the company's change log (a new
    salesperson's first pull reads their own rows, not every row HQ ever versioned)."""


@cache
def _index_query(walk: _Walk, keyed: bool, text_ids: bool = False) -> Select[Any]:
    """The page's keys (entity, row_id, version) in order, one more than ``:limit``: rows up
    to version ``:upper`` after the cursor (``:after_version``, and within it after
    ``(:after_entity, :after_id)`` when ``keyed``) that ``:user_id`` may see. With
    ``text_ids`` the ids come as text, for :func:`rows_json` to send straight back (a
    ``uuid.UUID`` object per row would cost ~1.5 us to build, for nothing).

    Built once per shape, run with parameters: the statement and its compiled form are
    reused by every pull."""
    sr, cust = schema.sync_row, _SCOPE
    after: Any = bindparam("after_version", type_=sr.c.version.type)
    if keyed:
        start = tuple_(sr.c.version, sr.c.entity, sr.c.row_id) > tuple_(
            after,
            bindparam("after_entity", type_=sr.c.entity.type),
            bindparam("after_id", type_=sr.c.row_id.type),
        )
    else:
        start = sr.c.version > after
    conditions = (sr.c.version <= bindparam("upper", type_=sr.c.version.type), start)
    user = bindparam("user_id", type_=cust.c.assigned_to_id.type)
    cols = (sr.c.entity, sr.c.row_id, sr.c.version)
    query: Select[Any]
    if walk is _Walk.ALL:
        query = select(*cols).where(*conditions)
    elif walk is _Walk.LOG:
        query = (
            select(*cols)
            .select_from(sr.outerjoin(cust, cust.c.id == sr.c.customer_id))
            .where(*conditions, or_(sr.c.customer_id.is_(None), cust.c.assigned_to_id == user))
        )
    else:
        theirs = (
            select(*cols)
            .join(cust, cust.c.id == sr.c.customer_id)
            .where(cust.c.assigned_to_id == user, *conditions)
        )
        shared = select(*cols).where(sr.c.customer_id.is_(None), *conditions)
        query = select(union_all(theirs, shared).subquery())
    q = query.subquery("q")
    row_id = cast(q.c.row_id, Text).label("row_id") if text_ids else q.c.row_id
    return (
        select(q.c.entity, row_id, q.c.version)
        .order_by(q.c.version, q.c.entity, q.c.row_id)
        .limit(bindparam("limit", type_=Integer) + 1)
    )


LARGE_SHARE = 10
"""A user holding at least 1/LARGE_SHARE of the customers pulls by walking the change log."""


SHARE_TTL_S = 300.0
_shares: dict[uuid.UUID, tuple[float, bool]] = {}


def _holds_a_large_share(conn: Connection, user_id: uuid.UUID) -> bool:
    """Whether ``user_id`` holds at least 1/LARGE_SHARE of the customers; remembered by
    this worker for a few minutes (it only picks the faster plan: a stale answer is as
    correct, and every page of a pull would otherwise count again)."""
    now = time.monotonic()
    known = _shares.get(user_id)
    if known is not None and known[0] > now:
        return known[1]
    if len(_shares) > 10_000:
        _shares.clear()
    large = _count_share(conn, user_id)
    _shares[user_id] = (now + SHARE_TTL_S, large)
    return large


_THEIR_CUSTOMERS = select(func.count()).where(
    schema.customers.c.assigned_to_id == bindparam("user_id")
)


def _count_share(conn: Connection, user_id: uuid.UUID) -> bool:
    c = schema.customers
    mine = int(conn.execute(_THEIR_CUSTOMERS, {"user_id": user_id}).scalar_one())
    if mine == 0:
        return False
    total = -1
    if conn.dialect.name == "postgresql":  # the planner's estimate: no count of the table
        total = int(conn.execute(text(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = 'customers'::regclass"
        )).scalar_one())
    if total <= 0:
        total = int(conn.execute(select(func.count()).select_from(c)).scalar_one())
    return mine * LARGE_SHARE >= total


_PLAIN = (Kind.STR, Kind.TEXT, Kind.INT, Kind.BOOL)


def _fetch_rows(
    conn: Connection, index: Sequence[Any]
) -> list[tuple[str, uuid.UUID, int, dict[str, Any]]]:
    """The page's rows by id, one query per entity (the page's snapshot: the index query
    already decided what this user may see)."""
    by_entity: dict[str, list[uuid.UUID]] = {}
    for rec in index:
        by_entity.setdefault(rec.entity, []).append(rec.row_id)
    fetched: dict[tuple[str, uuid.UUID], dict[str, Any]] = {}
    for entity, ids in by_entity.items():
        table = schema.ENTITY_TABLES[entity]
        spec = ENTITY[entity]
        names = spec.field_names
        plain = [f.kind in _PLAIN for f in spec.fields]
        query = select(table.c.id, *(table.c[n] for n in names)).where(
            ids_in(conn.dialect.name, table.c.id)
        )
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            for rec in conn.execute(query, {"ids": chunk}):
                fetched[(entity, rec[0])] = {
                    n: (v if p else encode(v))
                    for n, v, p in zip(names, rec[1:], plain, strict=True)
                }
    return [
        (rec.entity, rec.row_id, rec.version, fetched[(rec.entity, rec.row_id)])
        for rec in index
    ]
