"""A notice HQ logistics composes reaches the salesperson through sync, with its lines; the
salesperson sends it and confirms its arrival, and HQ's clerk sees the send log and the arrival
at the next sync (a real HQ process; SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from salesdesk.db.models import Contact, Customer
from salesdesk.domain.clock import utcnow
from salesdesk.domain.ids import uuid7
from salesdesk.domain.people import Role
from salesdesk.domain.shipments import Channel, DispatchResult, ShipmentStatus
from salesdesk.services.shipments.records import Arrival, LineDraft, NoticeDraft
from salesdesk.services.shipments.service import ShipmentService

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_notice_from_hq_logistics_reaches_the_salesperson_and_its_sends_come_back(laptops):
    sales, clerk = laptops(Role.SALES), laptops(Role.HQ)
    sales.sync()
    customer_id, contact_id = uuid7(), uuid7()

    def add(s):
        s.add(Customer(id=customer_id, name="佛山金宇门窗有限公司",
                       assigned_to_id=sales.user_id))
        s.flush()
        s.add(Contact(id=contact_id, customer_id=customer_id, name="李工",
                      mobile="13800138000"))

    sales.edit(add)
    sales.sync()
    clerk.sync()

    now = utcnow()
    office = ShipmentService(clerk.factory, SHANGHAI)
    notice_id = office.save(NoticeDraft(
        customer_id, (LineDraft("铝单板 2.5mm 氟碳", "320", "m²", "L2612"),), (contact_id,),
        order_ref="PO-88", ship_time=now, carrier="顺丰快运", truck_plate="粤E·1234挂",
        driver_name="陈师傅", driver_phone="0757-83216655转8", eta=now + timedelta(days=1),
    )).id
    clerk.sync()

    sales.sync()
    mine = ShipmentService(sales.factory, SHANGHAI)
    [row] = mine.page().rows
    assert (row.id, row.customer_name, row.truck_plate, row.goods) == (
        notice_id, "佛山金宇门窗有限公司", "粤E1234挂", "铝单板 2.5mm 氟碳")
    detail = mine.detail(notice_id)
    assert [(x.quantity, x.unit) for x in detail.draft.lines] == [("320", "m2")]
    assert detail.draft.driver_phone == "0757-83216655-8" and detail.missing == ()
    mine.log_send(notice_id, Channel.SMS)
    mine.confirm_arrival(notice_id, Arrival(utcnow(), "李工", "已卸货"))
    sales.sync()

    clerk.sync()
    seen = office.detail(notice_id)
    assert (seen.status, seen.received_by, seen.first_eta) == (
        ShipmentStatus.ARRIVED, "李工", detail.draft.eta)
    assert [(d.channel, d.recipient, d.result) for d in seen.dispatches] == [
        (Channel.SMS, "李工 13800138000", DispatchResult.SENT)]
