"""The push loop reads batch N+1 while batch N is at HQ and sends N+1 while N is acknowledged,
and still fails and resumes as if it did one thing at a time: a fake HQ (idempotent per op id,
like the real one) and a fake outbox, so every ordering is forced with events, not timed.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

import pytest
from pydantic import TypeAdapter

from salesdesk.sync.client import (
    ApplyCounts,
    HQUnreachable,
    OutboxBatch,
    ServerError,
    SyncCancelled,
    TokenExpired,
    push_all,
)
from salesdesk.sync.protocol import Op, OpResult, OpStatus, PushResponse
from tests.unit.sync.fakes import Cancel, threads_named

BATCH = 10
BATCHES = 5
WAIT = 10.0  # seconds; only reached when the code under test is wrong
CLIENT = uuid.UUID(int=7)
_OPS = TypeAdapter(list[Op])


def number(op_id: int) -> int:
    """The batch (1-based) that op ``op_id`` goes in: batches start after a batch boundary."""
    return (op_id - 1) // BATCH + 1


class FakeHQ:
    """Applies pushed ops once each and answers a replayed op as the first time (as HQ does);
    checks it is never used by two threads at once and never sees a gap in the op ids."""

    def __init__(self) -> None:
        n = range(1, BATCHES + 3)
        self.started = {i: threading.Event() for i in n}
        self.finished = {i: threading.Event() for i in n}
        self.hold: dict[int, threading.Event] = {}
        self.fail: dict[int, Exception] = {}  # raised before HQ sees the batch
        self.lose: set[int] = set()  # the batch commits, its answer is lost
        self.on_request: Callable[[int], None] | None = None
        self.requests: list[tuple[int, int]] = []
        self.threads: list[str] = []
        self.applied: list[int] = []
        self.answers: dict[int, OpResult] = {}
        self.last = 0
        self._busy = threading.Lock()

    def push_batch(self, client_id: uuid.UUID, batch: OutboxBatch) -> PushResponse:
        assert self._busy.acquire(blocking=False), "two requests at once on one client"
        try:
            assert client_id == CLIENT
            ops = batch.ops()
            ids = [op.op_id for op in ops]
            assert ids == list(range(batch.first_op_id, batch.last_op_id + 1)), ids
            n = number(ids[0])
            self.requests.append((ids[0], ids[-1]))
            self.threads.append(threading.current_thread().name)
            self.started[n].set()
            if self.on_request is not None:
                self.on_request(n)
            if n in self.hold:
                assert self.hold[n].wait(WAIT)
            self.finished[n].set()
            if n in self.fail:
                raise self.fail.pop(n)
            for op in ops:
                if op.op_id > self.last:
                    assert op.op_id == self.last + 1, f"op {self.last + 1} was skipped"
                    self.applied.append(op.op_id)
                    self.answers[op.op_id] = OpResult(op_id=op.op_id, status=OpStatus.APPLIED)
                    self.last = op.op_id
            if n in self.lose:
                self.lose.discard(n)
                raise HQUnreachable("cannot reach HQ (ReadError)")
            return PushResponse(
                results=[self.answers[i] for i in ids], last_op_id=self.last, server_time_ms=0
            )
        finally:
            self._busy.release()


def op(op_id: int) -> Op:
    return Op(op_id=op_id, entity="customers", row_id=uuid.UUID(int=op_id), op="update",
              changes={"name": [f"甲{op_id}", f'乙"{op_id}\\']}, hlc=f"{op_id:013d}-00000-x")


class FakeStore:
    """An outbox of ``BATCHES * BATCH`` ops that moves on only when a batch is acknowledged,
    in order, as LocalStore does."""

    def __init__(self) -> None:
        self.outbox = [op(i) for i in range(1, BATCH * BATCHES + 1)]
        self.acked = 0
        self.acknowledged: list[int] = []
        self.read_after: dict[int, threading.Event] = {}
        self.on_read: Callable[[int], None] | None = None
        self.on_ack: Callable[[int], None] | None = None

    def client_id(self) -> str:
        return str(CLIENT)

    def read(self, after: int) -> threading.Event:
        """Set when the batch after op ``after`` has been read."""
        return self.read_after.setdefault(after, threading.Event())

    def pending(self, limit: int, after: int | None = None) -> OutboxBatch | None:
        after = self.acked if after is None else after
        if self.on_read is not None:
            self.on_read(after)  # may raise: a failed read
        ops = [o for o in self.outbox if o.op_id > after][:limit]
        self.read(after).set()
        if not ops:
            return None
        return OutboxBatch(first_op_id=ops[0].op_id, last_op_id=ops[-1].op_id, count=len(ops),
                           ops_json=_OPS.dump_json(ops))

    def pending_count(self) -> int:
        return sum(1 for o in self.outbox if o.op_id > self.acked)

    def acknowledge(self, batch: OutboxBatch, response: PushResponse) -> ApplyCounts:
        assert batch.first_op_id == self.acked + 1, "acknowledged out of order"
        assert [r.op_id for r in response.results] == [o.op_id for o in batch.ops()]
        n = number(batch.first_op_id)
        if self.on_ack is not None:
            self.on_ack(n)  # may raise: then nothing of the batch is kept
        self.acked = batch.last_op_id
        self.acknowledged.append(n)
        return ApplyCounts()


def resume(hq: FakeHQ, store: FakeStore) -> None:
    """The next push, with nothing in the way: everything arrives at HQ exactly once."""
    hq.on_request = None
    store.on_ack = store.on_read = None
    before = store.acked
    report = push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]
    assert report.pushed == len(store.outbox) - before
    assert store.acked == len(store.outbox)
    assert hq.applied == list(range(1, len(store.outbox) + 1))
    assert threads_named("sync-push") == []


def test_next_batch_is_read_during_a_request_and_sent_during_the_acknowledgement() -> None:
    hq = FakeHQ()
    store = FakeStore()
    reads: list[int] = []
    sends: list[int] = []

    def request(n: int) -> None:
        if n < BATCHES:  # the read of batch n + 1 must happen while this request is out
            assert store.read(n * BATCH).wait(WAIT), f"batch {n + 1} not read during {n}"
            reads.append(n)

    def ack(n: int) -> None:
        if n < BATCHES:  # batch n + 1 must be sent before batch n is acknowledged
            assert hq.started[n + 1].wait(WAIT), f"batch {n + 1} not sent during ack {n}"
            sends.append(n)

    hq.on_request, store.on_ack = request, ack
    report = push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]
    assert reads == sends == [1, 2, 3, 4]
    assert store.acknowledged == [1, 2, 3, 4, 5] and store.acked == BATCH * BATCHES
    assert report.pushed == BATCH * BATCHES and report.rejected == 0
    # In op id order, each batch starting right after the one before it.
    assert hq.requests == [(i * BATCH + 1, (i + 1) * BATCH) for i in range(BATCHES)]
    caller = threading.current_thread().name
    assert all(t != caller and t.startswith("sync-push") for t in hq.threads)
    assert threads_named("sync-push") == []


def test_a_failed_acknowledgement_drops_the_answer_in_flight_and_the_next_push_resends_it(
) -> None:
    hq = FakeHQ()
    hq.hold[3] = threading.Event()
    store = FakeStore()

    def ack(n: int) -> None:
        if n == 2:
            assert hq.started[3].wait(WAIT)  # batch 3 is at HQ...
            threading.Timer(0.05, hq.hold[3].set).start()  # ...and answers a little later
            raise OSError("disk full")

    store.on_ack = ack
    with pytest.raises(OSError, match="disk full"):
        push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]
    assert hq.finished[3].is_set(), "returned while the request was still in flight"
    assert threads_named("sync-push") == []
    assert store.acknowledged == [1] and store.acked == BATCH
    assert hq.last == 3 * BATCH  # HQ has batches 2 and 3; the laptop does not know it yet

    hq.requests.clear()
    resume(hq, store)
    assert hq.requests[0] == (BATCH + 1, 2 * BATCH)  # batch 2 again, answered from memory


def test_a_failed_outbox_read_drops_the_answer_in_flight() -> None:
    hq = FakeHQ()
    store = FakeStore()

    def read(after: int) -> None:
        if after == BATCH:
            assert hq.started[1].wait(WAIT)
            raise OSError("disk I/O error")

    store.on_read = read
    with pytest.raises(OSError, match="disk I/O error"):
        push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]
    assert hq.finished[1].is_set() and threads_named("sync-push") == []
    assert store.acked == 0 and hq.last == BATCH and hq.requests == [(1, BATCH)]
    resume(hq, store)


def test_cancel_acknowledges_the_answer_in_hand_and_drops_the_batch_read_ahead() -> None:
    hq = FakeHQ()
    store = FakeStore()
    state = Cancel()

    def request(n: int) -> None:
        if n == 2:
            assert store.read(2 * BATCH).wait(WAIT)  # batch 3 has been read...
            state.cancelled = True  # ...when the user cancels

    hq.on_request = request
    with pytest.raises(SyncCancelled):
        push_all(hq, store, state, batch_size=BATCH)  # type: ignore[arg-type]
    assert store.acknowledged == [1, 2] and store.acked == 2 * BATCH
    assert hq.requests == [(1, BATCH), (BATCH + 1, 2 * BATCH)] and hq.last == 2 * BATCH
    assert threads_named("sync-push") == []
    resume(hq, store)


def test_cancel_before_the_first_batch_sends_nothing() -> None:
    hq = FakeHQ()
    store = FakeStore()
    state = Cancel()
    state.cancelled = True
    with pytest.raises(SyncCancelled):
        push_all(hq, store, state, batch_size=BATCH)  # type: ignore[arg-type]
    assert hq.requests == [] and store.acked == 0


@pytest.mark.parametrize(
    "error",
    [HQUnreachable("cannot reach HQ (ConnectError)"), TokenExpired("log in again"),
     ServerError("HQ failed (HTTP 500); try again later")],
    ids=lambda e: type(e).__name__,
)
def test_a_failed_request_surfaces_after_the_batch_before_it_is_acknowledged(
    error: Exception,
) -> None:
    hq = FakeHQ()
    hq.fail[3] = error
    store = FakeStore()
    with pytest.raises(type(error)) as raised:
        push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]
    assert raised.value is error
    assert store.acknowledged == [1, 2] and store.acked == 2 * BATCH
    assert hq.last == 2 * BATCH and threads_named("sync-push") == []
    # Batch 4 was read and queued during batch 3's request, and not sent after it failed.
    assert store.read(3 * BATCH).is_set() and hq.requests[-1] == (2 * BATCH + 1, 3 * BATCH)
    resume(hq, store)


def test_a_lost_answer_is_asked_again_and_hq_answers_without_applying_twice() -> None:
    hq = FakeHQ()
    hq.lose.add(4)
    store = FakeStore()
    with pytest.raises(HQUnreachable):
        push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]
    assert store.acked == 3 * BATCH and hq.last == 4 * BATCH
    resume(hq, store)


def test_a_failed_first_request_is_raised_here_and_keeps_everything() -> None:
    hq = FakeHQ()
    hq.fail[1] = HQUnreachable("cannot reach HQ (ConnectError)")
    store = FakeStore()
    with pytest.raises(HQUnreachable):
        push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]
    assert store.acked == 0 and hq.last == 0 and threads_named("sync-push") == []


def test_an_empty_outbox_sends_nothing() -> None:
    hq = FakeHQ()
    store = FakeStore()
    store.outbox = []
    report = push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]
    assert report.pushed == 0 and hq.requests == []


def test_edits_made_during_the_push_follow_in_order() -> None:
    """An edit committed while batch N+1 is already read gets a higher op id: it goes in a
    later batch, and nothing is skipped or sent twice."""
    hq = FakeHQ()
    store = FakeStore()
    extra = [op(i) for i in range(BATCH * BATCHES + 1, BATCH * BATCHES + 4)]

    def ack(n: int) -> None:
        if n == 1:
            assert store.read(BATCH).wait(WAIT)  # batch 2 was read before these edits
            store.outbox.extend(extra)

    store.on_ack = ack
    report = push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]
    assert report.pushed == BATCH * BATCHES + len(extra)
    assert hq.applied == [o.op_id for o in store.outbox]
    assert store.acknowledged == [1, 2, 3, 4, 5, 6]
