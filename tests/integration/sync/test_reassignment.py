"""A customer reassigned while its salesperson works offline (人走阵地丢), through a real HQ
process (SQLite and PostgreSQL) and real laptop stores.

docs/SYNC.md: what the old salesperson changed while the customer was theirs reaches HQ, merged by
the usual field rules, and travels to the new owner; only a change made after their laptop
was told of the reassignment is refused, and then it says so.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import select

from salesdesk.db.models import CompetitorQuote, Contact, Customer, Promise, Visit, VisitEvent
from salesdesk.domain.people import Role
from salesdesk.hq import schema
from salesdesk.sync.protocol import (
    API_PREFIX,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    Op,
    OpStatus,
    PushRequest,
    RejectCode,
)
from tests.hqtest.laptops import hq_row, server_view
from tests.hqtest.server import REPO


def assign(hq_url: str, customer_id: uuid.UUID, username: str) -> None:
    """HQ's command line, as the office runs it."""
    subprocess.run(
        [sys.executable, "-m", "salesdesk.hq", "assign", str(customer_id), username,
         "--db", hq_url],
        check=True, cwd=REPO, capture_output=True,
    )


@pytest.fixture
def pair(laptops):
    """Salesperson A, who holds a customer with a contact (synced), and salesperson C."""
    a, c = laptops(Role.SALES), laptops(Role.SALES)
    a.sync()  # the people first: a customer names its salesperson

    def make(session):
        customer = Customer(name="佛山远东钢构有限公司", phone="0757-1111",
                            assigned_to_id=a.user_id)
        session.add(customer)
        session.flush()
        session.add(Contact(customer_id=customer.id, name="王经理", mobile="13800000001"))
        return customer.id

    cid = a.edit(make)
    a.sync()
    c.sync()
    return a, c, cid


def test_offline_edits_made_before_a_reassignment_reach_the_new_owner(pair, hq_db, hq_url):
    a, c, cid = pair

    def offline(session):
        session.get(Customer, cid).phone = "0757-2222"
        contact = Contact(customer_id=cid, name="李工", mobile="13900000002")
        session.add(contact)
        session.flush()
        return contact.id

    new_contact = a.edit(offline)
    assign(hq_url, cid, c.username)

    report = a.sync()

    assert report.rejected == 0
    assert a.conflicts() == []
    assert hq_row(hq_db, "customers", cid)["phone"] == "0757-2222"
    assert hq_row(hq_db, "contacts", new_contact)["customer_id"] == cid
    assert report.evicted == 1  # and then it leaves A's laptop
    assert cid not in a.view()["customers"] and new_contact not in a.view()["contacts"]
    c.sync()
    assert c.view()["customers"][cid]["phone"] == "0757-2222"
    assert new_contact in c.view()["contacts"]
    assert a.view() == server_view(hq_db, a.user_id)
    assert c.view() == server_view(hq_db, c.user_id)


def test_an_offline_edit_still_merges_by_the_field_rules(pair, hq_db, hq_url):
    """The new owner changed the same field before A's push arrived: the later edit wins,
    and A sees their lost value in the conflict list, worded as a lost merge."""
    a, c, cid = pair
    a.edit(lambda s: setattr(s.get(Customer, cid), "phone", "0757-3333"))  # earlier
    assign(hq_url, cid, c.username)
    c.sync()
    c.edit(lambda s: setattr(s.get(Customer, cid), "phone", "0757-4444"))  # later
    c.sync()
    a.sync()
    assert hq_row(hq_db, "customers", cid)["phone"] == "0757-4444"
    (lost,) = a.conflicts()
    assert (lost.field, lost.lost_value, lost.won_value) == ("phone", "0757-3333", "0757-4444")
    assert lost.reason is None and lost.record == "佛山远东钢构有限公司"


def test_a_change_made_after_the_laptop_learnt_of_the_reassignment_is_refused_as_such(
    pair, hq_db, hq_url,
):
    """The laptop had pulled the reassignment (and evicted the customer); a change it makes
    to that customer afterwards is refused because of the reassignment, in those words."""
    a, c, cid = pair
    assign(hq_url, cid, c.username)
    assert a.sync().evicted == 1
    before = hq_row(hq_db, "customers", cid)

    def resurrect(session):  # what the editor left open used to do on Save
        session.add(Customer(id=cid, name="佛山远东钢构有限公司", phone="0757-9999",
                             assigned_to_id=a.user_id))

    a.edit(resurrect)
    report = a.sync()

    assert report.rejected == 1
    assert hq_row(hq_db, "customers", cid)["phone"] == before["phone"]
    refusals = [x for x in a.conflicts() if x.reason is not None]
    assert [(x.reason, x.record) for x in refusals] == [
        (RejectCode.REASSIGNED.value, "佛山远东钢构有限公司")]
    assert cid not in a.view()["customers"]
    assert a.view() == server_view(hq_db, a.user_id)


def test_hq_decides_by_what_the_laptop_had_pulled_when_it_made_the_change(
    pair, hq_db, hq_url, hq
):
    """The rule on the wire: an update of a customer reassigned after the version the laptop
    had pulled merges; the same update from a laptop that had pulled past it is refused with
    code ``reassigned``; one without ``seen`` (an older laptop) is checked as before."""
    a, c, cid = pair
    seen_before = a.store.pull_position()[0].version
    assign(hq_url, cid, c.username)
    with hq_db.read() as conn:
        ae = schema.assignment_event
        moved = conn.execute(
            select(ae.c.version).where(ae.c.customer_id == cid)).scalar_one()
    client_id = uuid.UUID(a.store.client_id())
    hlc = f"{int(time.time() * 1000):013d}-00000-{client_id}"

    def push(op_id, phone, old, seen, *, protocol=None):
        op = Op(op_id=op_id, entity="customers", row_id=cid, op="update",
                changes={"phone": [old, phone]}, hlc=hlc, seen=seen)
        if protocol is not None:
            a.client.protocol = protocol
        try:
            return a.client.push(PushRequest(client_id=client_id, ops=[op])).results[0]
        finally:
            a.client.protocol = PROTOCOL_VERSION

    late = push(1001, "0757-5555", "0757-1111", moved)
    assert (late.status, late.code, late.gone) == (OpStatus.REJECTED, RejectCode.REASSIGNED, True)
    assert "reassigned" in (late.reason or "")
    early = push(1002, "0757-6666", "0757-1111", seen_before)
    assert early.status is OpStatus.APPLIED
    assert hq_row(hq_db, "customers", cid)["phone"] == "0757-6666"
    old = push(1003, "0757-7777", "0757-6666", None, protocol=2)
    assert (old.status, old.code) == (OpStatus.REJECTED, None)
    # Its answer has no field a protocol 2 laptop would refuse (its models forbid extras): the
    # request as such a laptop sends it, on the wire.
    body = PushRequest(client_id=client_id, ops=[Op(
        op_id=1003, entity="customers", row_id=cid, op="update",
        changes={"phone": ["0757-6666", "0757-7777"]}, hlc=hlc)])
    answer = httpx.post(
        hq + API_PREFIX + "/push",
        content=body.model_dump_json(exclude={"ops": {0: {"seen"}}}).encode(),
        headers={PROTOCOL_HEADER: "2", "Authorization": f"Bearer {a.client.token}",
                 "Content-Type": "application/json"},
    )
    raw = answer.content
    assert answer.status_code == 200
    assert b'"code"' not in raw and b'"rejected"' in raw
    assert hq_row(hq_db, "customers", cid)["phone"] == "0757-6666"
    # Contacts under the customer follow the same rule.
    contact = Op(op_id=1004, entity="contacts", row_id=uuid.uuid4(), op="insert",
                 changes={"customer_id": str(cid), "name": "迟到的联系人"}, hlc=hlc, seen=moved)
    refused = a.client.push(PushRequest(client_id=client_id, ops=[contact])).results[0]
    assert refused.code is RejectCode.REASSIGNED


def test_a_reassigned_customer_takes_its_visits_events_quotes_and_promises_along(
    pair, hq_db, hq_url, laptops
):
    """人走阵地丢: the customer's whole history moves with it. A's visits (one done with its
    outcome, one rescheduled then cancelled, each change in visit_events), the competitor
    price heard and the promises (one kept, one open for logistics, which HQ's logistics staff
    closed meanwhile) reach C after the reassignment, and leave A's laptop."""
    a, c, cid = pair
    logistics = laptops(Role.HQ)
    at = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)

    def history(session):
        done = Visit(customer_id=cid, salesperson_id=a.user_id, starts_at=at, status="done",
                     visited_at=at, discussed="下季度用量约 120 吨", customer_needs="交期 7 天",
                     next_step="下周送样品", sequence=1)
        moved = Visit(customer_id=cid, salesperson_id=a.user_id,
                      starts_at=at + timedelta(days=7), purpose="送样品", status="cancelled",
                      reason="客户临时出差", sequence=2)
        session.add_all([done, moved])
        session.flush()
        session.add_all([
            VisitEvent(visit_id=done.id, kind="done", at=at, by_id=a.user_id),
            VisitEvent(visit_id=moved.id, kind="rescheduled", at=at, by_id=a.user_id,
                       reason="客户要求改期", previous_starts_at=at + timedelta(days=6)),
            VisitEvent(visit_id=moved.id, kind="cancelled", at=at, by_id=a.user_id,
                       reason="客户临时出差", previous_starts_at=at + timedelta(days=7)),
            CompetitorQuote(customer_id=cid, visit_id=done.id, competitor="宝钢",
                            product_text="镀锌板 DX51D+Z 1.0mm",
                            their_price=Decimal("27500.00"), our_price=Decimal("28800.00")),
            Promise(customer_id=cid, visit_id=done.id, made_by_id=a.user_id,
                    made_on=date(2026, 12, 1), due=date(2026, 12, 3), description="寄送色卡",
                    status="kept", closed_at=at, closed_by_id=a.user_id),
            Promise(customer_id=cid, visit_id=done.id, made_by_id=a.user_id,
                    made_on=date(2026, 12, 1), due=date(2026, 12, 5),
                    description="确认车号和到达时间", department="logistics"),
        ])

    a.edit(history)
    a.sync()
    logistics.sync()

    def close(session):
        (promise,) = session.scalars(select(Promise).where(Promise.department == "logistics"))
        promise.status, promise.closed_at = "kept", at + timedelta(days=1)
        promise.closed_by_id = logistics.user_id

    logistics.edit(close)
    logistics.sync()
    assign(hq_url, cid, c.username)

    assert a.sync().evicted == 1
    c.sync()

    mine = c.view()
    assert len(mine["visits"]) == 2 and len(mine["visit_events"]) == 3
    assert len(mine["competitor_quotes"]) == 1 and len(mine["promises"]) == 2
    assert {v["discussed"] for v in mine["visits"].values()} == {"下季度用量约 120 吨", ""}
    assert {p["status"] for p in mine["promises"].values()} == {"kept"}
    (quote,) = mine["competitor_quotes"].values()
    assert (quote["their_price"], quote["our_price"]) == ("27500.00", "28800.00")
    left = a.view()
    for entity in ("visits", "visit_events", "competitor_quotes", "promises"):
        assert left[entity] == {}, entity  # evicted with the customer
    assert c.view() == server_view(hq_db, c.user_id)
    assert a.view() == server_view(hq_db, a.user_id)
