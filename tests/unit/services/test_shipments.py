"""ShipmentService over a real store: compose and save in one transaction, new from previous,
send by text (logged per recipient), the ETA slip and its update, arrival, on-time rates."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import sessionmaker

from salesdesk.db.models import Contact, Customer, ShipmentNotice, User
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain.shipments import Channel, DispatchResult, ShipmentStatus
from salesdesk.domain.validation import ErrorCode, ValidationFailed
from salesdesk.kit.changes import Changes
from salesdesk.services.shipments.records import Arrival, LineDraft, NoticeDraft, NoticeGone
from salesdesk.services.shipments.service import ShipmentService
from salesdesk.sync.laptop.store import LocalStore
from tests.store_sql import query

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def world(factory: sessionmaker[LocalSession]) -> dict[str, uuid.UUID]:
    with unit_of_work(factory) as session:
        session.info["outbox"] = False  # as if pulled from HQ
        zhang = User(username="zhang", display_name="张伟", role="sales")
        a = Customer(name="苏州墙煌建材有限公司")
        b = Customer(name="杭州恒通幕墙有限公司")
        session.add_all([zhang, a, b])
        session.flush()
        wang = Contact(customer_id=a.id, name="王经理", email="wang@qh.cn",
                       mobile="13800138000", is_primary=True)
        li = Contact(customer_id=a.id, name="李主管", mobile="13900139000")  # no email
        other = Contact(customer_id=b.id, name="赵总", email="zhao@ht.cn")
        session.add_all([wang, li, other])
        session.flush()
        ids = {"zhang": zhang.id, "a": a.id, "b": b.id, "wang": wang.id, "li": li.id,
               "other": other.id}
    LocalStore(factory.kw["bind"]).bind_user(ids["zhang"], "zhang", "sales")
    return ids


@pytest.fixture
def service(factory, world, clock) -> ShipmentService:
    return ShipmentService(factory, SHANGHAI, lambda language: "宏达钢业", clock)


def draft(world: dict[str, uuid.UUID], **kw: object) -> NoticeDraft:
    base: dict[str, object] = {
        "customer_id": world["a"],
        "lines": (LineDraft("镀锌卷 DX51D 1.0×1250", "25.5", "吨", "B2612"),
                  LineDraft("冷轧板 SPCC", "１２", "t")),
        "recipient_ids": (world["wang"],),
        "order_ref": "SO-2026-118",
        "ship_time": NOW,
        "carrier": "顺达物流",
        "truck_plate": "粤b·12345",
        "driver_name": "张师傅",
        "driver_phone": "+86 139 0000 1111",
        "eta": NOW + timedelta(days=2),
    }
    base.update(kw)
    return NoticeDraft(**base)  # type: ignore[arg-type]


def codes(exc: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, ErrorCode]]:
    return [(e.field, e.code) for e in exc.value.errors]


def test_a_notice_is_saved_normalised_with_its_lines_in_one_transaction(service, world, store):
    saved = service.save(draft(world))
    assert saved.changes == Changes(shipments=True, sync_state=True)
    d = service.detail(saved.id)
    assert (d.status, d.draft.truck_plate, d.draft.driver_phone) == (
        ShipmentStatus.DRAFT, "粤B12345", "13900001111")
    assert [(x.spec, x.quantity, x.unit) for x in d.draft.lines] == [
        ("镀锌卷 DX51D 1.0×1250", "25.5", "t"), ("冷轧板 SPCC", "12", "t")]
    assert d.notice_no == "FH20261203-01" and d.missing == ()
    ops = query(store, "SELECT entity, op FROM outbox ORDER BY op_id")
    assert ops == [("shipment_notices", "insert"), ("shipment_lines", "insert"),
                   ("shipment_lines", "insert")]


def test_bad_fields_are_refused_together_and_nothing_is_written(service, world, store):
    with pytest.raises(ValidationFailed) as exc:
        service.save(draft(world, truck_plate="粤B1234", driver_phone="12345",
                           lines=(LineDraft("镀锌卷", "两吨"),), eta=NOW))
    assert codes(exc) == [("lines.0.quantity", ErrorCode.QUANTITY),
                          ("truck_plate", ErrorCode.PLATE), ("driver_phone", ErrorCode.PHONE),
                          ("eta", ErrorCode.ETA_BEFORE_SHIP)]
    assert query(store, "SELECT count(*) FROM shipment_notices") == [(0,)]


def test_a_draft_missing_elements_saves_but_cannot_be_sent(service, world, store):
    saved = service.save(draft(world, truck_plate="", eta=None))
    assert [str(e) for e in service.detail(saved.id).missing] == ["truck_plate", "eta"]
    plan = service.plan_send(saved.id)
    assert not plan.sendable
    assert [(e.field, e.code) for e in plan.problems] == [
        ("truck_plate", ErrorCode.REQUIRED), ("eta", ErrorCode.REQUIRED)]
    with pytest.raises(ValidationFailed):
        service.log_send(saved.id, Channel.SMS)
    assert query(store, "SELECT count(*) FROM shipment_dispatches") == [(0,)]


def test_the_send_plan_names_recipients_without_email_and_offers_the_text(service, world):
    saved = service.save(draft(world, recipient_ids=(world["wang"], world["li"])))
    plan = service.plan_send(saved.id)
    assert plan.sendable
    assert [r.name for r in plan.recipients] == ["王经理", "李主管"]
    assert [r.name for r in plan.without_email] == ["李主管"]
    assert "车号：粤B12345" in plan.text and plan.segments <= 2
    assert plan.subject == "发货通知：苏州墙煌建材有限公司 预计12月5日 10:00到达"


def test_a_text_send_is_logged_per_recipient_and_fixes_the_first_eta(
        service, world, factory, store):
    saved = service.save(draft(world, recipient_ids=(world["wang"], world["li"])))
    sent = service.log_send(saved.id, Channel.SMS)
    assert len(sent.dispatch_ids) == 2
    d = service.detail(saved.id)
    assert d.status is ShipmentStatus.SENT and d.first_eta == NOW + timedelta(days=2)
    assert [(x.channel, x.recipient, x.result, x.is_update) for x in d.dispatches] == [
        (Channel.SMS, "王经理 13800138000", DispatchResult.SENT, False),
        (Channel.SMS, "李主管 13900139000", DispatchResult.SENT, False)]
    assert ("shipment_dispatches", "insert") in query(store, "SELECT entity, op FROM outbox")


def test_an_eta_slip_on_a_sent_notice_readies_the_update_with_an_apology(service, world):
    saved = service.save(draft(world))
    assert not saved.eta_slipped  # nobody was told yet
    service.log_send(saved.id, Channel.COPY)
    later = NOW + timedelta(days=3)
    slipped = service.change_eta(saved.id, later)
    assert slipped.eta_slipped
    plan = service.plan_send(saved.id)
    assert plan.is_update and "（原12月5日 10:00，抱歉延误）" in plan.text
    assert plan.subject.startswith("发货通知（更新）")
    service.log_send(saved.id, Channel.COPY)
    d = service.detail(saved.id)
    assert d.first_eta == NOW + timedelta(days=2)  # the first promise stays
    assert [x.is_update for x in d.dispatches] == [False, True]
    assert not service.plan_send(saved.id).is_update  # the customer has the new ETA now


def test_new_from_previous_keeps_the_customer_and_goods_not_the_truck(service, world):
    saved = service.save(draft(world))
    again = service.new_from_previous(saved.id)
    assert (again.id, again.customer_id, again.recipient_ids) == (None, world["a"],
                                                                  (world["wang"],))
    assert [x.spec for x in again.lines] == ["镀锌卷 DX51D 1.0×1250", "冷轧板 SPCC"]
    assert (again.truck_plate, again.driver_phone, again.ship_time, again.eta) == (
        "", "", None, None)
    second = service.save(again)
    assert service.detail(second.id).notice_no == "FH20261203-02"


def test_arrival_is_confirmed_once_and_rates_count_first_and_latest_eta(
        service, world, clock):
    on_time = service.save(draft(world))
    late = service.save(draft(world))
    for n in (on_time, late):
        service.log_send(n.id, Channel.COPY)
    service.change_eta(late.id, NOW + timedelta(days=4))  # slipped two days
    clock.now = NOW + timedelta(days=5)
    service.confirm_arrival(on_time.id, Arrival(NOW + timedelta(days=1), "仓库老李", "完好"))
    service.confirm_arrival(late.id, Arrival(NOW + timedelta(days=3, hours=12)))
    with pytest.raises(ValidationFailed) as exc:
        service.confirm_arrival(late.id, Arrival(NOW + timedelta(days=4)))
    assert codes(exc) == [("status", ErrorCode.ALREADY_CLOSED)]
    d = service.detail(on_time.id)
    assert (d.status, d.received_by, d.arrival_remarks) == (ShipmentStatus.ARRIVED, "仓库老李",
                                                           "完好")
    rates = service.on_time()
    assert (rates.overall.arrived, rates.overall.by_first_eta, rates.overall.by_latest_eta) == (
        2, 1, 2)
    assert [line.name for line in rates.customers] == ["苏州墙煌建材有限公司"]
    assert service.on_time(world["b"]).overall.arrived == 0


def test_the_page_and_today_list_notices_on_the_road(service, world, clock):
    due_today = service.save(draft(world, eta=NOW + timedelta(hours=6)))
    late = service.save(draft(world, ship_time=NOW - timedelta(days=2),
                              eta=NOW - timedelta(hours=1)))
    service.save(draft(world, customer_id=world["b"], recipient_ids=()))  # a draft
    for n in (due_today, late):
        service.log_send(n.id, Channel.COPY)
    rows = service.page().rows
    assert len(rows) == 3 and rows[0].goods == "镀锌卷 DX51D 1.0×1250"
    arriving, behind = service.arriving()
    assert [r.id for r in arriving] == [due_today.id]
    assert [r.id for r in behind] == [late.id]
    assert len(service.page(customer_id=world["b"]).rows) == 1


def test_a_notice_deleted_meanwhile_is_gone(service, world, factory):
    saved = service.save(draft(world))
    with unit_of_work(factory) as session:
        notice = session.get(ShipmentNotice, saved.id)
        assert notice is not None
        notice.deleted_at = NOW
    with pytest.raises(NoticeGone):
        service.plan_send(saved.id)


def test_recipients_must_be_the_customers_contacts(service, world):
    with pytest.raises(ValidationFailed) as exc:
        service.save(draft(world, recipient_ids=(world["other"],)))
    assert codes(exc) == [("recipient_ids", ErrorCode.CHOICE)]


def test_resaving_unchanged_writes_nothing(service, world, store):
    saved = service.save(draft(world))
    before = query(store, "SELECT count(*) FROM outbox")
    service.save(service.detail(saved.id).draft)
    assert query(store, "SELECT count(*) FROM outbox") == before
    assert query(store, "SELECT quantity FROM shipment_lines ORDER BY position") == [
        (25500,), (12000,)]  # thousandths: 25.5 t exactly


def test_the_customer_timeline_shows_the_notice_and_every_send(service, world, factory, clock):
    from salesdesk.services.shipments.timeline import SendEntry, ShipmentEntry
    from salesdesk.services.timeline import TimelineService

    saved = service.save(draft(world, recipient_ids=(world["wang"], world["li"])))
    service.log_send(saved.id, Channel.SMS)
    clock.now = NOW + timedelta(days=3)  # past the ETA, not arrived: late
    entries = TimelineService(factory, SHANGHAI).read(world["a"], now=clock.now).entries
    notices = [e for e in entries if isinstance(e, ShipmentEntry)]
    sends = [e for e in entries if isinstance(e, SendEntry)]
    assert [(n.id, n.notice_no, n.truck_plate, n.late) for n in notices] == [
        (saved.id, "FH20261203-01", "粤B12345", True)]
    assert sorted(s.recipient for s in sends) == ["李主管 13900139000", "王经理 13800138000"]
    assert {(s.channel, s.result) for s in sends} == {("sms", "sent")}
    assert TimelineService(factory, SHANGHAI).read(world["b"]).entries == ()


def test_on_time_counted_by_the_database_agrees_with_the_domains_rule(service, world, factory):
    import random

    from salesdesk.domain.shipments import NoticeState, on_time

    rng = random.Random(7)
    states = []
    with unit_of_work(factory) as session:
        for i in range(300):
            eta = NOW + timedelta(hours=rng.randrange(-48, 48))
            first = rng.choice([None, eta, eta - timedelta(hours=rng.randrange(0, 12))])
            arrived = rng.choice([None, eta, eta + timedelta(minutes=rng.randrange(-600, 600))])
            status = rng.choice(["arrived", "arrived", "sent", "draft"])
            session.add(ShipmentNotice(customer_id=world["a" if i % 2 else "b"], status=status,
                                       eta=eta, first_eta=first, arrived_at=arrived))
            states.append(NoticeState(ShipmentStatus(status), eta, first, arrived))
    rates = service.on_time()
    assert rates.overall == on_time(states)
    assert rates.overall.arrived > 50  # the sample has every case
    assert sum(line.on_time.arrived for line in rates.customers) == rates.overall.arrived


def test_a_view_of_many_shows_its_newest_and_says_how_many(service, world, monkeypatch):
    from salesdesk.services.shipments import service as module
    from salesdesk.services.shipments.records import View

    for days in (1, 2, 3):
        service.save(draft(world, eta=NOW + timedelta(days=days)))
    monkeypatch.setattr(module, "VIEW_SHOWN", 2)
    listing = service.page(View.ALL)
    assert [r.eta for r in listing.rows] == [NOW + timedelta(days=3), NOW + timedelta(days=2)]
    assert listing.counts[View.ALL] == 3 and listing.counts[View.DRAFTS] == 3 and listing.cut
    assert not service.page(View.ON_ROAD).cut
