"""Laptops syncing with a real HQ process (SQLite and PostgreSQL): the protocol end to end."""

from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from salesdesk.db.models import Contact, Customer, Visit
from salesdesk.domain.people import Role
from salesdesk.hq import admin, schema
from salesdesk.sync.errors import (
    HQOutdated,
    HQUnreachable,
    StoreConflict,
    TokenExpired,
    UpgradeRequired,
)
from salesdesk.sync.laptop.http import HQClient
from salesdesk.sync.protocol import PROTOCOL_VERSION, Op, OpStatus, PushRequest
from tests.hqtest.clocks import DAY_MS, laptop_clock
from tests.hqtest.faults import Fault, FaultyTransport
from tests.hqtest.laptops import new_customer, server_view, set_field
from tests.hqtest.server import REPO


def assert_matches_server(laptop, hq_db):
    mine = laptop.view()
    theirs = server_view(hq_db, None if laptop.role is Role.HQ else laptop.user_id)
    assert mine == theirs


def test_records_travel_both_ways(sales, office, hq_db):
    cid = new_customer(sales, visit_cadence_days=14)

    def add_children(session):
        session.add(Contact(customer_id=cid, name="王经理", mobile="13900001111"))
        session.add(Visit(customer_id=cid, salesperson_id=sales.user_id,
                          starts_at=datetime(2026, 12, 1, 1, tzinfo=UTC), purpose="介绍新涂层"))

    sales.edit(add_children)
    report = sales.sync()
    assert report.pushed == 3 and report.rejected == 0

    office.sync()
    assert office.view()["customers"][cid]["visit_cadence_days"] == 14
    set_field(office, Customer, cid, credit_terms="月结60天")
    office.sync()

    sales.sync()
    assert sales.view()["customers"][cid]["credit_terms"] == "月结60天"
    assert_matches_server(sales, hq_db)
    assert_matches_server(office, hq_db)
    # A sync with nothing to do exchanges nothing.
    again = sales.sync()
    assert (again.pushed, again.pulled) == (0, 0)


def test_shared_field_latest_edit_wins_and_loser_sees_it(sales, office, hq_db):
    cid = new_customer(sales)
    sales.sync()
    office.sync()
    set_field(sales, Customer, cid, phone="0512-1111")
    set_field(office, Customer, cid, phone="0512-2222")  # later clock
    sales.sync()
    office.sync()
    sales.sync()
    assert sales.view()["customers"][cid]["phone"] == "0512-2222"
    lost = [c for c in sales.conflicts() if c.field == "phone"]
    assert lost and lost[0].lost_value == "0512-1111" and lost[0].won_value == "0512-2222"
    assert_matches_server(sales, hq_db)


def test_salesperson_field_beats_hq_edit(sales, office, hq_db):
    cid = new_customer(sales)
    sales.sync()
    office.sync()
    set_field(office, Customer, cid, notes="HQ note")
    set_field(sales, Customer, cid, notes="the salesperson's note")  # later, but owner decides
    office.sync()
    sales.sync()
    office.sync()
    assert office.view()["customers"][cid]["notes"] == "the salesperson's note"
    assert [c.field for c in office.conflicts()] == ["notes"]
    assert_matches_server(office, hq_db)


def test_hq_owned_field_edit_is_rejected_and_restored(sales, hq_db):
    cid = new_customer(sales)
    sales.sync()
    set_field(sales, Customer, cid, credit_terms="现款现货", city="苏州")
    report = sales.sync()
    assert report.rejected == 1
    view = sales.view()["customers"][cid]
    assert view["credit_terms"] == "" and view["city"] == ""  # the whole op, nothing of it
    assert any("only HQ" in c.won_by for c in sales.conflicts())
    assert_matches_server(sales, hq_db)


def test_deleted_row_never_comes_back(sales, office, hq_db):
    cid = new_customer(sales)

    def add(session):
        contact = Contact(customer_id=cid, name="李工")
        session.add(contact)
        session.flush()
        return contact.id

    contact_id = sales.edit(add)
    sales.sync()
    office.sync()
    set_field(sales, Contact, contact_id, deleted_at=datetime.now(UTC))
    set_field(office, Contact, contact_id, mobile="13800000000")  # offline edit of a doomed row
    sales.sync()
    report = office.sync()
    assert report.rejected == 1
    assert office.view()["contacts"][contact_id]["deleted_at"] is not None
    with hq_db.read() as conn:
        from salesdesk.hq.schema import ENTITY_TABLES

        t = ENTITY_TABLES["contacts"]
        row = conn.execute(select(t).where(t.c.id == contact_id)).mappings().one()
    assert row["deleted_at"] is not None and row["mobile"] == ""
    assert_matches_server(office, hq_db)


def test_reassignment_moves_history_and_evicts(laptops, hq_db, hq_url, office):
    old = laptops(Role.SALES)
    new = laptops(Role.SALES)
    for laptop in (old, new):
        laptop.role = Role.SALES
        laptop.sync()
    cid = new_customer(old, name="佛山远东钢构有限公司")
    old.edit(lambda s: s.add(Visit(customer_id=cid, purpose="first visit",
                                                starts_at=datetime(2026, 12, 1, 1, tzinfo=UTC))))
    old.sync()
    username = new.username
    subprocess.run(
        [sys.executable, "-m", "salesdesk.hq", "assign", str(cid), username, "--db", hq_url],
        check=True, cwd=REPO, capture_output=True,
    )
    report = old.sync()
    assert report.evicted == 1
    assert cid not in old.view()["customers"]
    assert not old.view()["visits"]
    new.sync()
    assert cid in new.view()["customers"]
    assert len(new.view()["visits"]) == 1  # the history travels with the customer
    assert_matches_server(old, hq_db)
    assert_matches_server(new, hq_db)


def test_replayed_push_gets_identical_answer(sales, hq):
    row_id = uuid.uuid4()
    body = PushRequest(
        client_id=uuid.UUID(sales.store.client_id()),
        ops=[Op(op_id=10_000, entity="customers", row_id=row_id, op="insert",
                changes={"name": "重放测试", "assigned_to_id": str(sales.user_id)},
                hlc=f"{int(datetime.now(UTC).timestamp() * 1000):013d}-00000-x")],
    )
    first = sales.client.push(body)
    second = sales.client.push(body)
    assert first.results == second.results
    assert first.results[0].status is OpStatus.APPLIED
    # The same op id with different content is refused, never silently dropped.
    other = body.model_copy(update={"ops": [body.ops[0].model_copy(update={"hlc": "1-1-y"})]})
    with pytest.raises(StoreConflict, match="another change"):
        sales.client.push(other)


def test_old_client_is_told_to_upgrade(hq):
    client = HQClient(hq)
    client.protocol = 0
    with pytest.raises(UpgradeRequired):
        client.login("nobody", "nothing")
    client.close()
    with HQClient(hq) as current:
        assert current.hello().protocol_max >= 1


def test_a_laptop_newer_than_hq_is_told_hq_needs_the_update(hq):
    """A laptop speaking a protocol HQ does not know yet is not told to upgrade itself."""
    with HQClient(hq) as client:
        client.protocol = PROTOCOL_VERSION + 1
        with pytest.raises(HQOutdated) as raised:
            client.login("nobody", "nothing")
        assert raised.value.max_protocol == PROTOCOL_VERSION


def test_a_protocol_1_laptop_still_pushes(sales, hq_db):
    """Protocol 1 had no after_op_id: such a laptop's batches apply as they arrive."""
    row_id = uuid.uuid4()
    sales.client.protocol = 1
    try:
        answer = sales.client.push(PushRequest(
            client_id=uuid.UUID(sales.store.client_id()),
            ops=[Op(op_id=20_000, entity="customers", row_id=row_id, op="insert",
                    changes={"name": "旧版客户端", "assigned_to_id": str(sales.user_id)},
                    hlc=f"{int(datetime.now(UTC).timestamp() * 1000):013d}-00000-x")],
        ))
    finally:
        sales.client.protocol = PROTOCOL_VERSION
    assert answer.results[0].status is OpStatus.APPLIED
    assert row_id in server_view(hq_db, sales.user_id)["customers"]


def test_old_client_sync_is_told_to_upgrade_without_hello(sales):
    # A sync sends no separate hello: the protocol header on its own requests is checked.
    sales.client.protocol = 0
    try:
        with pytest.raises(UpgradeRequired):
            sales.sync()
    finally:
        sales.client.protocol = PROTOCOL_VERSION


def test_logout_revokes_token(sales):
    token = sales.client.token
    sales.client.logout()
    sales.client.token = token
    with pytest.raises(TokenExpired):
        sales.sync()


def test_money_and_dates_stay_exact(office, hq_db):
    from salesdesk.db.models import Order

    office.sync()
    cid = new_customer(office, name="精确金额测试", assigned_to_id=None)

    def add(session):
        order = Order(customer_id=cid, order_no=f"SO-{uuid.uuid4().hex[:8]}",
                      order_date=date(2026, 2, 28), amount=Decimal("1234567.89"))
        session.add(order)
        session.flush()
        return order.id

    order_id = office.edit(add)
    office.sync()
    row = server_view(hq_db, None)["orders"][order_id]
    assert row["amount"] == "1234567.89" and row["order_date"] == "2026-02-28"


def test_malformed_op_is_rejected_and_queue_moves_on(sales):
    client_id = uuid.UUID(sales.store.client_id())
    now = f"{int(datetime.now(UTC).timestamp() * 1000):013d}-00000-x"
    ops = [
        Op(op_id=20_000, entity="customers", row_id=uuid.uuid4(), op="insert",
           changes={"name": 42}, hlc=now),
        Op(op_id=20_001, entity="nonsense", row_id=uuid.uuid4(), op="insert", changes={},
           hlc=now),
        Op(op_id=20_002, entity="customers", row_id=uuid.uuid4(), op="insert",
           changes={"name": "好客户"}, hlc=now),
    ]
    result = sales.client.push(PushRequest(client_id=client_id, ops=ops))
    assert [r.status for r in result.results] == [
        OpStatus.REJECTED, OpStatus.REJECTED, OpStatus.APPLIED
    ]
    assert "customers.name" in (result.results[0].reason or "")


def _assignment(hq_db, cid):
    with hq_db.read() as conn:
        c, cf = schema.customers, schema.conflict
        owner = conn.execute(select(c.c.assigned_to_id).where(c.c.id == cid)).scalar_one()
        lost = [
            (r.lost_value, r.won_value, r.lost_by)
            for r in conn.execute(
                select(cf).where(cf.c.row_id == cid, cf.c.field == "assigned_to_id")
                .order_by(cf.c.id)
            )
        ]
    return owner, lost


def test_command_line_and_office_laptop_reassign_the_same_customer(office, accounts, hq_db):
    """The command line and an offline HQ staff laptop reassign one customer: the later
    reassignment wins and the other is kept in a conflict record; a laptop "reassigning" to
    the owner it already shows changes nothing, so the command line's owner stands."""
    (a_name, _, a), (b_name, _, b), (_, _, c) = (accounts.make(Role.SALES) for _ in range(3))
    office.sync()  # the laptop learns the new accounts
    cid = new_customer(office, name="杭州恒通幕墙有限公司", assigned_to_id=a)
    office.sync()

    # The laptop has not pulled the command line's change and sets the owner it shows: no edit.
    admin.assign(hq_db, cid, b_name)
    set_field(office, Customer, cid, assigned_to_id=a)
    assert office.store.pending_count() == 0
    office.sync()
    assert _assignment(hq_db, cid) == (b, [])
    assert_matches_server(office, hq_db)

    # The laptop reassigns after the command line did: the laptop's later write wins.
    admin.assign(hq_db, cid, a_name)
    with laptop_clock(+1):  # a later clock than the command line's
        set_field(office, Customer, cid, assigned_to_id=c)
    office.sync()
    assert _assignment(hq_db, cid) == (c, [(str(a), str(c), "hq-system")])
    assert_matches_server(office, hq_db)

    # The laptop reassigns before the command line does: the command line's later write wins
    # and the laptop's value is kept in a conflict record the laptop receives.
    with laptop_clock(-DAY_MS):  # an earlier clock than the command line's
        set_field(office, Customer, cid, assigned_to_id=a)
    admin.assign(hq_db, cid, b_name)
    office.sync()
    owner, lost = _assignment(hq_db, cid)
    assert owner == b and lost[-1] == (str(a), str(b), office.username)
    # Exactly once: HQ answers the push with the conflict and the pull brings its notice.
    assert [(x.field, x.lost_value, x.won_value) for x in office.conflicts()
            if x.row_id == cid] == [("assigned_to_id", str(a), str(b))]
    assert_matches_server(office, hq_db)


def test_a_value_changed_and_changed_back_is_still_a_later_write(office, accounts, hq_db):
    """A→B→A under an offline edit: the command line moves a customer from a to b and back to
    a while an HQ staff laptop, still showing a, reassigns it to c. The laptop's ``[a, c]``
    matches HQ's value, but the command line's return to a came later and wins; the laptop's
    c is kept in a conflict record instead of silently undoing it."""
    (a_name, _, a), (b_name, _, _), (_, _, c) = (accounts.make(Role.SALES) for _ in range(3))
    office.sync()
    cid = new_customer(office, name="嘉兴宏图彩板有限公司", assigned_to_id=a)
    office.sync()

    admin.assign(hq_db, cid, b_name)
    with laptop_clock(-DAY_MS):  # offline, from a; earlier than the command line's return
        set_field(office, Customer, cid, assigned_to_id=c)
    admin.assign(hq_db, cid, a_name)  # back to a, later than the laptop's edit
    office.sync()
    owner, lost = _assignment(hq_db, cid)
    assert owner == a
    assert lost[-1] == (str(c), str(a), office.username)
    assert [(x.lost_value, x.won_value) for x in office.conflicts() if x.row_id == cid] == [
        (str(c), str(a))
    ]
    assert_matches_server(office, hq_db)


def test_a_change_that_loses_on_its_own_push_is_listed_once(laptops, office, hq_db):
    """The laptop's own push loses a merge: HQ's answer and the pull's notice are the same
    conflict, listed once. When the pull after the push fails, it is listed at the next one."""
    transport = FaultyTransport()
    sales = laptops(Role.SALES, transport=transport)
    sales.role = Role.SALES
    sales.sync()  # learns its own user
    cid = new_customer(sales, name="无锡华光幕墙有限公司")
    sales.sync()
    office.sync()

    def lose(phone, *, pull_fails):
        set_field(sales, Customer, cid, phone=phone)  # offline, earlier clock
        with laptop_clock(+1):
            set_field(office, Customer, cid, phone=phone + "9")
        office.sync()
        if pull_fails:
            transport.plan.extend([None, Fault.LOSE_REQUEST])  # the push goes, the pull not
            with pytest.raises(HQUnreachable):
                sales.sync()
            assert sales.store.pending_count() == 0  # pushed, answered, acknowledged
        report = sales.sync()
        assert (report.pushed, report.conflicts) == (0 if pull_fails else 1, 1)

    lose("0510-1111", pull_fails=False)
    assert [(c.field, c.lost_value, c.won_value) for c in sales.conflicts()] == [
        ("phone", "0510-1111", "0510-11119")
    ]
    lose("0510-2222", pull_fails=True)
    assert [(c.field, c.lost_value, c.won_value) for c in sales.conflicts()] == [
        ("phone", "0510-1111", "0510-11119"), ("phone", "0510-2222", "0510-22229")
    ]
    assert sales.sync().conflicts == 0
    assert len(sales.conflicts()) == 2
    assert_matches_server(sales, hq_db)
