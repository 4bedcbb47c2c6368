"""A laptop's push at HQ: a batch of its outbox applied in one transaction, in op id order.

A replayed op gets its stored answer back (``op_result``); two batches of one laptop merge at
the same time and commit one after the other (``PushRequest.after_op_id``, :func:`batch_lock`,
:func:`await_op`); a batch that trips a database constraint is applied again one op per
transaction, so only the offending op is rejected. What each op writes is merged by
:class:`~salesdesk.hq.writes.WriteTx`.
"""

from __future__ import annotations

import random
import time
import uuid
from datetime import UTC, datetime
from functools import cache
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError

from salesdesk.hq import schema
from salesdesk.hq.accounts import Actor, authenticate_in
from salesdesk.hq.answers import ApiError, now_ms
from salesdesk.hq.bulk import insert_rows
from salesdesk.hq.db import Database
from salesdesk.hq.write_plan import plan_loads
from salesdesk.hq.writes import WriteTx
from salesdesk.sync.protocol import ErrorCode, Op, OpResult, OpStatus, PushRequest, PushResponse

KEEP_RESULTS = 5000
"""How many past op results to keep per laptop: enough to answer any replayed batch."""



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
            await_op(db, client_id, after, deadline)
        except DBAPIError as exc:
            failures += 1
            if failures >= MAX_ATTEMPTS or getattr(exc.orig, "sqlstate", None) not in RETRYABLE:
                raise
            time.sleep(random.uniform(0, 0.01 * failures))
        if failures >= MAX_ATTEMPTS:
            raise AssertionError("a push was overtaken by copies of itself too often")


def await_op(db: Database, client_id: uuid.UUID, op_id: int, deadline: float) -> None:
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

    On PostgreSQL each run holds a lock named after its batch (:func:`batch_lock`) from
    the start: a copy of the batch waits for it and then only replays, and a batch that
    follows it and finishes merging first waits for it to end instead of merging again.
    """
    tx = WriteTx.begin(conn, actor)
    orr = schema.op_result
    if ops:
        batch_lock(conn, client_id, ops[-1].op_id)
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
                results[op.op_id] = stored_result(op.op_id, rec.result)
    if fresh:
        plan = plan_loads(fresh)
        tx.prefetch(plan.keys, plan.refs, plan.fields)
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
            batch_lock(conn, client_id, after, shared=True)  # until that batch ends
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
                 "result": result_to_store(results[op.op_id])}
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


def batch_lock(
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


def result_to_store(result: OpResult) -> dict[str, Any]:
    """An op's answer as ``op_result`` keeps it: ``{}`` for a plain "applied" (almost every
    op's answer), not its model's JSON (a thousand of those cost ~6 ms per batch)."""
    plain = (
        result.status is OpStatus.APPLIED and result.reason is None and result.code is None
        and not result.conflicts
        and result.current is None and not result.gone
    )
    return {} if plain else result.model_dump(mode="json")


def stored_result(op_id: int, stored: dict[str, Any]) -> OpResult:
    """An op's answer read back from what :func:`result_to_store` kept."""
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
