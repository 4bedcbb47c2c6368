"""The .ics export read back with the icalendar library: one event per visit, a stable UID,
SEQUENCE growing with each change, cancelled visits cancelled, contacts with email as
attendees."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import icalendar

from salesdesk.services.visits.calendar import export_calendar
from salesdesk.services.visits.plans import VisitService
from salesdesk.services.visits.records import VisitPlan
from tests.unit.services.visits.conftest import Book, local


def events(path: Path) -> dict[str, icalendar.cal.Component]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_export_round_trip_keeps_uids_and_raises_sequence(
    visits: VisitService, book: Book, tmp_path: Path
) -> None:
    kept = visits.plan(VisitPlan(book.customer, local(2026, 12, 4, 9, 30), local(2026, 12, 4, 11),
                                 "谈框架协议", contact_ids=(book.wang, book.li))).visit
    dropped = visits.plan(VisitPlan(book.customer, local(2026, 12, 10, 14))).visit
    visits.plan(VisitPlan(book.customer, local(2027, 3, 10, 14)))  # beyond 90 days
    target = tmp_path / "visits.ics"
    result = export_calendar(visits, target)
    assert (result.visits, result.first, result.last) == (2, date(2026, 12, 3), date(2027, 3, 2))

    first = events(target)
    assert set(first) == {f"{kept.id}@salesdesk", f"{dropped.id}@salesdesk"}
    event = first[f"{kept.id}@salesdesk"]
    assert event.decoded("DTSTART") == local(2026, 12, 4, 9, 30)
    assert event.decoded("DTEND") == local(2026, 12, 4, 11)
    assert event.decoded("SEQUENCE") == 0 and str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == "杭州市余杭区星桥街道 18 号"
    assert "墙煌建材有限公司" in str(event["SUMMARY"])
    attendees = event.get("ATTENDEE")
    assert str(attendees).lower() == "mailto:wang@qh.example"  # 李娜 has no email

    visits.reschedule(kept.id, local(2026, 12, 5, 9), local(2026, 12, 5, 10))
    visits.cancel(dropped.id, "客户停产")
    export_calendar(visits, target)
    second = events(target)
    assert set(second) == set(first)  # the same UIDs: a re-import updates, never duplicates
    moved = second[f"{kept.id}@salesdesk"]
    assert moved.decoded("SEQUENCE") == 1 and moved.decoded("DTSTART") == local(2026, 12, 5, 9)
    gone = second[f"{dropped.id}@salesdesk"]
    assert str(gone["STATUS"]) == "CANCELLED" and gone.decoded("SEQUENCE") == 1
    assert list(tmp_path.glob("*.part")) == []
