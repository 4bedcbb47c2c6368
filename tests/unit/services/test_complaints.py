"""ComplaintService over a real store, on the shipped China calendar (an injected clock):
recording sets both deadlines and a reference; steps go through the state machine; a pause
moves the deadlines by exactly the working time it covered; the board's time left; editing
the policy recomputes open complaints and keeps paused time; attachments."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from salesdesk.db.models import Complaint, ComplaintEvent, Contact, Customer, OutboxEntry, User
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain.complaint_clock import DEFAULT_POLICY, Policy, Severity, Targets
from salesdesk.domain.complaints import ComplaintStatus, EventKind
from salesdesk.domain.validation import ErrorCode, ValidationFailed
from salesdesk.services.complaints.attachments import AttachmentStore, AttachmentTooLarge
from salesdesk.services.complaints.clock_settings import ClockSettings
from salesdesk.services.complaints.records import BoardFilter, ComplaintDraft, StepDraft
from salesdesk.services.complaints.service import ComplaintService
from tests.unit.services.test_promises import Clock, login

SH = ZoneInfo("Asia/Shanghai")
K = EventKind


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)  # type: ignore[arg-type, misc]  # year, month, day, ...


# Thursday 3 December 2026, 10:00 in Shanghai.
THURSDAY_10 = sh(2026, 12, 3, 10, 0)


@pytest.fixture
def world(factory: sessionmaker[LocalSession]) -> dict[str, uuid.UUID]:
    with unit_of_work(factory) as session:
        session.info["outbox"] = False  # as if pulled from HQ
        zhang = User(username="zhang", display_name="张伟", role="sales")
        a = Customer(name="苏州墙煌建材有限公司")
        session.add_all([zhang, a])
        session.flush()
        c = Contact(customer_id=a.id, name="王经理")
        session.add(c)
        session.flush()
        return {"zhang": zhang.id, "a": a.id, "contact": c.id}


@pytest.fixture
def clock() -> Clock:
    return Clock(THURSDAY_10.astimezone(UTC))


@pytest.fixture
def service(factory, world, clock, tmp_path: Path) -> ComplaintService:
    login(factory, world, "zhang", "sales")
    settings = ClockSettings(tmp_path / "calendar.json", tmp_path / "policy.json")
    return ComplaintService(factory, SH, settings, AttachmentStore(tmp_path / "attachments"),
                            clock)


def record(service: ComplaintService, world, severity: str = "critical",
           **kw: object) -> uuid.UUID:
    draft = ComplaintDraft(world["a"], "铝单板表面色差，批号 B-0917", severity=severity,
                           contact_id=world["contact"], category="quality", **kw)  # type: ignore[arg-type]
    return service.record(draft).id


def test_recording_sets_both_deadlines_a_reference_and_the_history(service, world, factory):
    recorded = service.record(ComplaintDraft(world["a"], "铝单板表面色差", severity="critical",
                                             category="quality", contact_id=world["contact"]))
    # 4 working hours from Thursday 10:00: 10-12 and 13:30-15:30; 2 working days: Monday 10:00.
    assert recorded.first_contact_due == sh(2026, 12, 3, 15, 30)
    assert recorded.resolution_due == sh(2026, 12, 7, 10, 0)
    assert recorded.reference.startswith("TS-20261203-") and recorded.reference.endswith("-1")
    assert len(recorded.reference.split("-")[2]) == 4
    second = record(service, world)
    detail = service.detail(second)
    assert detail.reference == recorded.reference[:-1] + "2"
    assert (detail.status, detail.received_by, detail.contact) == (
        ComplaintStatus.RECEIVED, "张伟", "王经理")
    assert [e.kind for e in detail.events] == [K.RECEIVED]
    with unit_of_work(factory) as session:
        entities = set(session.scalars(select(OutboxEntry.entity)))
    assert {"complaints", "complaint_events"} <= entities  # it syncs


def test_the_reference_read_out_is_kept_unless_taken(service, world):
    peeked = service.next_reference()
    first = service.record(ComplaintDraft(world["a"], "色差", reference=peeked))
    assert first.reference == peeked
    again = service.record(ComplaintDraft(world["a"], "色差", reference=peeked))
    assert again.reference != peeked and again.reference.endswith("-2")


def test_received_after_hours_the_clock_starts_at_the_next_working_minute(
        service, world, clock):
    clock.now = sh(2026, 12, 4, 19, 0)  # Friday evening
    detail = service.detail(record(service, world))
    # Monday 09:00 + 4 working hours = 14:30 (lunch 12:00-13:30).
    assert detail.first_contact_due == sh(2026, 12, 7, 14, 30)
    words = service.committed("critical", "zh_CN").words
    assert words == "我们会在12月7日（周一）下午 2:30 之前与您联系"


def test_a_draft_is_refused_field_by_field(service, world):
    with pytest.raises(ValidationFailed) as refused:
        service.record(ComplaintDraft(None, "  ", channel="fax", severity="urgent"))
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("customer", ErrorCode.REQUIRED), ("complaint", ErrorCode.REQUIRED),
        ("channel", ErrorCode.CHOICE), ("severity", ErrorCode.CHOICE)}


def test_a_pause_over_the_weekend_moves_the_deadline_by_the_working_time_it_covered(
        service, world, clock):
    cid = record(service, world, "high")  # 12 working hours from Thursday 10:00
    before = service.detail(cid)
    # Thursday 10-12 and 13:30-18:00 (6.5 h), Friday 9-12 and 13:30-16:00 (5.5 h).
    assert before.first_contact_due == sh(2026, 12, 4, 16, 0)
    clock.now = sh(2026, 12, 4, 15, 0).astimezone(UTC)  # Friday 15:00: an hour left
    service.take_step(cid, StepDraft(K.PAUSED, reason="等客户寄样品"))
    paused = service.detail(cid)
    assert paused.paused and paused.first_contact_left == 60
    clock.now = sh(2026, 12, 7, 11, 0).astimezone(UTC)  # Monday 11:00: paused all weekend
    assert service.detail(cid).first_contact_left == 60  # a paused clock does not tick
    [row] = service.board().rows
    assert row.paused and row.left == 60 and not row.near
    service.take_step(cid, StepDraft(K.RESUMED))
    resumed = service.detail(cid)
    # Paused Fri 15:00-18:00 and Mon 09:00-11:00: 5 working hours; the weekend adds nothing.
    assert resumed.first_contact_due == sh(2026, 12, 7, 12, 0)
    assert resumed.first_contact_left == 60 and not resumed.paused


def test_steps_go_through_the_state_machine(service, world, clock):
    cid = record(service, world)
    with pytest.raises(ValidationFailed) as refused:
        service.take_step(cid, StepDraft(K.CLOSED))
    assert refused.value.errors[0].code is ErrorCode.NOT_RESOLVED
    service.take_step(cid, StepDraft(K.CUSTOMER_MESSAGE, text="什么时候回复？"))
    assert service.detail(cid).contacted_at is None  # a message is not a response
    clock.now += timedelta(minutes=30)
    service.take_step(cid, StepDraft(K.CONTACTED, text="电话联系王经理"))
    service.take_step(cid, StepDraft(K.ESCALATED, department="quality"))
    service.take_step(cid, StepDraft(K.SOLUTION_PROPOSED, text="免费更换"))
    service.take_step(cid, StepDraft(K.ACCEPTED))
    service.take_step(cid, StepDraft(K.RESOLVED))
    service.take_step(cid, StepDraft(K.SATISFACTION, score=5, text="满意"))
    service.take_step(cid, StepDraft(K.CLOSED))
    detail = service.detail(cid)
    assert (detail.status, detail.department, detail.satisfaction) == (
        ComplaintStatus.CLOSED, "quality", 5)
    assert detail.contacted_at == clock.now and detail.first_contact_left is None
    assert [e.kind for e in detail.events][-3:] == [K.RESOLVED, K.SATISFACTION, K.CLOSED]
    assert service.board().rows == []


def test_the_board_sorts_by_time_left_and_marks_near_breach_and_breached(
        service, world, clock):
    low = record(service, world, "low")
    critical = record(service, world, "critical")
    clock.now = sh(2026, 12, 3, 15, 0).astimezone(UTC)  # 30 working minutes before 15:30
    rows = service.board().rows
    assert [r.id for r in rows] == [critical, low]
    assert (rows[0].left, rows[0].near, rows[0].breached) == (30, True, False)
    clock.now = sh(2026, 12, 3, 16, 0).astimezone(UTC)
    first = service.board().rows[0]
    assert (first.left, first.breached) == (-30, True)
    assert [r.id for r in service.near_breach()] == [critical]
    assert service.board(BoardFilter(severity="low")).rows[0].id == low


def test_editing_the_policy_recomputes_open_complaints_and_keeps_paused_time(
        service, world, clock):
    cid = record(service, world, "normal")
    clock.now = sh(2026, 12, 3, 11, 0).astimezone(UTC)
    service.take_step(cid, StepDraft(K.PAUSED, reason="等客户确认"))
    clock.now = sh(2026, 12, 3, 14, 30).astimezone(UTC)
    service.take_step(cid, StepDraft(K.RESUMED))  # paused 11:00-12:00 and 13:30-14:30: 2 h
    faster = Policy({**DEFAULT_POLICY.targets, Severity.NORMAL: Targets(120, 4500)})
    result = service.save_rules(policy=faster)
    assert result.count == 1
    # 2 working hours: 10:00-11:00, paused until 14:30 (2 working hours kept), 14:30-15:30.
    assert service.detail(cid).first_contact_due == sh(2026, 12, 3, 15, 30)
    # It was saved: a new service reading the same files uses it.
    assert service.rules.policy.for_severity(Severity.NORMAL).first_contact_minutes == 120


def test_editing_the_working_week_recomputes_open_complaints_and_keeps_paused_time(
        service, world, clock, tmp_path):
    from datetime import time

    from salesdesk.services.complaints.clock_settings import CalendarEdit, DayHours

    cid = record(service, world, "critical")  # first contact within 4 working hours
    clock.now = sh(2026, 12, 3, 11, 0).astimezone(UTC)
    service.take_step(cid, StepDraft(K.PAUSED, reason="等客户确认"))
    clock.now = sh(2026, 12, 3, 14, 30).astimezone(UTC)
    service.take_step(cid, StepDraft(K.RESUMED))
    calendar = service.rules.calendar
    edit = CalendarEdit.of(calendar)
    assert edit.week[3] == DayHours((time(9), time(12)), (time(13, 30), time(18)))
    bad = CalendarEdit({**edit.week, 3: DayHours((time(9), time(12)), (time(11), time(17)))},
                       edit.holidays, edit.workdays)
    with pytest.raises(ValidationFailed) as refused:
        bad.applied_to(calendar)
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("week.3.afternoon", ErrorCode.BEFORE_MORNING_ENDS)]
    with pytest.raises(ValidationFailed) as refused:
        CalendarEdit({}, edit.holidays, edit.workdays).applied_to(calendar)
    assert [(e.field, e.code) for e in refused.value.errors] == [("week", ErrorCode.NO_WORKDAY)]
    assert not (tmp_path / "calendar.json").exists()
    # Thursday: lunch 12:00-13:00, home at 17:00.
    shorter = CalendarEdit({**edit.week, 3: DayHours((time(9), time(12)), (time(13), time(17)))},
                           edit.holidays, edit.workdays)
    assert service.save_rules(calendar=shorter.applied_to(calendar)).count == 1
    # 10:00-11:00 worked, paused until 14:30, then 14:30-17:00 and Friday 09:00-09:30; without
    # the pause it would be Thursday 15:00.
    assert service.detail(cid).first_contact_due == sh(2026, 12, 4, 9, 30)
    assert (tmp_path / "calendar.json").exists()


def test_attachments_are_stored_by_content_and_a_large_one_is_refused(
        service, world, tmp_path):
    photo = tmp_path / "色差照片.jpg"
    photo.write_bytes(b"\xff\xd8" + b"x" * 1000)
    cid = record(service, world, attachments=(photo, photo))
    [a, b] = service.detail(cid).attachments
    assert a.path == b.path and a.path is not None and a.path.read_bytes() == photo.read_bytes()
    assert a.path.parent.parent == tmp_path / "attachments" and len(a.path.parent.name) == 2
    assert (a.filename, a.size, a.mime) == ("色差照片.jpg", 1002, "image/jpeg")
    service.files.limit = 100
    with pytest.raises(AttachmentTooLarge) as refused:
        record(service, world, attachments=(photo,))
    assert refused.value.params == {"file": "色差照片.jpg", "size_mb": "0.0", "limit_mb": "0.0"}
    assert len(service.board().rows) == 1  # nothing recorded


def test_a_customers_complaints_latest_first(service, world, clock):
    first = record(service, world)
    clock.now += timedelta(hours=1)
    second = record(service, world)
    assert [c.id for c in service.for_customer(world["a"])] == [second, first]


def test_stored_rows_carry_the_event_details(service, world, factory):
    cid = record(service, world)
    service.take_step(cid, StepDraft(K.CONTACTED))
    service.take_step(cid, StepDraft(K.PAUSED, reason="等样品"))
    with unit_of_work(factory) as session:
        paused = session.scalars(select(ComplaintEvent).where(
            ComplaintEvent.kind == "paused")).one()
        complaint = session.get(Complaint, cid)
        assert complaint is not None
        assert (paused.reason, paused.by_id) == ("等样品", world["zhang"])
        assert complaint.paused_at is not None and complaint.status == "contacted"


def test_figures_count_on_time_first_contact_reopens_and_satisfaction(
        service, world, clock, factory):
    from salesdesk.services.complaints.figures import complaint_figures

    quick, late, still_open = (record(service, world) for _ in range(3))
    clock.now += timedelta(minutes=30)
    service.take_step(quick, StepDraft(K.CONTACTED))
    clock.now = sh(2026, 12, 3, 17, 0).astimezone(UTC)  # after the 15:30 committed time
    service.take_step(late, StepDraft(K.CONTACTED))
    for cid in (quick, late):
        service.take_step(cid, StepDraft(K.SOLUTION_PROPOSED, text="换货"))
        service.take_step(cid, StepDraft(K.RESOLVED))
    service.take_step(quick, StepDraft(K.SATISFACTION, score=4))
    service.take_step(late, StepDraft(K.SATISFACTION, score=2))
    service.take_step(late, StepDraft(K.REOPENED, reason="又坏了"))
    f = complaint_figures(factory, service._settings, sh(2026, 12, 1, 0, 0), lambda: clock.now)
    assert (f.open, f.received) == (2, 3)  # the reopened one is open again
    assert (f.on_time.within, f.on_time.due) == (1, 3)  # the open one is overdue too
    assert f.median_first_contact_minutes == (30 + 330) / 2  # 30 min; 10:00-17:00 less lunch
    assert f.reopen_rate == 0.5 and f.satisfaction == 3 and f.satisfaction_count == 2
    [line] = f.lines
    assert (line.month, line.category, line.received, line.on_time.rate) == (
        "2026-12", "quality", 3, 1 / 3)
    assert still_open


def test_the_reception_script_reads_back_the_facts_in_order(service, world):
    from salesdesk.services.complaints.script import ScriptFacts, receipt_text, reception_script

    committed = service.committed("critical", "zh_CN").words
    facts = ScriptFacts("苏州墙煌建材有限公司", "王经理", "铝单板表面色差", "TS-20261203-7K2Q-1",
                        committed, company="华东铝业")
    lines = reception_script(facts, "zh_CN")
    assert lines[0] == "王经理，您好！" and "非常抱歉" in lines[1]
    assert lines[3] == "我跟您确认一下：铝单板表面色差。是这样吗？"
    assert "TS-20261203-7K2Q-1" in lines[4]
    assert lines[5] == "我们会在今天下午 3:30 之前与您联系，和您商量解决办法。"
    assert lines[-1].startswith("感谢")
    assert reception_script(ScriptFacts("", "", "", "", ""), "en")[3] == (
        "Let me read it back to you: …. Is that right?")
    sms = receipt_text(facts, "zh_CN")
    assert sms.startswith("【华东铝业】王经理您好") and "TS-20261203-7K2Q-1" in sms
    assert committed in sms


def test_one_digest_names_the_complaints_near_breach(service, world, clock, factory):
    from salesdesk.services.reminders import ReminderService, compose
    from tests.unit.services.test_reminders import WORDS

    urgent = service.record(ComplaintDraft(world["a"], "整批受潮", severity="critical"))
    service.record(ComplaintDraft(world["a"], "发票晚到", severity="low"))
    paused = record(service, world)
    service.take_step(paused, StepDraft(K.PAUSED, reason="等客户"))
    clock.now = sh(2026, 12, 3, 15, 0).astimezone(UTC)
    reminders = ReminderService(factory, SH, clock, complaints=service)
    digest = reminders.digest()
    assert [c.id for c in digest.complaints] == [urgent.id]  # not the low one, nor the paused
    title, body = compose(digest, WORDS, SH)
    assert title == "1 things today"
    assert body.splitlines() == ["Complaints near breach (1):",
                                 f"  {urgent.reference} — 苏州墙煌建材有限公司 (due 12-03 15:30)"]


def test_the_boards_near_breach_is_the_domains_rule_at_every_minute(service, world, clock):
    """The board marks near breach in SQL from one threshold per severity and clock; it must
    agree with domain/complaints.py: near_breach for each row's time left."""
    from salesdesk.domain.complaints import near_breach

    ids = [record(service, world, severity) for severity in
           ("critical", "high", "normal", "low", "critical")]
    service.take_step(ids[4], StepDraft(K.CONTACTED))  # runs against resolution now
    start = clock.now
    for minutes in range(0, 4 * 24 * 60, 37):  # lunch breaks, evenings, the weekend
        clock.now = start + timedelta(minutes=minutes)
        for row in service.board().rows:
            targets = service.rules.targets(row.severity)
            target = (targets.first_contact_minutes if row.first_contact
                      else targets.resolution_minutes)
            assert row.near == near_breach(row.left, target), (clock.now, row.severity)
            assert row.breached == (row.left is not None and row.left < 0)


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//Holidays//ZH\r
BEGIN:VEVENT\r
UID:a@test\r
DTSTAMP:20261105T000000Z\r
SUMMARY:公司年会 休\r
DTSTART;VALUE=DATE:20261204\r
DTEND;VALUE=DATE:20261205\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:b@test\r
DTSTAMP:20261105T000000Z\r
SUMMARY:补班\r
DTSTART;VALUE=DATE:20261205\r
DTEND;VALUE=DATE:20261206\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_importing_holidays_moves_open_deadlines_and_is_kept(service, world, tmp_path):
    """Friday 4 December becomes a holiday and Saturday 5 a make-up working day: a high
    complaint due Friday 16:00 is now due Saturday 16:00; the calendar file keeps it."""
    cid = record(service, world, "high")
    assert service.detail(cid).first_contact_due == sh(2026, 12, 4, 16, 0)
    ics = tmp_path / "holidays.ics"
    ics.write_text(ICS, encoding="utf-8")
    imported = service.import_holidays(ics)
    assert (imported.holidays, imported.workdays, imported.recomputed) == (1, 1, 1)
    assert service.detail(cid).first_contact_due == sh(2026, 12, 5, 16, 0)
    again = ClockSettings(tmp_path / "calendar.json", tmp_path / "policy.json")
    assert again.rules.calendar.is_working(sh(2026, 12, 5, 10, 0))
    assert not again.rules.calendar.is_working(sh(2026, 12, 4, 10, 0))


def test_a_file_that_is_not_holidays_is_refused_naming_it(service, world, tmp_path):
    from salesdesk.services.complaints.service import HolidaysUnreadable

    bad = tmp_path / "假期.ics"
    bad.write_bytes(b"\xff\xfe not text")
    with pytest.raises(HolidaysUnreadable) as refused:
        service.import_holidays(bad)
    assert refused.value.params["file"] == "假期.ics" and "UTF-8" in str(
        refused.value.params["problem"])
    assert not (tmp_path / "calendar.json").exists()  # nothing saved


def test_the_boards_counts_agree_with_its_rows(service, world, clock):
    for severity in ("critical", "high", "normal", "low", "critical", "high"):
        record(service, world, severity)
    paused = record(service, world, "critical")
    service.take_step(paused, StepDraft(K.PAUSED, reason="等客户"))
    start = clock.now
    for minutes in range(0, 3 * 24 * 60, 53):
        clock.now = start + timedelta(minutes=minutes)
        rows = service.board().rows
        assert rows.counts() == (sum(r.near for r in rows), sum(r.breached for r in rows), 1)


def test_a_complaint_from_before_the_clock_gets_its_deadlines(service, world, factory):
    """Migration 0010 converts old complaints without deadlines (it cannot run the clock);
    the service sets them from the calendar and policy in force."""
    cid = record(service, world, "critical")
    with unit_of_work(factory) as session:
        old = session.get(Complaint, cid)
        assert old is not None
        old.first_contact_due = old.resolution_due = None
    assert service.board().rows[0].due is None
    assert service.time_untimed().count == 1
    assert service.detail(cid).first_contact_due == sh(2026, 12, 3, 15, 30)
    assert service.time_untimed().count == 0
