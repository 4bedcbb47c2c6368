"""The outbox batch is sent as the store encoded it, without building models: it must say
exactly what the ops built from the ORM's decoded rows would say."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import select

from salesdesk.db.models import Contact, Customer, Order, OutboxEntry
from salesdesk.db.session import unit_of_work
from salesdesk.sync.laptop.http import HQClient
from salesdesk.sync.laptop.store import LocalStore
from salesdesk.sync.protocol import Op, PushRequest, PushResponse

AWKWARD = 'quote " backslash \\ newline \n tab \t nul \x00 bell \x07 汉字 emoji 🙂 \u2028 end'


def edits(factory: Any) -> None:
    """Inserts, updates and a soft delete, with every kind of value a field can hold."""
    with unit_of_work(factory) as session:
        customer = Customer(name=AWKWARD, tags=["甲", 'b"\\'], notes=AWKWARD,
                            visit_cadence_days=30)
        session.add(customer)
        session.flush()
        contact = Contact(customer_id=customer.id, name="王经理", is_primary=True)
        session.add(contact)
        session.add(Order(customer_id=customer.id, order_no="SO-1", order_date=date(2024, 2, 29),
                          amount=Decimal("12345.67")))
    with unit_of_work(factory) as session:
        customer = session.get(Customer, customer.id)  # type: ignore[assignment]  # saved above
        customer.notes = "改过 " + AWKWARD
        customer.tags = []
        customer.visit_cadence_days = None
        gone = session.get(Contact, contact.id)
        assert gone is not None
        gone.deleted_at = datetime(2024, 3, 1, 8, 30, tzinfo=UTC)


def decoded(factory: Any) -> list[Op]:
    """The ops as the push built them before: ORM-decoded rows, one model each."""
    with factory() as session:
        return [
            Op(op_id=e.op_id, entity=e.entity, row_id=e.row_id, op=e.op, changes=e.changes,
               hlc=e.hlc, seen=e.seen)
            for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.op_id))
        ]


def test_a_batch_says_what_the_decoded_entries_say(factory: Any) -> None:
    edits(factory)
    expected = decoded(factory)
    assert {op.op for op in expected} == {"insert", "update", "delete"}
    store = LocalStore(factory.kw["bind"])
    batch = store.pending(100)
    assert batch is not None
    assert json.loads(batch.ops_json) == [op.model_dump(mode="json") for op in expected]
    assert batch.ops() == expected
    assert (batch.first_op_id, batch.last_op_id, batch.count) == (
        expected[0].op_id, expected[-1].op_id, len(expected))


def test_batches_are_windows_of_the_outbox_after_an_op(factory: Any) -> None:
    edits(factory)
    ids = [op.op_id for op in decoded(factory)]
    store = LocalStore(factory.kw["bind"])
    first = store.pending(2)
    assert first is not None and [op.op_id for op in first.ops()] == ids[:2]
    rest = store.pending(100, after=first.last_op_id)
    assert rest is not None and [op.op_id for op in rest.ops()] == ids[2:]
    assert store.pending(100, after=ids[-1]) is None
    assert store.pending(2) == first  # ``after`` defaults to the last acknowledged op


def test_push_batch_sends_the_request_push_would(factory: Any) -> None:
    edits(factory)
    ops = decoded(factory)
    client_id = uuid.UUID(LocalStore(factory.kw["bind"]).client_id())
    batch = LocalStore(factory.kw["bind"]).pending(100)
    assert batch is not None
    bodies: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        bodies.append(request.read())
        assert request.headers["Content-Type"] == "application/json"
        return httpx.Response(200, content=PushResponse(
            results=[], last_op_id=0, server_time_ms=0).model_dump_json())

    with HQClient("http://hq.test", token="t", transport=httpx.MockTransport(answer)) as client:
        client.push_batch(client_id, batch)
        client.push(PushRequest(client_id=client_id, ops=ops))
    sent, reference = (PushRequest.model_validate_json(b) for b in bodies)
    assert sent == reference
    assert json.loads(bodies[0]) == json.loads(bodies[1])


def test_chinese_text_is_stored_and_sent_as_utf8(factory: Any) -> None:
    """Escaped, each character would take six bytes in the store and on the wire, not three."""
    edits(factory)
    batch = LocalStore(factory.kw["bind"]).pending(100)
    assert batch is not None
    assert "汉字".encode() in batch.ops_json and b"\\u6c49" not in batch.ops_json
    assert b"\\u0000" in batch.ops_json  # control characters are still escaped
