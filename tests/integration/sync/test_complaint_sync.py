"""A complaint handled on two laptops through a real HQ process (SQLite and PostgreSQL): the
salesperson records it and escalates it to quality; the quality clerk's laptop lists it among
the complaints escalated to their department; both add to its history while the other is
offline, and after syncing both laptops hold the same history in time order, nobody's steps
reordered or lost, and the same stored deadlines."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from salesdesk.db.models import Customer
from salesdesk.domain.complaints import ComplaintStatus, EventKind
from salesdesk.domain.ids import uuid7
from salesdesk.domain.people import Role
from salesdesk.services.complaints.attachments import AttachmentStore
from salesdesk.services.complaints.clock_settings import ClockSettings
from salesdesk.services.complaints.records import BoardFilter, ComplaintDraft, StepDraft
from salesdesk.services.complaints.service import ComplaintService
from tests.hqtest.laptops import Laptop
from tests.integration.sync.test_promise_departments import set_department

SHANGHAI = ZoneInfo("Asia/Shanghai")
K = EventKind


def complaints(laptop: Laptop, where: Path) -> ComplaintService:
    return ComplaintService(laptop.factory, SHANGHAI,
                            ClockSettings(where / "calendar.json", where / "policy.json"),
                            AttachmentStore(where / "attachments"))


def test_a_laptop_and_hq_staff_work_one_complaint(laptops, hq_url, tmp_path):
    sales, clerk = laptops(Role.SALES), laptops(Role.HQ)
    set_department(hq_url, clerk.username, "quality")
    sales.sync()
    customer_id = uuid7()
    sales.edit(lambda s: s.add(Customer(id=customer_id, name="佛山金宇门窗有限公司",
                                        assigned_to_id=sales.user_id)))
    mine = complaints(sales, tmp_path / "sales")
    recorded = mine.record(ComplaintDraft(customer_id, "铝型材表面起泡，批号 B-0917",
                                          category="quality", severity="high",
                                          batch_no="B-0917"))
    cid = recorded.id
    mine.take_step(cid, StepDraft(K.CONTACTED, text="已电话联系采购部李工"))
    mine.take_step(cid, StepDraft(K.ESCALATED, department="quality", text="请质量部检测"))
    other = mine.record(ComplaintDraft(customer_id, "发票抬头错误", category="billing"))
    sales.sync()

    clerk.sync()
    office = complaints(clerk, tmp_path / "clerk")
    assert office.my_department() == "quality"
    [row] = office.board(BoardFilter(department=office.my_department())).rows
    assert (row.id, row.reference, row.customer_name, row.status) == (
        cid, recorded.reference, "佛山金宇门窗有限公司", ComplaintStatus.ESCALATED)
    assert other.id in {r.id for r in office.board().rows}  # HQ sees all, lists its own
    # Offline on both sides: the customer writes to the salesperson, the clerk investigates.
    mine.take_step(cid, StepDraft(K.CUSTOMER_MESSAGE, text="请尽快给答复"))
    office.take_step(cid, StepDraft(K.NOTE, text="涂层附着力不合格"))
    office.take_step(cid, StepDraft(K.SOLUTION_PROPOSED, text="免费补发 30 支"))
    clerk.sync()
    sales.sync()

    kinds = [e.kind for e in mine.detail(cid).events]
    assert kinds == [K.RECEIVED, K.CONTACTED, K.ESCALATED, K.CUSTOMER_MESSAGE, K.NOTE,
                     K.SOLUTION_PROPOSED]
    assert mine.detail(cid).status is ComplaintStatus.SOLUTION_PROPOSED
    mine.take_step(cid, StepDraft(K.ACCEPTED))
    mine.take_step(cid, StepDraft(K.RESOLVED, text="已补发"))
    sales.sync()
    clerk.sync()

    theirs, ours = office.detail(cid), mine.detail(cid)
    assert [(e.kind, e.at, e.text) for e in theirs.events] == [
        (e.kind, e.at, e.text) for e in ours.events]
    assert theirs.status is ComplaintStatus.RESOLVED and theirs.resolved_at == ours.resolved_at
    assert (theirs.first_contact_due, theirs.resolution_due) == (
        ours.first_contact_due, ours.resolution_due)
    assert theirs.events[4].by == clerk.username and theirs.events[3].by == sales.username
    assert office.board(BoardFilter(department="quality")).rows == []
