"""A real HQ process and a real laptop store: pushed batches overlap (batch N+1 is at HQ while
batch N is acknowledged), and a batch that fails to acknowledge stays in the outbox, with HQ
answering it again, unchanged, at the next sync."""

from __future__ import annotations

import threading
import uuid
from typing import Any

from sqlalchemy import select

from salesdesk.db.models import Customer
from salesdesk.domain.enums import Role
from salesdesk.sync.client import ApplyCounts, OutboxBatch
from salesdesk.sync.protocol import PushResponse
from tests.hqtest.laptops import Laptop, server_view

BATCH = 3
EDITS = 12
WAIT = 10.0  # seconds; only reached when the batches do not overlap


def edited(laptops: Any) -> Laptop:
    """A synced laptop with a dozen customers, each then renamed: a dozen ops to push."""
    laptop: Laptop = laptops(Role.SALES)
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


def test_next_batch_is_at_hq_while_a_batch_is_acknowledged(laptops, hq_db):
    """Each acknowledgement waits until the next batch's request has started, and each request
    after the first waits until the batch before it is being acknowledged: both hold only
    when the two run at the same time, on different threads (otherwise a wait times out)."""
    laptop = edited(laptops)
    push, acknowledge = laptop.client.push_batch, laptop.store.acknowledge
    sent: dict[int, threading.Event] = {}  # by first op id
    acknowledging: dict[int, threading.Event] = {}  # by last op id
    waits: list[tuple[str, bool]] = []
    first = laptop.store.pending(BATCH)
    assert first is not None

    def event(events: dict[int, threading.Event], op_id: int) -> threading.Event:
        return events.setdefault(op_id, threading.Event())

    def push_during_ack(client_id: uuid.UUID, batch: OutboxBatch) -> PushResponse:
        event(sent, batch.first_op_id).set()
        if batch.first_op_id > first.first_op_id:
            waits.append(("push", event(acknowledging, batch.first_op_id - 1).wait(WAIT)))
        return push(client_id, batch)

    def ack_during_push(batch: OutboxBatch, response: PushResponse) -> ApplyCounts:
        event(acknowledging, batch.last_op_id).set()
        if laptop.store.pending(1, after=batch.last_op_id) is not None:
            waits.append(("ack", event(sent, batch.last_op_id + 1).wait(WAIT)))
        return acknowledge(batch, response)

    laptop.client.push_batch = push_during_ack  # type: ignore[method-assign]
    laptop.store.acknowledge = ack_during_push  # type: ignore[method-assign]
    report = laptop.sync(batch_size=BATCH)
    batches = EDITS // BATCH
    assert report.pushed == EDITS and report.rejected == 0
    assert len(waits) == 2 * (batches - 1) and all(ok for _, ok in waits), waits
    assert laptop.store.pending_count() == 0
    assert laptop.view() == server_view(hq_db, laptop.user_id)


def test_a_failed_acknowledgement_keeps_the_batch_and_the_next_sync_resumes(laptops, hq_db):
    laptop = edited(laptops)
    receive, push = laptop.store._receive_clock, laptop.client.push_batch
    calls = 0
    third_sent = threading.Event()
    first = laptop.store.pending(BATCH)
    assert first is not None

    def failing_receive(session: Any, server_ms: int) -> None:
        # Inside the acknowledgement's transaction, after the outbox was trimmed: all of it
        # rolls back, while the next batch is already at HQ.
        nonlocal calls
        calls += 1
        if calls == 2:
            assert third_sent.wait(WAIT)
            raise OSError("disk full")
        receive(session, server_ms)

    def pushing(client_id: uuid.UUID, batch: OutboxBatch) -> PushResponse:
        if batch.first_op_id == first.first_op_id + 2 * BATCH:
            third_sent.set()
        return push(client_id, batch)

    laptop.store._receive_clock = failing_receive  # type: ignore[method-assign]
    laptop.client.push_batch = pushing  # type: ignore[method-assign]
    try:
        laptop.sync(batch_size=BATCH)
    except OSError as exc:
        assert "disk full" in str(exc)
    else:
        raise AssertionError("the acknowledgement did not fail")
    assert [t for t in threading.enumerate() if t.name.startswith("sync-push")] == []
    # Batch 1 was acknowledged; batch 2 failed to, and batch 3 went to HQ meanwhile.
    assert laptop.store.pending_count() == EDITS - BATCH
    at_hq = server_view(hq_db, laptop.user_id)["customers"]
    renamed = sum("精密机械" in row["name"] for row in at_hq.values())
    assert renamed == 3 * BATCH

    laptop.store._receive_clock = receive  # type: ignore[method-assign]
    laptop.client.push_batch = push  # type: ignore[method-assign]
    report = laptop.sync(batch_size=BATCH)
    assert report.pushed == EDITS - BATCH and report.rejected == 0 and report.conflicts == 0
    assert laptop.store.pending_count() == 0 and laptop.conflicts() == []
    assert laptop.view() == server_view(hq_db, laptop.user_id)
