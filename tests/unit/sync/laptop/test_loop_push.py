"""The push loop reads batch N+1 as soon as batch N is sent, sends it alongside N when it
mentions no row N writes (after N's answer otherwise), sends N+2 before N is acknowledged,
and still acknowledges in order, fails and resumes as if it did one thing at a time.

A fake HQ (idempotent per op id, committing a batch sent with ``after`` only once that op is
in, as the real one does) and a fake outbox, so every ordering is forced with events, not
timed: a ``WAIT`` runs out only when the code under test is wrong.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator

import pytest
from pydantic import TypeAdapter

from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.sync.batches import OutboxBatch
from salesdesk.sync.errors import HQUnreachable, OutOfOrder
from salesdesk.sync.laptop.loop import push_all
from salesdesk.sync.ports import ApplyCounts
from salesdesk.sync.protocol import Op, OpResult, OpStatus, PushResponse
from tests.unit.sync.laptop.fakes import request_failures, threads_named

BATCH = 10
BATCHES = 5
WAIT = 10.0  # seconds; only reached when the code under test is wrong
CLIENT = uuid.UUID(int=7)
_OPS = TypeAdapter(list[Op])


def number(op_id: int) -> int:
    """The batch (1-based) that op ``op_id`` goes in: batches start after a batch boundary."""
    return (op_id - 1) // BATCH + 1


class FakeHQ:
    """HQ as one laptop's pushes see it.

    Up to two requests at once (never more). A batch sent with ``after`` commits only once
    op ``after`` is in, waiting for it (or, when :attr:`give_up` says so, answering
    :class:`OutOfOrder` instead); one sent without applies on arrival. An op already in is a
    replay, answered as the first time and never applied twice; a new op must come right
    after the last one. A broken rule is raised in the request and kept in :attr:`errors`
    (a helper thread's failure could be dropped by the loop under test).
    """

    def __init__(self) -> None:
        n = range(1, BATCHES + 3)
        self.started = {i: threading.Event() for i in n}  # batch i's request reached HQ
        self.finished = {i: threading.Event() for i in n}  # a request for batch i ended
        self.gave_up = {i: threading.Event() for i in n}  # HQ answered out_of_order for i
        self.hold: dict[int, threading.Event] = {}  # on arrival, batch i waits for this
        # Batch i stops waiting for the op it follows once this is set (it is looked at when
        # a request ends): then it is refused with OutOfOrder.
        self.give_up: dict[int, threading.Event] = {}
        self.fail: dict[int, Exception] = {}  # raised before HQ sees the batch
        self.lose: set[int] = set()  # the batch commits, its answer is lost
        self.on_request: Callable[[int], None] | None = None
        self.requests: list[tuple[int, int | None]] = []  # (batch, after), as they arrived
        self.alongside: list[tuple[int, frozenset[int]]] = []  # (batch, batches at HQ then)
        self.most = 0  # the most requests at HQ at once
        self.threads: list[str] = []
        self.applied: list[int] = []
        self.answers: dict[int, OpResult] = {}
        self.last = 0
        self.errors: list[str] = []
        self._at_hq: list[int] = []
        self._changed = threading.Condition()

    def push_batch(
        self, client_id: uuid.UUID, batch: OutboxBatch, after: int | None = None
    ) -> PushResponse:
        ops = batch.ops()
        ids = [op.op_id for op in ops]
        n = number(ids[0])
        with self._changed:
            self.alongside.append((n, frozenset(self._at_hq)))
            self._at_hq.append(n)
            at_once = len(self._at_hq)
            self.most = max(self.most, at_once)
            self.requests.append((n, after))
            self.threads.append(threading.current_thread().name)
        try:
            assert at_once <= 2, f"batch {n} is a third request at HQ"
            assert client_id == CLIENT
            assert ids == list(range(batch.first_op_id, batch.last_op_id + 1)), ids
            assert ids[0] == (n - 1) * BATCH + 1 and len(ids) <= BATCH, ids
            assert after is None or after < ids[0], f"batch {n} follows op {after}"
            self.started[n].set()
            if self.on_request is not None:
                self.on_request(n)
            if n in self.hold:
                assert self.hold[n].wait(WAIT), f"batch {n} held in vain"
            if n in self.fail:
                raise self.fail.pop(n)
            with self._changed:
                if after is not None and ids[-1] > self.last:
                    self._await(n, after)
                for op in ops:
                    if op.op_id > self.last:
                        assert op.op_id == self.last + 1, f"op {self.last + 1} was skipped"
                        self.applied.append(op.op_id)
                        self.answers[op.op_id] = OpResult(
                            op_id=op.op_id, status=OpStatus.APPLIED
                        )
                        self.last = op.op_id
                self._changed.notify_all()
            if n in self.lose:
                self.lose.discard(n)
                raise HQUnreachable("cannot reach HQ (ReadError)")
            return PushResponse(
                results=[self.answers[i] for i in ids], last_op_id=self.last, server_time_ms=0
            )
        except AssertionError as exc:
            self.errors.append(f"batch {n}: {exc}")
            raise
        finally:
            with self._changed:
                self._at_hq.remove(n)
                self.finished[n].set()
                self._changed.notify_all()

    def _await(self, n: int, after: int) -> None:
        """Waits (holding the condition) until op ``after`` is in; OutOfOrder on giving up."""
        give_up = self.give_up.get(n)
        arrived = self._changed.wait_for(
            lambda: self.last >= after or (give_up is not None and give_up.is_set()), WAIT
        )
        assert arrived, f"batch {n} waited in vain for op {after}"
        if self.last < after:
            self.gave_up[n].set()
            raise OutOfOrder(f"HQ refused the request: op {after} has not arrived")


def op(op_id: int, refers: int | None = None) -> Op:
    """An update of row ``op_id``; with ``refers``, one that also points at row ``refers``
    (a contact moved to another customer)."""
    changes: dict[str, object] = {"name": [f"甲{op_id}", f'乙"{op_id}\\']}
    if refers is not None:
        changes["customer_id"] = [None, str(uuid.UUID(int=refers))]
    return Op(op_id=op_id, entity="customers" if refers is None else "contacts",
              row_id=uuid.UUID(int=op_id), op="update", changes=changes,
              hlc=f"{op_id:013d}-00000-x")


class FakeStore:
    """An outbox of ``BATCHES * BATCH`` ops, each writing its own row, that moves on only
    when a batch is acknowledged, in order, as LocalStore does; its batches carry the rows
    they write (as LocalStore's do) unless :attr:`row_ids_known` is switched off."""

    def __init__(self) -> None:
        self.outbox = [op(i) for i in range(1, BATCH * BATCHES + 1)]
        self.row_ids_known = True
        self.acked = 0
        self.acknowledged: list[int] = []
        self.read_after: dict[int, threading.Event] = {}
        self.on_read: Callable[[int], None] | None = None
        self.on_ack: Callable[[int], None] | None = None

    def refer_back(self, n: int) -> None:
        """Makes batch ``n`` mention a row batch ``n - 1`` writes: its first op points at the
        row of the last op before it."""
        first = (n - 1) * BATCH + 1
        self.outbox[first - 1] = op(first, refers=first - 1)

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
        rows = frozenset(str(o.row_id).encode() for o in ops) if self.row_ids_known else None
        return OutboxBatch(first_op_id=ops[0].op_id, last_op_id=ops[-1].op_id, count=len(ops),
                           ops_json=_OPS.dump_json(ops), row_ids=rows)

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


@pytest.fixture
def hq() -> Iterator[FakeHQ]:
    hq = FakeHQ()
    yield hq
    assert hq.errors == []
    assert hq.most <= 2
    assert threads_named("sync-push") == []


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


def resume(hq: FakeHQ, store: FakeStore) -> None:
    """The next push, with nothing in the way: everything arrives at HQ exactly once."""
    hq.on_request = None
    hq.hold.clear()
    hq.give_up.clear()
    store.on_ack = store.on_read = None
    before = store.acked
    report = push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert report.pushed == len(store.outbox) - before
    assert store.acked == len(store.outbox)
    assert hq.applied == list(range(1, len(store.outbox) + 1))
    assert threads_named("sync-push") == []


def test_a_batch_that_mentions_no_row_of_the_one_before_goes_alongside_it(
    hq: FakeHQ, store: FakeStore,
) -> None:
    overlapped: list[int] = []

    def request(n: int) -> None:
        if n < BATCHES:  # HQ holds batch n until batch n + 1 has arrived as well
            assert hq.started[n + 1].wait(WAIT), f"batch {n + 1} not sent alongside {n}"
            overlapped.append(n)

    hq.on_request = request
    report = push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert overlapped == [1, 2, 3, 4] and hq.most == 2
    assert store.acknowledged == [1, 2, 3, 4, 5] and store.acked == BATCH * BATCHES
    assert report.pushed == BATCH * BATCHES and report.rejected == 0
    # Once each, every batch after the first following the one before it; applied in order.
    assert len(hq.requests) == BATCHES
    assert dict(hq.requests) == {1: None, 2: BATCH, 3: 2 * BATCH, 4: 3 * BATCH, 5: 4 * BATCH}
    assert hq.applied == list(range(1, BATCH * BATCHES + 1))
    caller = threading.current_thread().name
    assert all(t != caller and t.startswith("sync-push") for t in hq.threads)
    assert threads_named("sync-push") == []


def test_the_batch_after_next_goes_out_before_a_batch_is_acknowledged(
    hq: FakeHQ, store: FakeStore,
) -> None:
    checked: list[int] = []

    def ack(n: int) -> None:
        if n < BATCHES:  # the batch after next (none after the last) is read already...
            assert store.read((n + 1) * BATCH).is_set(), f"batch {n + 2} not read before ack"
        if n + 2 <= BATCHES:  # ...and sent: acknowledging batch n waits for it to reach HQ
            assert hq.started[n + 2].wait(WAIT), f"batch {n + 2} not sent before ack {n}"
        checked.append(n)

    store.on_ack = ack
    report = push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert checked == store.acknowledged == [1, 2, 3, 4, 5]
    assert report.pushed == BATCH * BATCHES
    assert hq.applied == list(range(1, BATCH * BATCHES + 1))


@pytest.mark.parametrize("how", ["refers", "rows unknown"])
def test_a_batch_that_may_mention_a_row_of_the_one_before_waits_for_its_answer(
    hq: FakeHQ, store: FakeStore, how: str,
) -> None:
    if how == "refers":
        for n in range(2, BATCHES + 1):
            store.refer_back(n)
    else:
        store.row_ids_known = False  # every batch might write any row
    held: list[int] = []

    def request(n: int) -> None:
        if n < BATCHES:  # HQ holds batch n until batch n + 1 was read and its send decided
            assert store.read(n * BATCH).wait(WAIT)
            assert not hq.started[n + 1].is_set(), f"batch {n + 1} sent alongside {n}"
            held.append(n)

    hq.on_request = request
    report = push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert held == [1, 2, 3, 4]
    # Each request reached HQ alone, after the one before it was answered, still naming it.
    assert [during for _, during in hq.alongside] == [frozenset()] * BATCHES and hq.most == 1
    assert hq.requests == [(1, None), (2, BATCH), (3, 2 * BATCH), (4, 3 * BATCH),
                           (5, 4 * BATCH)]
    assert store.acknowledged == [1, 2, 3, 4, 5] and report.pushed == BATCH * BATCHES
    assert hq.applied == list(range(1, BATCH * BATCHES + 1))
    caller = threading.current_thread().name
    assert all(t != caller and t.startswith("sync-push") for t in hq.threads)


def test_only_the_batch_that_mentions_a_row_of_the_one_before_waits(
    hq: FakeHQ, store: FakeStore,
) -> None:
    store.refer_back(3)  # batch 3 points at a row batch 2 writes; the others are independent
    held: list[int] = []

    def request(n: int) -> None:
        if n in (1, 3, 4):  # HQ holds batch n until batch n + 1 has arrived as well
            assert hq.started[n + 1].wait(WAIT), f"batch {n + 1} not sent alongside {n}"
            held.append(n)

    hq.on_request = request
    report = push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert held == [1, 3, 4]
    assert store.acknowledged == [1, 2, 3, 4, 5] and report.pushed == BATCH * BATCHES
    assert hq.applied == list(range(1, BATCH * BATCHES + 1))
    assert dict(hq.requests) == {1: None, 2: BATCH, 3: 2 * BATCH, 4: 3 * BATCH, 5: 4 * BATCH}
    third = [during for n, during in hq.alongside if n == 3]
    assert len(third) == 1 and 2 not in third[0], "batch 3 sent before batch 2's answer"


def test_a_batch_hq_gave_up_waiting_for_is_sent_again_once_the_one_before_is_answered(
    hq: FakeHQ, store: FakeStore,
) -> None:
    hq.give_up[2] = threading.Event()
    hq.give_up[2].set()  # HQ does not wait for batch 1 when batch 2 arrives...
    hq.hold[1] = hq.gave_up[2]  # ...and batch 1 is still at HQ when it refuses batch 2
    report = push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert hq.gave_up[2].is_set()
    assert [r for r in hq.requests if r[0] == 2] == [(2, BATCH), (2, BATCH)]
    again = [during for n, during in hq.alongside if n == 2][1]
    assert 1 not in again, "batch 2 sent again before batch 1's answer"
    assert store.acknowledged == [1, 2, 3, 4, 5] and report.pushed == BATCH * BATCHES
    assert hq.applied == list(range(1, BATCH * BATCHES + 1))


def test_a_failed_acknowledgement_drops_the_answers_in_flight_and_the_next_push_resends_them(
    hq: FakeHQ, store: FakeStore,
) -> None:
    answer = threading.Event()
    hq.hold[3] = hq.hold[4] = answer

    def ack(n: int) -> None:
        if n == 2:
            # Batches 3 and 4 are at HQ and answer once this acknowledgement has failed.
            assert hq.started[3].wait(WAIT) and hq.started[4].wait(WAIT)
            threading.Thread(target=answer.set, name="test-answer").start()
            raise OSError("disk full")

    store.on_ack = ack
    with pytest.raises(OSError, match="disk full"):
        push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert hq.finished[3].is_set() and hq.finished[4].is_set(), "returned with requests out"
    assert threads_named("sync-push") == []
    assert store.acknowledged == [1] and store.acked == BATCH
    assert hq.last == 4 * BATCH  # HQ has batches 2 to 4; the laptop does not know it yet
    assert {n for n, _ in hq.requests} == {1, 2, 3, 4}

    sent = len(hq.requests)
    resume(hq, store)
    assert hq.requests[sent] == (2, None)  # batch 2 again first, answered from memory


def test_a_failed_acknowledgement_stops_a_batch_waiting_for_an_answer(
    hq: FakeHQ, store: FakeStore,
) -> None:
    """Each batch waits for the answer before it. Batch 3 waits for batch 2's when
    acknowledging batch 1 fails; batch 2 answers a moment after the failure, and batch 3
    is not sent then. (Its task has started, so cancelling it cannot stop it.)"""
    store.row_ids_known = False
    failed = threading.Event()
    hq.hold[2] = failed

    def ack(n: int) -> None:
        if n == 1:
            assert hq.started[2].wait(WAIT) and store.read(2 * BATCH).wait(WAIT)
            threading.Timer(0.05, failed.set).start()
            raise OSError("disk full")

    store.on_ack = ack
    with pytest.raises(OSError, match="disk full"):
        push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert hq.finished[2].is_set() and threads_named("sync-push") == []
    assert {n for n, _ in hq.requests} == {1, 2}, "a batch was sent after the failure"
    resume(hq, store)


@pytest.mark.parametrize("failing", [2, 3])
def test_a_failed_outbox_read_drops_the_answers_in_flight(
    hq: FakeHQ, store: FakeStore, failing: int,
) -> None:
    """Reading batch 2 fails during batch 1's request; reading batch 3 fails once batch 1 is
    answered (before it is acknowledged), with batch 2 at HQ."""

    def read(after: int) -> None:
        if after == (failing - 1) * BATCH:
            assert hq.started[failing - 1].wait(WAIT)
            raise OSError("disk I/O error")

    store.on_read = read
    with pytest.raises(OSError, match="disk I/O error"):
        push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert hq.finished[failing - 1].is_set() and threads_named("sync-push") == []
    assert store.acked == 0 and hq.last == (failing - 1) * BATCH
    assert sorted(n for n, _ in hq.requests) == list(range(1, failing))
    resume(hq, store)


def test_cancel_acknowledges_the_answers_in_hand_and_does_not_send_the_batch_read_after(
    hq: FakeHQ, store: FakeStore,
) -> None:
    state = JobState()

    def request(n: int) -> None:
        if n == 2:
            assert hq.started[3].wait(WAIT)  # batch 3 goes out alongside batch 2...
        if n == 3:
            state.cancel()  # ...and the user cancels while both are at HQ

    hq.on_request = request
    with pytest.raises(Cancelled):
        push_all(hq, store, state, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert store.acknowledged == [1, 2, 3] and store.acked == 3 * BATCH
    assert sorted(n for n, _ in hq.requests) == [1, 2, 3] and hq.last == 3 * BATCH
    assert threads_named("sync-push") == []
    resume(hq, store)


def test_cancel_while_the_next_batch_waits_for_an_answer_does_not_send_it(
    hq: FakeHQ, store: FakeStore,
) -> None:
    store.row_ids_known = False  # each batch waits for the answer before it
    state = JobState()

    def request(n: int) -> None:
        if n == 2:
            assert store.read(2 * BATCH).wait(WAIT)  # batch 3 was read, waits for this one
            state.cancel()

    hq.on_request = request
    with pytest.raises(Cancelled):
        push_all(hq, store, state, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert store.acknowledged == [1, 2] and store.acked == 2 * BATCH
    assert hq.requests == [(1, None), (2, BATCH)] and hq.last == 2 * BATCH
    assert threads_named("sync-push") == []
    resume(hq, store)


def test_cancel_before_the_first_batch_sends_nothing(hq: FakeHQ, store: FakeStore) -> None:
    state = JobState()
    state.cancel()
    with pytest.raises(Cancelled):
        push_all(hq, store, state, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert hq.requests == [] and store.acked == 0


@request_failures
def test_a_failed_request_surfaces_after_the_batch_before_it_is_acknowledged(
    hq: FakeHQ, store: FakeStore, error: Exception,
) -> None:
    hq.fail[3] = error
    hq.hold[3] = hq.started[4]  # batch 4 goes out alongside batch 3 before batch 3 fails...
    hq.give_up[4] = hq.finished[3]  # ...and HQ, waiting for op 30 for it, gives up then
    with pytest.raises(type(error)) as raised:
        push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert raised.value is error
    assert store.acknowledged == [1, 2] and store.acked == 2 * BATCH
    # Batch 4 was refused, not applied, and not sent again after batch 3 failed; push_all
    # returned only once its request had ended. Batch 5 was never read.
    assert hq.gave_up[4].is_set() and hq.finished[4].is_set()
    assert hq.last == 2 * BATCH and hq.applied == list(range(1, 2 * BATCH + 1))
    later = sorted((r for r in hq.requests if r[0] >= 3), key=lambda r: r[0])
    assert later == [(3, 2 * BATCH), (4, 3 * BATCH)]
    assert 4 * BATCH not in store.read_after
    assert threads_named("sync-push") == []
    resume(hq, store)


def test_a_lost_answer_is_asked_again_and_hq_answers_without_applying_twice(
    hq: FakeHQ, store: FakeStore,
) -> None:
    hq.lose.add(4)
    hq.hold[4] = hq.started[5]  # batch 5 goes out alongside batch 4, whose answer is lost
    with pytest.raises(HQUnreachable):
        push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert store.acked == 3 * BATCH and hq.last == 5 * BATCH  # HQ has batches 4 and 5
    sent = len(hq.requests)
    resume(hq, store)
    again = sorted(hq.requests[sent:], key=lambda r: r[0])
    assert again == [(4, None), (5, 4 * BATCH)]  # both answered from memory (resume checks)


def test_a_failed_first_request_is_raised_here_and_keeps_everything(
    hq: FakeHQ, store: FakeStore,
) -> None:
    hq.fail[1] = HQUnreachable("cannot reach HQ (ConnectError)")
    hq.give_up[2] = hq.finished[1]  # batch 2, if it went out alongside, waits for op 10 in vain
    with pytest.raises(HQUnreachable):
        push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert store.acked == 0 and hq.last == 0 and hq.applied == []
    assert [n for n, _ in hq.requests].count(2) <= 1  # never sent again after batch 1 failed
    assert threads_named("sync-push") == []
    resume(hq, store)


def test_an_empty_outbox_sends_nothing(hq: FakeHQ, store: FakeStore) -> None:
    store.outbox = []
    report = push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert report.pushed == 0 and hq.requests == []


def test_edits_made_during_the_push_follow_in_order(hq: FakeHQ, store: FakeStore) -> None:
    """An edit committed while batches N+1 and N+2 are already read gets a higher op id: it
    goes in a later batch, and nothing is skipped or sent twice."""
    extra = [op(i) for i in range(BATCH * BATCHES + 1, BATCH * BATCHES + 4)]

    def ack(n: int) -> None:
        if n == 1:
            assert store.read(2 * BATCH).is_set()  # batches 2 and 3 were read before these
            store.outbox.extend(extra)

    store.on_ack = ack
    report = push_all(hq, store, batch_size=BATCH)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert report.pushed == BATCH * BATCHES + len(extra)
    assert hq.applied == [o.op_id for o in store.outbox]
    assert store.acknowledged == [1, 2, 3, 4, 5, 6]
    assert dict(hq.requests)[6] == 5 * BATCH
