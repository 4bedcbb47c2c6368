"""A real HQ process and a real laptop store: pushed batches overlap (two are at HQ at once,
and the batch after next goes out while a batch is acknowledged), a batch that refers to a
row of the one before it waits for that one's answer, and a batch that fails to acknowledge
stays in the outbox, with HQ answering it again, unchanged, at the next sync."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from salesdesk.db import outbox
from salesdesk.db.models import Contact, Customer
from salesdesk.domain.people import Role
from salesdesk.hq.push import PREDECESSOR_WAIT_S
from salesdesk.sync.batches import OutboxBatch
from salesdesk.sync.errors import HQUnreachable
from salesdesk.sync.ports import ApplyCounts
from salesdesk.sync.protocol import PushResponse
from tests.hqtest.laptops import Laptop, server_view

BATCH = 3
EDITS = 12
WAIT = 10.0  # seconds; only reached when the batches do not overlap


def edited(laptops: Any, **kwargs: Any) -> Laptop:
    """A synced laptop with a dozen customers, each then renamed: a dozen ops to push."""
    laptop: Laptop = laptops(Role.SALES, **kwargs)
    laptop.sync()  # the user's own row first: customers refer to it

    def make(session: Any) -> None:
        for i in range(EDITS):
            session.add(Customer(name=f"无锡第{i}机械有限公司", assigned_to_id=laptop.user_id))

    laptop.edit(make)
    laptop.sync()

    def rename(session: Any) -> None:
        for customer in session.scalars(select(Customer)):
            customer.name = customer.name.replace("机械", "精密机械")

    laptop.edit(rename)
    assert laptop.store.pending_count() == EDITS
    return laptop


def test_two_batches_are_at_hq_at_once_and_commit_in_order(laptops, hq_db):
    """Renames of different customers: each batch goes out alongside the one before it
    (``after_op_id`` its last op), and the batch after next before a batch is acknowledged.
    Each request waits until the next one has started, and each acknowledgement until the
    batch after next was sent: both hold only when they overlap (otherwise a wait times
    out). HQ commits them in order; the laptop ends equal to HQ."""
    laptop = edited(laptops)
    push, acknowledge = laptop.client.push_batch, laptop.store.acknowledge
    sent: dict[int, threading.Event] = {}  # by first op id
    afters: list[tuple[int, int | None]] = []
    waits: list[tuple[str, bool]] = []
    first = laptop.store.pending(BATCH)
    assert first is not None
    last_op = first.first_op_id + EDITS - 1

    def event(op_id: int) -> threading.Event:
        return sent.setdefault(op_id, threading.Event())

    def push_overlapping(
        client_id: uuid.UUID, batch: OutboxBatch, after: int | None = None
    ) -> PushResponse:
        afters.append((batch.first_op_id, after))
        event(batch.first_op_id).set()
        if batch.last_op_id < last_op:
            waits.append(("push", event(batch.last_op_id + 1).wait(WAIT)))
        return push(client_id, batch, after)

    def ack_after_next_is_sent(batch: OutboxBatch, response: PushResponse) -> ApplyCounts:
        if batch.last_op_id + BATCH < last_op:
            waits.append(("ack", event(batch.last_op_id + BATCH + 1).wait(WAIT)))
        return acknowledge(batch, response)

    laptop.client.push_batch = push_overlapping  # type: ignore[method-assign]  # a test double in its place
    laptop.store.acknowledge = ack_after_next_is_sent  # type: ignore[method-assign]  # a test double in its place
    report = laptop.sync(batch_size=BATCH)
    batches = EDITS // BATCH
    assert report.pushed == EDITS and report.rejected == 0
    assert len(waits) == (batches - 1) + (batches - 2) and all(ok for _, ok in waits), waits
    starts = [first.first_op_id + i * BATCH for i in range(batches)]
    assert sorted(afters) == [(starts[0], None)] + [(s, s - 1) for s in starts[1:]]
    assert laptop.store.pending_count() == 0
    assert laptop.view() == server_view(hq_db, laptop.user_id)


def test_a_batch_that_names_a_row_of_the_one_before_waits_for_its_answer(laptops, hq_db):
    """A contact added to a customer created in the batch before: sent only once that batch
    is answered (HQ would not find the customer yet), and applied."""
    laptop: Laptop = laptops(Role.SALES)
    laptop.sync()
    ids: list[uuid.UUID] = []

    def make(session: Any) -> None:
        for i in range(BATCH):
            customer = Customer(name=f"江阴第{i}钢构有限公司", assigned_to_id=laptop.user_id)
            session.add(customer)
            session.flush()
            ids.append(customer.id)
        session.add(Contact(customer_id=ids[-1], name="周工"))

    laptop.edit(make)
    first = laptop.store.pending(BATCH)
    assert first is not None
    push = laptop.client.push_batch
    answered = threading.Event()
    order: list[tuple[str, int]] = []

    def pushing(client_id: uuid.UUID, batch: OutboxBatch, after: int | None = None) -> Any:
        order.append(("sent", batch.first_op_id))
        if batch.first_op_id > first.first_op_id:
            assert answered.is_set(), "sent before the batch it refers to was answered"
        response = push(client_id, batch, after)
        answered.set()
        order.append(("answered", batch.first_op_id))
        return response

    laptop.client.push_batch = pushing  # type: ignore[method-assign]  # a test double in its place
    report = laptop.sync(batch_size=BATCH)
    assert report.pushed == BATCH + 1 and report.rejected == 0
    second = first.first_op_id + BATCH
    assert order == [("sent", first.first_op_id), ("answered", first.first_op_id),
                     ("sent", second), ("answered", second)]
    assert laptop.view() == server_view(hq_db, laptop.user_id)


def test_a_failed_acknowledgement_keeps_the_batch_and_the_next_sync_resumes(
    laptops, hq_db, monkeypatch
):
    laptop = edited(laptops)
    receive, push = outbox.observe_remote_clock, laptop.client.push_batch
    calls = 0
    fourth_sent = threading.Event()
    first = laptop.store.pending(BATCH)
    assert first is not None

    def failing_receive(engine: Any, remote: Any) -> None:
        # HQ's clock is taken in inside the acknowledgement's transaction, after the outbox
        # was trimmed: all of it rolls back, while the next batch is already at HQ.
        nonlocal calls
        calls += 1
        if calls == 2:
            assert fourth_sent.wait(WAIT)
            raise OSError("disk full")
        receive(engine, remote)

    def pushing(client_id: uuid.UUID, batch: OutboxBatch, after: int | None = None
                ) -> PushResponse:
        if batch.first_op_id == first.first_op_id + 3 * BATCH:
            fourth_sent.set()
        return push(client_id, batch, after)

    monkeypatch.setattr(outbox, "observe_remote_clock", failing_receive)
    laptop.client.push_batch = pushing  # type: ignore[method-assign]  # a test double in its place
    try:
        laptop.sync(batch_size=BATCH)
    except OSError as exc:
        assert "disk full" in str(exc)
    else:
        raise AssertionError("the acknowledgement did not fail")
    assert [t for t in threading.enumerate() if t.name.startswith("sync-push")] == []
    # Batch 1 was acknowledged; batch 2 failed to, and batches 3 and 4 went to HQ meanwhile
    # (the batch after next goes out before a batch is acknowledged).
    assert laptop.store.pending_count() == EDITS - BATCH
    at_hq = server_view(hq_db, laptop.user_id)["customers"]
    renamed = sum("精密机械" in row["name"] for row in at_hq.values())
    assert renamed == 4 * BATCH

    monkeypatch.undo()
    laptop.client.push_batch = push  # type: ignore[method-assign]  # a test double in its place
    report = laptop.sync(batch_size=BATCH)
    assert report.pushed == EDITS - BATCH and report.rejected == 0 and report.conflicts == 0
    assert laptop.store.pending_count() == 0 and laptop.conflicts() == []
    assert laptop.view() == server_view(hq_db, laptop.user_id)


class LosesOnePush(httpx.HTTPTransport):
    """Loses (before HQ sees it) the push request that carries op ``lose``, once, and only
    when the next push request is on its way (so that one is surely sent alongside)."""

    def __init__(self) -> None:
        super().__init__()
        self.lose: int | None = None
        self.next_sent = threading.Event()

    def arm(self, op_id: int) -> None:
        self.next_sent.clear()
        self.lose = op_id

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/push"):
            lose = self.lose
            if lose is not None and b'"op_id":%d,' % lose in request.read():
                self.lose = None
                assert self.next_sent.wait(WAIT), "the next batch was not sent alongside"
                raise httpx.ConnectError("injected: request lost", request=request)
            self.next_sent.set()
        return super().handle_request(request)


def test_a_lost_batch_holds_back_the_one_sent_alongside_and_the_next_sync_sends_both(
    laptops, hq_db
):
    """Batch 1 never reaches HQ; batch 2, sent alongside it, waits for it in vain and is
    refused (out of order: HQ waits 2 s), not applied ahead of it, and not sent again;
    nothing after them is sent. The next sync sends everything, in order."""
    transport = LosesOnePush()
    laptop = edited(laptops, transport=transport)
    first = laptop.store.pending(BATCH)
    assert first is not None
    transport.arm(first.first_op_id)
    started = time.monotonic()
    with pytest.raises(HQUnreachable):
        laptop.sync(batch_size=BATCH)
    assert transport.lose is None, "the batch was not sent"
    assert time.monotonic() - started >= PREDECESSOR_WAIT_S, "HQ did not wait for batch 1"
    assert [t for t in threading.enumerate() if t.name.startswith("sync-push")] == []
    assert laptop.store.pending_count() == EDITS
    at_hq = server_view(hq_db, laptop.user_id)["customers"]
    assert not any("精密机械" in row["name"] for row in at_hq.values())

    report = laptop.sync(batch_size=BATCH)
    assert report.pushed == EDITS and report.rejected == 0 and report.conflicts == 0
    assert laptop.store.pending_count() == 0
    assert laptop.view() == server_view(hq_db, laptop.user_id)
