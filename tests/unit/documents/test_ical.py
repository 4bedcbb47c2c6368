"""The .ics writer, read back by the maintained ``icalendar`` library as a calendar would."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Component, vCalAddress

from salesdesk.documents.ical import Attendee, CalendarVisit, calendar_bytes

SHANGHAI = timezone(timedelta(hours=8))
NOW = datetime(2026, 1, 10, 8, 0, tzinfo=UTC)
VISIT = CalendarVisit(
    id=uuid.UUID("0190f3a2-7b1c-7def-8abc-1234567890ab"),
    customer="华东精密钢铁有限公司",
    place="上海市浦东新区张江路88号",
    purpose="季度回访，讨论二季度订单",
    starts=datetime(2026, 1, 15, 9, 30, tzinfo=SHANGHAI),
    ends=datetime(2026, 1, 15, 11, 0, tzinfo=SHANGHAI),
    updated=datetime(2026, 1, 9, 17, 5, tzinfo=SHANGHAI),
    sequence=0,
    description="带样品；见王经理",
    attendees=(Attendee("王 伟", "wang.wei@huadong.cn"), Attendee("李娜")),
    organizer=Attendee("张三", "zhang.san@salesdesk.cn"),
)


def events(data: bytes) -> list[Component]:
    return Calendar.from_ical(data).walk("VEVENT")


def only_event(data: bytes) -> Component:
    [event] = events(data)
    return event


def test_a_visit_reads_back_as_the_same_event() -> None:
    data = calendar_bytes([VISIT], now=NOW)
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert calendar["PRODID"]
    event = only_event(data)
    assert str(event["UID"]) == "0190f3a2-7b1c-7def-8abc-1234567890ab@salesdesk"
    assert str(event["SUMMARY"]) == "华东精密钢铁有限公司 – 季度回访，讨论二季度订单"
    assert str(event["LOCATION"]) == "上海市浦东新区张江路88号"
    assert str(event["DESCRIPTION"]) == "带样品；见王经理"
    assert str(event["STATUS"]) == "CONFIRMED"
    # The same instants, written in UTC (9:30 in Shanghai is 01:30Z).
    assert event.decoded("DTSTART") == VISIT.starts
    assert event.decoded("DTEND") == VISIT.ends
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert b"DTSTART:20260115T013000Z\r\n" in data
    assert event.decoded("DTSTAMP") == NOW
    assert event.decoded("LAST-MODIFIED") == VISIT.updated
    assert b"TZID" not in data


def test_attendees_and_organizer_carry_quoted_names_and_mail_addresses() -> None:
    tricky = Attendee('Li, "Na"; sales: east', "li.na@huadong.cn")
    data = calendar_bytes([replace(VISIT, attendees=(*VISIT.attendees, tricky))], now=NOW)
    event = only_event(data)
    attendees = cast(list[vCalAddress], event["ATTENDEE"])
    # 李娜 has no mail address, so no calendar address: not an ATTENDEE.
    assert [(str(a), a.params["CN"]) for a in attendees] == [
        ("mailto:wang.wei@huadong.cn", "王 伟"),
        ("mailto:li.na@huadong.cn", 'Li, "Na"; sales: east'),
    ]
    assert 'CN="王 伟":mailto:wang.wei@huadong.cn'.encode() in data
    assert str(event["ORGANIZER"]) == "mailto:zhang.san@salesdesk.cn"
    assert event["ORGANIZER"].params["CN"] == "张三"


def test_re_export_keeps_the_uid_and_a_change_raises_the_sequence() -> None:
    first = only_event(calendar_bytes([VISIT], now=NOW))
    again = only_event(calendar_bytes([VISIT], now=NOW + timedelta(days=1)))
    moved = replace(
        VISIT,
        starts=VISIT.starts + timedelta(days=1),
        ends=VISIT.ends + timedelta(days=1),
        sequence=VISIT.sequence + 1,
    )
    changed = only_event(calendar_bytes([moved], now=NOW + timedelta(days=1)))
    assert str(first["UID"]) == str(again["UID"]) == str(changed["UID"])
    assert first.decoded("SEQUENCE") == again.decoded("SEQUENCE") == 0
    assert changed.decoded("SEQUENCE") == 1
    assert changed.decoded("DTSTART") == VISIT.starts + timedelta(days=1)


def test_a_cancelled_visit_is_exported_as_cancelled() -> None:
    cancelled = replace(VISIT, cancelled=True, sequence=2)
    event = only_event(calendar_bytes([cancelled], now=NOW))
    assert str(event["STATUS"]) == "CANCELLED"
    assert event.decoded("SEQUENCE") == 2


def test_one_event_per_visit_each_with_its_own_uid() -> None:
    other = replace(VISIT, id=uuid.UUID(int=7), customer="北方化工")
    found = events(calendar_bytes([VISIT, other], now=NOW))
    customers = [str(e["SUMMARY"]).split(" – ")[0] for e in found]
    assert customers == ["华东精密钢铁有限公司", "北方化工"]
    assert len({str(e["UID"]) for e in found}) == 2
    assert events(calendar_bytes([], now=NOW)) == []


def test_special_characters_are_escaped_and_come_back() -> None:
    awkward = 'a,b;c\\d\ne\r\nf:"g"\\n,'
    data = calendar_bytes([replace(VISIT, description=awkward)], now=NOW)
    assert b'DESCRIPTION:a\\,b\\;c\\\\d\\ne\\nf:"g"\\\\n\\,\r\n' in data
    assert str(only_event(data)["DESCRIPTION"]) == 'a,b;c\\d\ne\nf:"g"\\n,'


def assert_well_formed(data: bytes) -> None:
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line  # octets (RFC 5545 §3.1)
        line.decode("utf-8")  # each physical line is whole UTF-8: no character cut in two


def test_long_chinese_lines_are_folded_without_breaking_characters() -> None:
    long = "客户反映上月到货的冷轧卷板有锈迹，要求下次发货前提供质检报告并加强包装。" * 6
    data = calendar_bytes([replace(VISIT, description=long, customer="钢" * 40)], now=NOW)
    assert_well_formed(data)
    assert data.count(b"\r\n ") >= 10  # folded, many times
    event = only_event(data)
    assert str(event["DESCRIPTION"]) == long
    assert str(event["SUMMARY"]).startswith("钢" * 40)


def test_control_characters_are_dropped() -> None:
    event = only_event(calendar_bytes([replace(VISIT, place="张江\x00路\x1b88号\t")], now=NOW))
    assert str(event["LOCATION"]) == "张江路88号\t"


@pytest.mark.parametrize(
    "bad",
    [
        {"starts": datetime(2026, 1, 15, 9, 30)},
        {"ends": VISIT.starts - timedelta(minutes=1)},
        {"sequence": -1},
    ],
)
def test_a_callers_mistake_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        calendar_bytes([replace(VISIT, **bad)], now=NOW)  # type: ignore[arg-type]  # by design


def test_a_visit_without_length_has_no_dtend() -> None:
    event = only_event(calendar_bytes([replace(VISIT, ends=VISIT.starts)], now=NOW))
    assert "DTEND" not in event
    assert event.decoded("DTSTART") == VISIT.starts


# Letters and digits (CJK among them), spaces and the characters iCalendar escapes or quotes.
SPECIAL = "，。；：王伟钢铁\\,;:\"^\n'"
CHARS = st.one_of(st.characters(categories=("L", "N", "P", "S", "Zs")), st.sampled_from(SPECIAL))
TEXT = st.text(CHARS, max_size=120)
# A parameter value has no backslash escapes in RFC 5545 (a quoted CN is taken as written, as
# Outlook and Google read it), but icalendar leniently reads `\\`, `\,` and `\;` in one as escapes:
# the property leaves backslashes out of names rather than test the library's leniency.
NAME = st.text(CHARS.filter(lambda c: c != "\\"), max_size=60).filter(str.strip)


@settings(max_examples=150, deadline=None)
@given(
    customer=TEXT,
    purpose=TEXT,
    place=TEXT,
    description=TEXT,
    name=NAME,
    minutes=st.integers(-(10**6), 10**6),
)
def test_any_text_round_trips(  # noqa: PLR0917  # hypothesis passes each drawn value
    customer: str, purpose: str, place: str, description: str, name: str, minutes: int
) -> None:
    starts = VISIT.starts + timedelta(minutes=minutes)
    visit = replace(
        VISIT,
        customer="客户" + customer,
        purpose=purpose,
        place=place,
        description=description,
        starts=starts,
        ends=starts + timedelta(hours=1),
        attendees=(Attendee(name, "a@b.cn"),),
    )
    data = calendar_bytes([visit], now=NOW)
    assert_well_formed(data)
    event = only_event(data)
    assert str(event["SUMMARY"]) == " – ".join(p for p in (visit.customer, purpose) if p.strip())
    assert str(event.get("LOCATION", "")) == (place if place.strip() else "")
    assert str(event.get("DESCRIPTION", "")) == (description if description.strip() else "")
    assert event["ATTENDEE"].params["CN"] == name
    assert event.decoded("DTSTART") == starts
    assert event.decoded("DTEND") == starts + timedelta(hours=1)
    assert re.fullmatch(r"[0-9a-f-]{36}@salesdesk", str(event["UID"]))
