"""Holidays and 调休 working days imported from .ics files: one written by the `icalendar`
library (as calendar programs write them) and hand-written ones with what real files hold."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Alarm, Calendar, Event

from salesdesk.documents.ical_holidays import IcsError, read_days
from salesdesk.domain.business_calendar import BusinessCalendar, hours

SH = ZoneInfo("Asia/Shanghai")


def _calendar(*events: Event) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Test//Holidays//ZH")
    cal.add("version", "2.0")
    for event in events:
        cal.add_component(event)
    return cal.to_ical()


def _event(summary: str, start: date | datetime, end: date | datetime | None = None,
           **extra: object) -> Event:
    event = Event()
    event.add("uid", f"{summary}-{start}@test")
    event.add("dtstamp", datetime(2026, 11, 5, 0, 0, tzinfo=ZoneInfo("UTC")))
    event.add("summary", summary)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    for key, value in extra.items():
        event.add(key, value)
    return event


def test_holidays_and_make_up_days_from_a_calendar_program() -> None:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(hours=-1))
    alarm.add("description", "提醒：明天上班")  # inside a VALARM: not the event's summary
    national_day = _event("国庆节、中秋节 休（共 7 天，长标题会被折行" + "。" * 30 + "）",
                          date(2026, 10, 1), date(2026, 10, 8))
    national_day.add_component(alarm)
    data = _calendar(
        national_day,
        _event("国庆节 补班", date(2026, 9, 20)),  # no DTEND: one day
        _event("调休上班", date(2026, 10, 10), date(2026, 10, 11)),
        _event("Make-up working day", date(2026, 2, 28), date(2026, 3, 1)),
        _event("Company anniversary, closed", date(2026, 12, 7), date(2026, 12, 8)),
        _event("团建", datetime(2026, 12, 8, 14, 0, tzinfo=SH), datetime(2026, 12, 8, 18, 0,
                                                                          tzinfo=SH)),
        _event("元旦", date(2027, 1, 1), rrule={"freq": "yearly"}),
        _event("Cancelled closure", date(2026, 12, 24), date(2026, 12, 25), status="CANCELLED"),
    )
    assert b"\r\n " in data  # the library folded the long summary
    days = read_days(data)
    assert days.holidays == {date(2026, 10, d) for d in range(1, 8)} | {date(2026, 12, 7)}
    assert days.workdays == {date(2026, 9, 20), date(2026, 10, 10), date(2026, 2, 28)}
    assert len(days.skipped) == 3
    assert any(s.startswith("团建") and s.endswith("not an all-day event") for s in days.skipped)
    assert any(s.startswith("元旦") and "repeats" in s for s in days.skipped)
    assert any(s.endswith("cancelled") for s in days.skipped)

    # imported into a calendar, the deadline arithmetic follows them
    calendar = BusinessCalendar(
        "Asia/Shanghai", dict.fromkeys(range(5), hours(("09:00", "12:00"), ("13:30", "18:00"))),
    ).with_days(days.holidays, days.workdays)
    assert calendar.add_working(datetime(2026, 9, 30, 17, 0, tzinfo=SH), 120) == datetime(
        2026, 10, 8, 10, 0, tzinfo=SH)
    assert calendar.add_working(datetime(2026, 10, 9, 17, 0, tzinfo=SH), 120) == datetime(
        2026, 10, 10, 10, 0, tzinfo=SH)
    assert not calendar.is_working(datetime(2026, 12, 7, 10, 0, tzinfo=SH))


def test_hand_written_file_with_lf_endings_durations_and_a_split_character() -> None:
    summary = "春节放假".encode()
    folded = summary[:4] + b"\n " + summary[4:]  # a fold inside the UTF-8 bytes of 节
    data = b"\xef\xbb\xbf" + b"\n".join([
        b"BEGIN:VCALENDAR",
        b"VERSION:2.0",
        b"BEGIN:VEVENT",
        b"SUMMARY:" + folded,
        b"DTSTART:20260215",  # a bare 8-digit date is a date too
        b"DURATION:P9D",
        b"END:VEVENT",
        b"BEGIN:VEVENT",
        b'SUMMARY;LANGUAGE="zh-CN":\xe4\xb8\x8a\xe7\x8f\xad',  # 上班
        b"DTSTART;VALUE=DATE:20260214",
        b"END:VEVENT",
        b"BEGIN:VEVENT",
        b"SUMMARY:Two weeks off",
        b"DTSTART;VALUE=DATE:20260801",
        b"DURATION:P2W",
        b"END:VEVENT",
        b"BEGIN:VEVENT",
        b"SUMMARY:Broken",
        b"DTSTART;VALUE=DATE:2026-08-01",
        b"END:VEVENT",
        b"END:VCALENDAR",
        b"",
    ])
    days = read_days(data)
    assert days.holidays == ({date(2026, 2, 15) + timedelta(days=n) for n in range(9)}
                             | {date(2026, 8, 1) + timedelta(days=n) for n in range(14)})
    assert days.workdays == {date(2026, 2, 14)}
    assert days.skipped == ("Broken (2026-08-01): '2026-08-01' is not a date",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"hello", "line 1: not an iCalendar file"),
        (b"", "not an iCalendar file"),
        (b"BEGIN:VCALENDAR\r\nSUMMARY:\xff\xfe\r\nEND:VCALENDAR\r\n", "line 2: not UTF-8"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n",
         "line 3: END:VCALENDAR does not close VEVENT"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", "ends inside VEVENT"),
        ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:国庆节\r\nDTSTART;VALUE=DATE:20261001\r\n"
         "DTEND;VALUE=DATE:20261008\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:补班\r\n"
         "DTSTART;VALUE=DATE:20261003\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".encode(),
         "2026-10-03 is both a holiday \\(国庆节\\) and a working day \\(补班\\)"),
    ],
)
def test_files_that_cannot_be_read_say_where(data: bytes, message: str) -> None:
    with pytest.raises(IcsError, match=message):
        read_days(data)
