"""Two batches of one laptop at HQ at once (``PushRequest.after_op_id``): they merge at the
same time and commit in op id order, a copy of a batch applies nothing twice, and a batch
whose predecessor never arrives is refused with ``out_of_order``. In-process against the
HQ database, SQLite and PostgreSQL; every overlap is forced with events."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from salesdesk.domain.people import Role
from salesdesk.hq import push, schema
from salesdesk.hq.accounts import Actor
from salesdesk.hq.answers import ApiError
from salesdesk.hq.db import Database
from salesdesk.hq.writes import WriteTx
from salesdesk.sync.protocol import ErrorCode, Op, OpStatus, PushRequest, PushResponse

WAIT = 10.0  # seconds; only reached when the code under test is wrong


@pytest.fixture
def actor(accounts: Any) -> Actor:
    username, _, user_id = accounts.make(Role.SALES)
    return Actor(user_id, username, Role.SALES)


def batch(actor: Actor, client_id: uuid.UUID, first: int, last: int,
          after: int | None = None) -> PushRequest:
    """New customers of the actor's, one per op id from ``first`` to ``last``."""
    ops = [
        Op(op_id=i, entity="customers", row_id=uuid.uuid4(), op="insert",
           changes={"name": f"常州第{i}轴承有限公司", "assigned_to_id": str(actor.user_id)},
           hlc=f"{1_700_000_000_000 + i:013d}-00000-{client_id}")
        for i in range(first, last + 1)
    ]
    return PushRequest(client_id=client_id, ops=ops, after_op_id=after)


def last_op_id(db: Database, client_id: uuid.UUID) -> int | None:
    cs = schema.client_state
    with db.read() as conn:
        return conn.execute(
            select(cs.c.last_op_id).where(cs.c.client_id == client_id)
        ).scalar_one_or_none()


def stored(db: Database, request: PushRequest) -> int:
    """How many of the request's rows HQ holds."""
    table = schema.customers
    with db.read() as conn:
        return int(conn.execute(
            select(func.count()).select_from(table)
            .where(table.c.id.in_([op.row_id for op in request.ops]))
        ).scalar_one())


class Pushing:
    """A push on its own thread; ``answer()`` joins it and returns (or raises) its outcome."""

    def __init__(self, db: Database, actor: Actor, request: PushRequest) -> None:
        self.outcome: PushResponse | BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(db, actor, request))
        self.thread.start()

    def _run(self, db: Database, actor: Actor, request: PushRequest) -> None:
        try:
            self.outcome = push.push(db, actor, request)
        except BaseException as exc:  # handed to the test thread
            self.outcome = exc

    def answer(self) -> PushResponse:
        self.thread.join(WAIT)
        assert not self.thread.is_alive(), "the push did not end"
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        assert self.outcome is not None
        return self.outcome


@pytest.fixture
def flushes(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[int | str, Any]]:
    """Counts merges written per batch (by first op id); ``hold[first]`` (an event) keeps
    that batch's transaction open after its merge until set, ``reached[first]`` is set
    when it gets there."""
    counts: dict[int | str, Any] = {"hold": {}, "reached": {}}
    real = WriteTx.flush

    def flush(tx: WriteTx) -> None:
        first = min(
            (row.id for row in tx.rows.get("customers", {}).values() if row and row.dirty),
            default=None,
        )
        real(tx)
        op = _first_op.get(first)
        if op is not None:
            counts[op] = counts.get(op, 0) + 1
            counts["reached"].setdefault(op, threading.Event()).set()
            if op in counts["hold"]:
                assert counts["hold"][op].wait(WAIT)

    _first_op.clear()
    monkeypatch.setattr(WriteTx, "flush", flush)
    yield counts


@pytest.fixture
def waiting(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Set when a batch, its merge done, starts waiting for the batch it follows: on that
    batch's lock (still in its transaction) or outside it (for the rerun)."""
    event = threading.Event()
    real_lock, real_await = push.batch_lock, push.await_op

    def batch_lock(*args: Any, shared: bool = False) -> None:
        if shared:
            event.set()
        real_lock(*args, shared=shared)

    def await_op(*args: Any) -> None:
        event.set()
        real_await(*args)

    monkeypatch.setattr(push, "batch_lock", batch_lock)
    monkeypatch.setattr(push, "await_op", await_op)
    return event


_first_op: dict[Any, int] = {}


def watch(request: PushRequest) -> PushRequest:
    """Lets :func:`flushes` tell this request's merges apart (by its smallest row id)."""
    _first_op[min(op.row_id for op in request.ops)] = request.ops[0].op_id
    return request


def test_a_batch_sent_ahead_waits_for_the_one_it_follows(hq_db, actor, flushes, monkeypatch):
    monkeypatch.setattr(push, "PREDECESSOR_WAIT_S", WAIT)  # however slow this machine is
    client = uuid.uuid4()
    first = watch(batch(actor, client, 1, 3))
    second = watch(batch(actor, client, 4, 6, after=3))
    ahead = Pushing(hq_db, actor, second)
    assert flushes["reached"].setdefault(4, threading.Event()).wait(WAIT)
    ahead.thread.join(0.3)
    assert ahead.thread.is_alive(), "committed before the batch it follows"
    assert last_op_id(hq_db, client) is None and stored(hq_db, second) == 0

    answer = push.push(hq_db, actor, first)
    assert [r.status for r in answer.results] == [OpStatus.APPLIED] * 3
    followed = ahead.answer()
    assert [r.status for r in followed.results] == [OpStatus.APPLIED] * 3
    assert followed.last_op_id == 6 and last_op_id(hq_db, client) == 6
    assert stored(hq_db, first) == stored(hq_db, second) == 3


def test_a_batch_that_merged_first_waits_for_the_one_running_before_it(
    hq_db, hq_url, actor, flushes, waiting
):
    """The batch ahead finishes its merge while the one before it is still open: it waits
    for that one (on PostgreSQL, on its lock) and commits its merge instead of merging
    again. (SQLite runs one writer at a time: there the batch ahead starts only after.)"""
    client = uuid.uuid4()
    first = watch(batch(actor, client, 1, 3))
    second = watch(batch(actor, client, 4, 6, after=3))
    flushes["hold"][1] = threading.Event()
    running = Pushing(hq_db, actor, first)
    assert flushes["reached"].setdefault(1, threading.Event()).wait(WAIT)
    ahead = Pushing(hq_db, actor, second)
    if hq_url.startswith("postgresql"):
        assert waiting.wait(WAIT)
    flushes["hold"][1].set()
    assert [r.status for r in running.answer().results] == [OpStatus.APPLIED] * 3
    assert ahead.answer().last_op_id == 6
    assert flushes[1] == 1 and flushes[4] == 1, "a batch merged twice"
    assert stored(hq_db, second) == 3


def test_a_batch_whose_predecessor_never_comes_is_refused(hq_db, actor, monkeypatch):
    monkeypatch.setattr(push, "PREDECESSOR_WAIT_S", 0.2)
    client = uuid.uuid4()
    orphan = batch(actor, client, 4, 6, after=3)
    with pytest.raises(ApiError) as refused:
        push.push(hq_db, actor, orphan)
    assert refused.value.status == 409 and refused.value.code is ErrorCode.OUT_OF_ORDER
    assert stored(hq_db, orphan) == 0 and not last_op_id(hq_db, client)

    push.push(hq_db, actor, batch(actor, client, 1, 3))
    assert push.push(hq_db, actor, orphan).last_op_id == 6  # resent in order: applied
    assert stored(hq_db, orphan) == 3


def test_copies_of_a_batch_at_once_apply_it_once(hq_db, hq_url, actor, flushes, monkeypatch):
    """A retried request while the first is still merging: the copy waits for it, then
    answers from its stored results without merging anything (PostgreSQL: on the batch's
    lock; SQLite's writers queue anyway)."""
    merged: list[int] = []
    real_apply = WriteTx.apply

    def apply(tx: WriteTx, op: Op) -> Any:
        merged.append(op.op_id)
        return real_apply(tx, op)

    monkeypatch.setattr(WriteTx, "apply", apply)
    client = uuid.uuid4()
    request = watch(batch(actor, client, 1, 3))
    if hq_url.startswith("postgresql"):
        flushes["hold"][1] = threading.Event()
        original = Pushing(hq_db, actor, request)
        assert flushes["reached"].setdefault(1, threading.Event()).wait(WAIT)
        copy = Pushing(hq_db, actor, request)
        copy.thread.join(0.3)
        assert copy.thread.is_alive(), "the copy did not wait for the original"
        flushes["hold"][1].set()
        answers = [original.answer(), copy.answer()]
    else:
        answers = [push.push(hq_db, actor, request) for _ in range(2)]
    assert answers[0].results == answers[1].results
    assert merged == [1, 2, 3] and stored(hq_db, request) == 3


def test_after_op_id_must_come_before_the_batch(hq_db, actor):
    with pytest.raises(ApiError) as refused:
        push.push(hq_db, actor, batch(actor, uuid.uuid4(), 4, 6, after=4))
    assert refused.value.status == 422
