"""HQ's use cases behind the HTTP endpoints: log in, push a batch, pull a page.

Over 500 lines because it still holds three concerns (accounts, push, pull and the pull's
JSON writer); issue 12 splits them into hq/accounts, hq/push, hq/pull and hq/pull_json.


They take a :class:`~salesdesk.hq.db.Database` and plain protocol objects, so tests can call
them in-process and the FastAPI layer stays a thin adapter.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import json
import random
import secrets
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from itertools import pairwise
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import (
    Connection,
    Integer,
    Select,
    Text,
    TextClause,
    bindparam,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError

from salesdesk.domain.entities import ENTITIES, ENTITY, Kind, Scope
from salesdesk.domain.people import Role
from salesdesk.domain.wire import encode
from salesdesk.hq import schema, throttle
from salesdesk.hq.bulk import ids_in, insert_rows
from salesdesk.hq.db import Database, Rendered, committed_version
from salesdesk.hq.writes import Actor, WriteTx
from salesdesk.sync.protocol import (
    ConflictNotice,
    Cursor,
    ErrorCode,
    Eviction,
    LoginRequest,
    LoginResponse,
    Op,
    OpResult,
    OpStatus,
    PullPage,
    PullRequest,
    PushRequest,
    PushResponse,
    RowState,
)

TOKEN_LIFETIME = timedelta(days=30)
KEEP_RESULTS = 5000
"""How many past op results to keep per laptop: enough to answer any replayed batch."""


class ApiError(Exception):
    """A failure the client must act on (log in again, upgrade, slow down)."""

    def __init__(
        self, status: int, code: ErrorCode, message: str, *, retry_after_s: int | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.retry_after_s = retry_after_s


@dataclass
class Settings:
    hasher: PasswordHasher = field(default_factory=PasswordHasher)
    token_lifetime: timedelta = TOKEN_LIFETIME


def now_ms() -> int:
    return int(datetime.now(UTC).timestamp() * 1000)


def token_hash(token: str) -> str:
    """Only this digest is stored, so a copy of the database gives no working token."""
    return hashlib.sha256(token.encode()).hexdigest()


# --- accounts ------------------------------------------------------------------------------

_DUMMY_HASH: dict[int, str] = {}


def _dummy_hash(hasher: PasswordHasher) -> str:
    key = id(hasher)
    if key not in _DUMMY_HASH:
        _DUMMY_HASH[key] = hasher.hash(secrets.token_hex(8))
    return _DUMMY_HASH[key]


def login(db: Database, settings: Settings, req: LoginRequest, ip: str) -> LoginResponse:
    """Checks a password and issues a new token.

    Failures slow down the (username, address) they came from (:mod:`salesdesk.hq.throttle`),
    not the username everywhere: the real user at their own laptop still gets in while a
    stranger elsewhere guesses. A throttled attempt is refused (429, Retry-After) before the
    password is looked at.
    """
    now = datetime.now(UTC)
    lf = schema.login_failure
    with db.read() as conn:
        since = now - throttle.WINDOW
        mine = conn.execute(
            select(func.count(), func.max(lf.c.at))
            .where(lf.c.username == req.username, lf.c.ip == ip, lf.c.at > since)
        ).one()
        by_ip = conn.execute(
            select(func.count(), func.min(lf.c.at)).where(lf.c.ip == ip, lf.c.at > since)
        ).one()
        account = conn.execute(
            select(schema.users, schema.credential.c.password_hash)
            .join(schema.credential, schema.credential.c.user_id == schema.users.c.id)
            .where(schema.users.c.username == req.username)
        ).mappings().first()
    wait = None
    if mine[0]:
        wait = throttle.retry_after_s(mine[1] + throttle.delay_after(mine[0]), now)
    if wait is None and by_ip[0] >= throttle.MAX_FAILURES_PER_ADDRESS:
        wait = throttle.retry_after_s(by_ip[1] + throttle.WINDOW, now)
    if wait is not None:
        raise ApiError(
            429, ErrorCode.RATE_LIMITED, "too many failed logins; try again later",
            retry_after_s=wait,
        )
    ok = False
    try:
        ok = settings.hasher.verify(
            account["password_hash"] if account else _dummy_hash(settings.hasher), req.password
        )
    except (VerificationError, InvalidHashError):
        ok = False
    usable = account is not None and account["active"] and account["deleted_at"] is None
    if not ok or not usable:
        with db.write() as conn:
            conn.execute(insert(lf).values(username=req.username, ip=ip, at=now))
        raise ApiError(401, ErrorCode.BAD_CREDENTIALS, "wrong username or password")
    assert account is not None
    with db.write() as conn:
        token, expires = issue_token(conn, account["id"], req.device, settings.token_lifetime)
        # Only this address's failures: a stranger's elsewhere keep slowing the stranger.
        conn.execute(delete(lf).where(lf.c.username == req.username, lf.c.ip == ip))
        if settings.hasher.check_needs_rehash(account["password_hash"]):
            conn.execute(
                update(schema.credential)
                .where(schema.credential.c.user_id == account["id"])
                .values(password_hash=settings.hasher.hash(req.password), changed_at=now)
            )
    return LoginResponse(
        token=token,
        user_id=account["id"],
        username=account["username"],
        display_name=account["display_name"],
        role=account["role"],
        expires_at_ms=int(expires.timestamp() * 1000),
    )


def issue_token(
    conn: Connection, user_id: uuid.UUID, device: str, lifetime: timedelta = TOKEN_LIFETIME
) -> tuple[str, datetime]:
    """A new random bearer token; only its SHA-256 is stored."""
    now = datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    conn.execute(
        insert(schema.auth_token).values(
            token_hash=token_hash(token), user_id=user_id, device=device, created_at=now,
            expires_at=now + lifetime,
        )
    )
    return token, now + lifetime


def authenticate(db: Database, token: str) -> Actor:
    """The user behind a bearer token, or 401 if it is unknown, expired or revoked."""
    with db.read() as conn:
        return authenticate_in(conn, token)


_TOKEN_USER = (
    select(schema.auth_token.c.expires_at, schema.auth_token.c.revoked_at, schema.users.c.id,
           schema.users.c.username, schema.users.c.role, schema.users.c.active,
           schema.users.c.deleted_at)
    .join(schema.users, schema.users.c.id == schema.auth_token.c.user_id)
    .where(schema.auth_token.c.token_hash == bindparam("hash"))
)
"""Built once, like the other statements every request runs: building and cache-keying a
statement costs Python ~90 us, about what running a small one costs."""


def authenticate_in(conn: Connection, token: str) -> Actor:
    """:func:`authenticate` inside a transaction the caller already holds."""
    rec = conn.execute(_TOKEN_USER, {"hash": token_hash(token)}).mappings().first()
    now = datetime.now(UTC)
    if (
        rec is None
        or rec["revoked_at"] is not None
        or rec["expires_at"] <= now
        or not rec["active"]
        or rec["deleted_at"] is not None
    ):
        raise ApiError(401, ErrorCode.TOKEN_EXPIRED, "please log in again")
    return Actor(rec["id"], rec["username"], Role(rec["role"]))


def revoke_token(db: Database, token: str) -> None:
    with db.write() as conn:
        conn.execute(
            update(schema.auth_token)
            .where(schema.auth_token.c.token_hash == token_hash(token))
            .values(revoked_at=datetime.now(UTC))
        )


def revoke_user_tokens(conn: Connection, user_id: uuid.UUID) -> int:
    result = conn.execute(
        update(schema.auth_token)
        .where(schema.auth_token.c.user_id == user_id, schema.auth_token.c.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC))
    )
    return int(result.rowcount)


# --- push ----------------------------------------------------------------------------------


def push(db: Database, actor: Actor | str, req: PushRequest) -> PushResponse:
    """Applies a batch in one transaction; a replayed op gets its stored answer back.

    If the batch trips a database constraint (say a duplicate product code from HQ staff),
    it is applied again one op per transaction, so only the offending op is rejected and the
    queue never stalls on it. A transaction PostgreSQL aborted to break a deadlock between
    row locks (see :mod:`salesdesk.hq.writes`) is simply run again.

    ``actor`` may be the request's bearer token: it is then checked inside the push's own
    transaction (one round trip fewer than a separate read).
    """
    ids = [op.op_id for op in req.ops]
    if any(b <= a for a, b in pairwise(ids)):
        raise ApiError(422, ErrorCode.INVALID, "op ids must increase within a batch")
    if req.after_op_id is not None and ids and req.after_op_id >= ids[0]:
        raise ApiError(422, ErrorCode.INVALID, "after_op_id must come before the batch")
    after = req.after_op_id
    try:
        results, last = _retrying(db, actor, req.client_id, req.ops, after=after)
    except IntegrityError:
        results = []
        last = 0
        for op in req.ops:
            try:
                one, last = _retrying(db, actor, req.client_id, [op], after=after)
            except IntegrityError as exc:
                one, last = _retrying(
                    db, actor, req.client_id, [op], after=after,
                    reject=_constraint_reason(exc),
                )
            after = None  # the batch's first op is in, so the one before it is too
            results.extend(one)
    return PushResponse(results=results, last_op_id=last, server_time_ms=now_ms())


RETRYABLE = frozenset({"40P01", "40001"})
"""PostgreSQL's deadlock_detected and serialization_failure: the transaction did nothing."""
MAX_ATTEMPTS = 5
PREDECESSOR_WAIT_S = 2.0
"""How long a batch sent with ``after_op_id`` waits for that op before HQ answers
``out_of_order``: the batch before it is normally at HQ already, a few milliseconds ahead."""


class _Early(Exception):
    """The batch merged before the one it follows committed; it must wait and run again."""


class _Overtaken(Exception):
    """A copy of this batch (a retried request) committed first; run again as a replay."""


def _retrying(
    db: Database,
    actor: Actor | str,
    client_id: uuid.UUID,
    ops: list[Op],
    *,
    after: int | None = None,
    reject: str | None = None,
) -> tuple[list[OpResult], int]:
    deadline: float | None = None
    failures = 0
    while True:
        try:
            with db.write() as conn:
                who = authenticate_in(conn, actor) if isinstance(actor, str) else actor
                return _push_in(conn, who, client_id, ops, after=after, reject=reject)
        except _Overtaken:
            failures += 1  # the next run answers from the stored results
        except _Early:
            assert after is not None
            deadline = deadline or time.monotonic() + PREDECESSOR_WAIT_S
            _await_op(db, client_id, after, deadline)
        except DBAPIError as exc:
            failures += 1
            if failures >= MAX_ATTEMPTS or getattr(exc.orig, "sqlstate", None) not in RETRYABLE:
                raise
            time.sleep(random.uniform(0, 0.01 * failures))
        if failures >= MAX_ATTEMPTS:
            raise AssertionError("a push was overtaken by copies of itself too often")


def _await_op(db: Database, client_id: uuid.UUID, op_id: int, deadline: float) -> None:
    """Returns once the laptop's op ``op_id`` is applied; 409 ``out_of_order`` at the deadline."""
    pause = 0.002
    while True:
        with db.read() as conn:
            if _applied(conn, client_id, op_id):
                return
        if time.monotonic() >= deadline:
            raise ApiError(
                409, ErrorCode.OUT_OF_ORDER,
                f"op {op_id}, which this batch follows, has not arrived; send its batch first",
            )
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def _constraint_reason(exc: IntegrityError) -> str:
    text = str(exc.orig).splitlines()[0] if exc.orig is not None else "constraint"
    return f"conflicts with an existing row ({text[:120]})"


def _push_in(
    conn: Connection,
    actor: Actor,
    client_id: uuid.UUID,
    ops: list[Op],
    *,
    after: int | None = None,
    reject: str | None = None,
) -> tuple[list[OpResult], int]:
    """One run of a batch: merges and writes its new ops, answers its replayed ones.

    The laptop's ``client_state`` row is read first and locked only at the end, after the
    merge: two batches of one laptop merge at the same time (their rows are disjoint, see
    :class:`PushRequest`) and then commit one after the other. Locked, the row says whether
    the batch may commit: not when a copy of it (a retried request) committed meanwhile
    (:class:`_Overtaken`), nor before the op it follows (:class:`_Early`).

    On PostgreSQL each run holds a lock named after its batch (:func:`_batch_lock`) from
    the start: a copy of the batch waits for it and then only replays, and a batch that
    follows it and finishes merging first waits for it to end instead of merging again.
    """
    tx = WriteTx.begin(conn, actor)
    orr = schema.op_result
    if ops:
        _batch_lock(conn, client_id, ops[-1].op_id)
    state = conn.execute(_CLIENT_STATE, {"client_id": client_id}).mappings().first()
    _check_owner(state, actor)
    last = int(state["last_op_id"]) if state else 0
    replayed = [op for op in ops if op.op_id <= last]
    fresh = [op for op in ops if op.op_id > last]
    results: dict[int, OpResult] = {}
    if replayed:
        stored = {
            r.op_id: r
            for r in conn.execute(
                select(orr.c.op_id, orr.c.hlc, orr.c.result).where(
                    orr.c.client_id == client_id, orr.c.op_id.in_([op.op_id for op in replayed])
                )
            )
        }
        for op in replayed:
            rec = stored.get(op.op_id)
            if rec is None:
                results[op.op_id] = OpResult(
                    op_id=op.op_id, status=OpStatus.DUPLICATE, reason="already applied"
                )
            elif rec.hlc != op.hlc:
                raise ApiError(
                    409, ErrorCode.OP_ID_REUSED, f"op {op.op_id} was used for another change"
                )
            else:
                results[op.op_id] = _stored_result(op.op_id, rec.result)
    if fresh:
        tx.prefetch(*_keys(fresh))
        for op in fresh:
            if reject is not None:
                results[op.op_id] = OpResult(
                    op_id=op.op_id, status=OpStatus.REJECTED, reason=reject
                )
            else:
                results[op.op_id] = tx.apply(op)
        tx.flush()
        if (
            after is not None and conn.dialect.name == "postgresql"
            and not _applied(conn, client_id, after)
        ):
            _batch_lock(conn, client_id, after, shared=True)  # until that batch ends
        state = _lock_client(conn, client_id, actor.user_id)
        _check_owner(state, actor)
        if state["last_op_id"] >= fresh[0].op_id:
            raise _Overtaken
        if after is not None and state["last_op_id"] < after:
            raise _Early
        for op in fresh:
            results[op.op_id] = tx.settle(results[op.op_id])
        insert_rows(
            conn, orr,
            [
                {"client_id": client_id, "op_id": op.op_id, "hlc": op.hlc,
                 "result": _result_to_store(results[op.op_id])}
                for op in fresh
            ],
        )
        last = fresh[-1].op_id
        conn.execute(_SET_LAST_OP, {"laptop": client_id, "last": last, "seen": tx.now})
        if (last - KEEP_RESULTS) // 1000 > (fresh[0].op_id - 1 - KEEP_RESULTS) // 1000:
            # Now and then (each 1,000 ops), not on every push: old answers nobody will ask.
            conn.execute(
                delete(orr).where(
                    orr.c.client_id == client_id, orr.c.op_id <= last - KEEP_RESULTS
                )
            )
    return [results[op.op_id] for op in ops], last


_CLIENT_STATE = select(*schema.client_state.c).where(
    schema.client_state.c.client_id == bindparam("client_id")
)
_LAST_OP = _CLIENT_STATE.with_only_columns(schema.client_state.c.last_op_id)
_SET_LAST_OP = (
    update(schema.client_state)
    .where(schema.client_state.c.client_id == bindparam("laptop"))
    .values(last_op_id=bindparam("last"), last_seen=bindparam("seen"))
)


def _applied(conn: Connection, client_id: uuid.UUID, op_id: int) -> bool:
    """Has the laptop's op ``op_id`` been applied (committed, as this statement sees it)?"""
    last = conn.execute(_LAST_OP, {"client_id": client_id}).scalar_one_or_none()
    return last is not None and last >= op_id


def _batch_lock(
    conn: Connection, client_id: uuid.UUID, last_op_id: int, *, shared: bool = False
) -> None:
    """PostgreSQL's advisory lock named after a laptop's batch (by its last op id), held to
    the end of the transaction; nothing on SQLite, whose writers run one at a time anyway.
    Two different batches may share a name (32 bits of the client id): one then waits."""
    if conn.dialect.name != "postgresql":
        return
    conn.execute(
        _SHARED_BATCH_LOCK if shared else _BATCH_LOCK,
        {"laptop": _int4(client_id.int >> 96), "op": _int4(last_op_id)},
    )


_BATCH_LOCK = text("SELECT pg_advisory_xact_lock(:laptop, :op)")
_SHARED_BATCH_LOCK = text("SELECT pg_advisory_xact_lock_shared(:laptop, :op)")


def _int4(value: int) -> int:
    """The low 32 bits of ``value`` as a signed 32-bit integer (an ``int4`` lock key)."""
    return ((value & 0xFFFFFFFF) ^ 0x80000000) - 0x80000000


def _result_to_store(result: OpResult) -> dict[str, Any]:
    """An op's answer as ``op_result`` keeps it: ``{}`` for a plain "applied" (almost every
    op's answer), not its model's JSON (a thousand of those cost ~6 ms per batch)."""
    plain = (
        result.status is OpStatus.APPLIED and result.reason is None and result.code is None
        and not result.conflicts
        and result.current is None and not result.gone
    )
    return {} if plain else result.model_dump(mode="json")


def _stored_result(op_id: int, stored: dict[str, Any]) -> OpResult:
    if not stored:
        return OpResult(op_id=op_id, status=OpStatus.APPLIED)
    return OpResult.model_validate(stored)


def _check_owner(state: Any, actor: Actor) -> None:
    if state is not None and state["user_id"] != actor.user_id:
        raise ApiError(
            409, ErrorCode.CLIENT_MISMATCH, "this laptop's store belongs to another user"
        )


def _lock_client(conn: Connection, client_id: uuid.UUID, user_id: uuid.UUID) -> Any:
    """The laptop's ``client_state`` row, created if new, locked until commit: one upsert
    (its no-op update takes the row lock) that returns the row."""
    return conn.execute(
        _lock_client_stmt(conn.dialect.name),
        {"laptop": client_id, "user": user_id, "seen": datetime.now(UTC)},
    ).mappings().one()


@cache
def _lock_client_stmt(dialect: str) -> Any:
    cs = schema.client_state
    upsert = (pg_insert(cs) if dialect == "postgresql" else sqlite_insert(cs)).values(
        client_id=bindparam("laptop"), user_id=bindparam("user"), last_op_id=0,
        last_seen=bindparam("seen"),
    )
    return upsert.on_conflict_do_update(
        index_elements=[cs.c.client_id], set_={"client_id": upsert.excluded.client_id}
    ).returning(*cs.c)


Keys = list[tuple[str, uuid.UUID]]


def _keys(ops: Iterable[Op]) -> tuple[Keys, Keys, dict[str, set[str]]]:
    """The rows a batch writes and their parents (to load locked), the rows its changes
    only refer to (to read), so a batch loads them in bulk; and per entity only edited (no
    insert: that compares every field), the fields its ops change."""
    keys: Keys = []
    refs: Keys = []
    changed: dict[str, set[str] | None] = {}
    for op in ops:
        keys.append((op.entity, op.row_id))
        if op.op == "insert":
            changed[op.entity] = None
        else:
            names = changed.setdefault(op.entity, set())
            if names is not None:
                names.update(op.changes)
        spec = ENTITY.get(op.entity)
        if spec is None:
            continue
        for name, change in op.changes.items():
            fspec = spec.by_name.get(name)
            if fspec is None or fspec.ref is None:
                continue
            raw = change if op.op == "insert" else (
                change[1] if isinstance(change, list) and len(change) == 2 else None
            )
            if isinstance(raw, str):
                with contextlib.suppress(ValueError):
                    (keys if name == spec.parent_field else refs).append(
                        (fspec.ref, uuid.UUID(raw))
                    )
    return keys, refs, {e: names for e, names in changed.items() if names is not None}


# --- pull ----------------------------------------------------------------------------------


def pull(db: Database, actor: Actor, req: PullRequest) -> PullPage:
    """One page of changes after the cursor, all from one snapshot, in (version, entity, id).

    A keyset query over ``sync_row`` finds the page's keys; then each entity's rows are read
    by id, one query per entity.
    """
    with db.read() as conn:
        page = _pull_in(conn, actor, req)
    return PullPage.model_construct(
        rows=[
            RowState.model_construct(
                entity=entity, id=row_id, version=version,
                deleted=fields.get("deleted_at") is not None, fields=fields,
            )
            for entity, row_id, version, fields in page.rows
        ],
        evictions=[Eviction(customer_id=c, version=v) for c, v in page.evictions],
        conflicts=[
            ConflictNotice(
                id=rec.id, entity=rec.entity, row_id=rec.row_id, field=rec.field,
                lost_value=rec.lost_value, won_value=rec.won_value, won_by=rec.won_by,
                at_ms=int(rec.at.timestamp() * 1000),
            )
            for rec in page.conflicts
        ],
        cursor=page.cursor,
        upper=page.upper,
        has_more=page.has_more,
        server_time_ms=now_ms(),
    )


def pull_json(db: Database, token: str, req: PullRequest) -> bytes:
    """:func:`pull` for the HTTP layer: checks the token in the page's own read transaction
    and writes the page's JSON (a :class:`PullPage`) directly, without a model per row.

    On PostgreSQL the database writes each row's JSON itself (:func:`_row_json_sql`), so a
    5,000-row page costs Python a string join, not 5,000 dictionaries to build and encode.
    """
    with db.read() as conn:
        as_json = conn.dialect.name == "postgresql"
        page = _pull_in(
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
class _Page:
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


def _pull_in(
    conn: Connection, actor: Actor, req: PullRequest, *, as_json: bool = False,
    rendered: Rendered | None = None,
) -> _Page:
    seq = committed_version(conn)
    upper = seq if req.upper is None else min(req.upper, seq)
    cur = req.cursor
    keyed = cur.entity is not None and cur.id is not None
    scoped = actor.role is not Role.HQ
    caught_up = cur.version >= upper and (cur.entity is None or cur.version > upper)
    rows: list[tuple[str, uuid.UUID, int, dict[str, Any]]] = []
    json_rows: list[str] = []
    last: Any = None
    has_more = False
    if not caught_up:
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
                json_rows = [_rows_json(conn, index, rendered)]
            else:
                rows = _fetch_rows(conn, index)
            last = index[-1]
    if has_more:
        cursor = Cursor(version=last.version, entity=last.entity, id=last.row_id)
        end_version = int(last.version)
    else:
        cursor = Cursor(version=max(upper, cur.version))
        end_version = upper
    evictions: list[tuple[uuid.UUID, int]] = []
    window = {"user_id": actor.user_id, "after": cur.version, "upto": end_version}
    if scoped and end_version > cur.version:
        for rec in conn.execute(_EVICTIONS, window):
            evictions.append((rec.customer_id, int(rec.version)))
    conflicts: Sequence[Any] = []
    if end_version > cur.version:
        conflicts = conn.execute(_CONFLICTS, window).all()
    return _Page(rows, evictions, list(conflicts), cursor, upper, has_more, json_rows)


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
    ``text_ids`` the ids come as text, for :func:`_rows_json` to send straight back (a
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


GLOBAL_ENTITIES = frozenset(spec.name for spec in ENTITIES if spec.scope is Scope.GLOBAL)
RENDERED_LIMIT = 50_000
"""Rendered rows a worker keeps (~300 bytes each); past it, it starts again from none."""

_SEPARATOR = "\x1e"
"""Between the rows' texts as the database sends them, for Python to place each (kept texts
go between): a control character, which no row's JSON text holds unescaped."""


def _rows_json(conn: Connection, index: Sequence[Any], rendered: Rendered | None = None) -> str:
    """The page's rows as PostgreSQL writes them: one text of comma-separated JSON objects
    (a :class:`RowState` each) in the index's order.

    Python builds no row: each entity's ids, versions and places go as three arrays, and a
    5,000-row page comes back as one string. ``index`` as :func:`_index_query` with
    ``text_ids`` gives it.

    Company-wide rows (the people, the catalogue) are the same for every salesperson, and
    every new laptop pulls them all: with ``rendered`` their texts are written once per
    version and then taken from it. A row's text changes only with its version (every write
    gives the row the writing transaction's version), so a kept text is never stale.
    """
    entities, ids, versions = zip(*index, strict=True)
    cache = None if GLOBAL_ENTITIES.isdisjoint(entities) else rendered
    docs: list[str] = [""] * len(index)
    places: dict[str, list[int]] = {}
    for pos, entity in enumerate(entities):
        if cache is not None and entity in GLOBAL_ENTITIES:
            doc = cache.get((entity, ids[pos], versions[pos]))
            if doc is not None:
                docs[pos] = doc
                continue
        places.setdefault(entity, []).append(pos)
    if not places:
        return ",".join(docs)
    names = tuple(sorted(places))
    params: dict[str, str] = {}
    for i, name in enumerate(names):  # array literals: psycopg's list dumper is ~0.6 us a value
        at = places[name]
        params[f"i{i}"] = "{" + ",".join([ids[p] for p in at]) + "}"
        params[f"v{i}"] = "{" + ",".join([str(versions[p]) for p in at]) + "}"
        params[f"p{i}"] = "{" + ",".join(map(str, at)) + "}"
    if cache is None:  # nothing to place: the database's text is the page (splitting and
        # joining a 5,000-row page again cost the initial sync ~10 %, measured)
        return str(conn.execute(_rows_json_sql(names, ","), params).scalar_one())
    body = str(conn.execute(_rows_json_sql(names, _SEPARATOR), params).scalar_one())
    wanted = sorted(pos for at in places.values() for pos in at)
    written = body.split(_SEPARATOR)
    assert len(written) == len(wanted), "a row's JSON text held the separator"
    if len(cache) + len(written) > RENDERED_LIMIT:
        cache.clear()
    for pos, doc in zip(wanted, written, strict=True):
        docs[pos] = doc
        if entities[pos] in GLOBAL_ENTITIES:
            cache[(entities[pos], ids[pos], versions[pos])] = doc
    return ",".join(docs)


@cache
def _rows_json_sql(entities: tuple[str, ...], separator: str) -> TextClause:
    """The statement of :func:`_rows_json` for a page holding rows of ``entities``, their
    texts joined by ``separator`` (one character): one branch per entity present, so
    PostgreSQL plans (once per connection, generically) only what it runs."""
    branches = " UNION ALL ".join(
        f"SELECT page.pos, {_row_json_sql(name, 't')} AS doc"
        f" FROM unnest(CAST(:i{i} AS uuid[]), CAST(:v{i} AS bigint[]), CAST(:p{i} AS int[]))"
        f" AS page(row_id, version, pos)"
        f" JOIN {schema.ENTITY_TABLES[name].name} AS t ON t.id = page.row_id"
        for i, name in enumerate(entities)
    )
    glue = f"chr({ord(separator)})"
    return text(f"SELECT string_agg(doc, {glue} ORDER BY pos) FROM ({branches}) AS texts")


def _row_json_sql(entity: str, alias: str) -> str:
    """The JSON text of one row of ``entity`` (aliased ``alias``, its version in ``page``),
    each field written exactly as :func:`salesdesk.domain.wire.encode` writes it (a test
    compares them for every kind of field).

    Concatenated text, not ``json_build_object``: that one looks up each argument's type on
    every row, and costs PostgreSQL ~60 % more per page.
    """
    spec = ENTITY[entity]
    fields = " || ',' || ".join(
        f"""'"{f.name}":' || {_field_json_sql(f, f'{alias}."{f.name}"')}""" for f in spec.fields
    )
    return (
        f"""'{{"entity":"{entity}","id":"' || {alias}.id::text || '","version":' || """
        f"""page.version::text || ',"deleted":' || ({alias}.deleted_at IS NOT NULL)::text || """
        f"""',"fields":{{' || {fields} || '}}}}'"""
    )


def _field_json_sql(f: Any, col: str) -> str:
    """One field's JSON text; ``null`` for NULL (a NULL would blank the whole row)."""
    if f.kind in (Kind.STR, Kind.TEXT):
        value = f"to_json({col})::text"
    elif f.kind in (Kind.INT, Kind.BOOL, Kind.STR_LIST):
        value = f"{col}::text"
    elif f.kind is Kind.UUID:
        value = f"""'"' || {col}::text || '"'"""
    elif f.kind is Kind.DATETIME:  # stored as naive UTC; isoformat() of the aware value
        value = (
            f"""'"' || to_char({col}, 'YYYY-MM-DD"T"HH24:MI:SS') || """
            f"CASE WHEN date_part('microseconds', {col})::bigint % 1000000 = 0 THEN '' "
            f"""ELSE to_char({col}, '.US') END || '+00:00"'"""
        )
    elif f.kind is Kind.DATE:
        value = f"""'"' || to_char({col}, 'YYYY-MM-DD') || '"'"""
    elif f.kind is Kind.DECIMAL:  # a scaled integer; str() of the quantized Decimal
        value = f"""'"' || round({col}::numeric / {10 ** f.scale}, {f.scale})::text || '"'"""
    else:
        raise AssertionError(f"no JSON for {f.kind}")
    return f"coalesce({value}, 'null')"


__all__ = [
    "ApiError",
    "Settings",
    "authenticate",
    "login",
    "pull",
    "pull_json",
    "push",
    "revoke_token",
]
