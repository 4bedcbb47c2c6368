"""Working time on the business calendar: China's weeks, lunch break, holidays and 调休 days,
other weeks, other zones, daylight saving; whole minutes rounded up."""

from __future__ import annotations

import json
import sys
import threading
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesdesk.domain.business_calendar import (
    BusinessCalendar,
    WorkingHours,
    at_minute,
    china_calendar,
    china_days,
    from_json,
    hours,
    minute_up,
    to_json,
)

SH = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
RIYADH = ZoneInfo("Asia/Riyadh")
CN = china_calendar()


def sh(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def ber(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


# Berlin, Monday to Friday 09:00–17:00: daylight saving starts Sunday 29 March 2026 and ends
# Sunday 25 October 2026.
BERLIN_WEEK = BusinessCalendar("Europe/Berlin", dict.fromkeys(range(5), hours(("09:00", "17:00"))))
# Sunday to Thursday, 08:00–16:00 with no lunch break.
SUN_THU = BusinessCalendar("Asia/Riyadh", dict.fromkeys((6, 0, 1, 2, 3),
                                                        hours(("08:00", "16:00"))))
# Monday to Saturday, Saturday mornings only.
MON_SAT = BusinessCalendar("Asia/Shanghai", {
    **dict.fromkeys(range(5), hours(("09:00", "12:00"), ("13:30", "18:00"))),
    5: hours(("09:00", "12:00")),
})
# Around the clock, every day (a 24-hour hotline).
ALWAYS = BusinessCalendar("Europe/Berlin", dict.fromkeys(range(7), hours(("00:00", "24:00"))))


@pytest.mark.parametrize(
    ("start", "minutes", "expected"),
    [
        # Thursday 3 December 2026: the lunch break 12:00–13:30 does not count
        (sh(2026, 12, 3, 10, 0), 240, sh(2026, 12, 3, 15, 30)),
        (sh(2026, 12, 3, 10, 0), 120, sh(2026, 12, 3, 12, 0)),  # the end of the morning, not 13:30
        (sh(2026, 12, 3, 10, 0), 121, sh(2026, 12, 3, 13, 31)),
        (sh(2026, 12, 3, 12, 15), 30, sh(2026, 12, 3, 14, 0)),  # received over lunch
        # after hours: counting starts the next morning
        (sh(2026, 12, 3, 19, 0), 60, sh(2026, 12, 4, 10, 0)),
        (sh(2026, 12, 3, 17, 30), 60, sh(2026, 12, 4, 9, 30)),
        # a weekend
        (sh(2026, 12, 5, 10, 0), 60, sh(2026, 12, 7, 10, 0)),
        (sh(2026, 12, 4, 17, 0), 120, sh(2026, 12, 7, 10, 0)),
        # National Day: 1–7 October off; Saturday 10 October worked (调休)
        (sh(2026, 10, 1, 10, 0), 60, sh(2026, 10, 8, 10, 0)),
        (sh(2026, 9, 30, 17, 0), 120, sh(2026, 10, 8, 10, 0)),
        (sh(2026, 10, 9, 17, 0), 120, sh(2026, 10, 10, 10, 0)),
        # Sunday 20 September worked
        (sh(2026, 9, 19, 10, 0), 30, sh(2026, 9, 20, 9, 30)),
        # Spring Festival 15–23 February off; Saturday 14 February worked
        (sh(2026, 2, 13, 17, 0), 120, sh(2026, 2, 14, 10, 0)),
        (sh(2026, 2, 14, 17, 0), 120, sh(2026, 2, 24, 10, 0)),
        # New Year 2027 (shipped, provisional): 1 January off, then the weekend
        (sh(2026, 12, 31, 17, 0), 120, sh(2027, 1, 4, 10, 0)),
        # seconds round up: the deadline is never earlier than the exact one
        (sh(2026, 12, 3, 10, 0) + timedelta(seconds=30), 60, sh(2026, 12, 3, 11, 1)),
        (sh(2026, 12, 3, 11, 59) + timedelta(seconds=1), 1, sh(2026, 12, 3, 13, 31)),
        # zero minutes: the first working instant (when the clock starts)
        (sh(2026, 12, 5, 10, 0), 0, sh(2026, 12, 7, 9, 0)),
        (sh(2026, 12, 3, 12, 0), 0, sh(2026, 12, 3, 13, 30)),
        (sh(2026, 12, 3, 10, 0), 0, sh(2026, 12, 3, 10, 0)),
        # 20 standard days from the week before Mid-Autumn and National Day: Sep 21–24, 28–30,
        # Oct 8–10 (Saturday 10 worked), 12–16, 19–23
        (sh(2026, 9, 21, 9, 0), 20 * 450, sh(2026, 10, 23, 18, 0)),
    ],
)
def test_add_working_on_china_calendar(start: datetime, minutes: int, expected: datetime) -> None:
    got = CN.add_working(start, minutes)
    assert got == expected
    assert got.tzinfo is UTC


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (sh(2026, 12, 3, 11, 0), sh(2026, 12, 3, 14, 0), 90),  # 60 before lunch, 30 after
        (sh(2026, 12, 4, 17, 0), sh(2026, 12, 7, 10, 0), 120),  # over a weekend
        (sh(2026, 9, 30, 9, 0), sh(2026, 10, 9, 9, 0), 900),  # over National Day: 2 days
        (sh(2026, 9, 30, 9, 0), sh(2026, 10, 11, 9, 0), 1800),  # + Fri 9 and Sat 10 (调休)
        (sh(2026, 12, 3, 14, 0), sh(2026, 12, 3, 14, 0), 0),
        (sh(2026, 12, 3, 15, 0), sh(2026, 12, 3, 14, 0), 0),  # end before start
        (sh(2026, 12, 3, 19, 0), sh(2026, 12, 4, 8, 0), 0),  # a night
        (sh(2026, 12, 3, 10, 0) + timedelta(seconds=30),
         sh(2026, 12, 3, 10, 2) + timedelta(seconds=30), 2),  # both rounded up
    ],
)
def test_working_minutes_on_china_calendar(start: datetime, end: datetime, expected: int) -> None:
    assert CN.working_minutes(start, end) == expected


@pytest.mark.parametrize(
    ("at", "working", "next_instant"),
    [
        (sh(2026, 12, 3, 9, 0), True, sh(2026, 12, 3, 9, 0)),
        (sh(2026, 12, 3, 12, 0) - timedelta(seconds=1), True,
         sh(2026, 12, 3, 12, 0) - timedelta(seconds=1)),
        (sh(2026, 12, 3, 12, 0), False, sh(2026, 12, 3, 13, 30)),  # a period's end is not in it
        (sh(2026, 12, 3, 8, 59), False, sh(2026, 12, 3, 9, 0)),
        (sh(2026, 12, 3, 18, 0), False, sh(2026, 12, 4, 9, 0)),
        (sh(2026, 12, 5, 10, 0), False, sh(2026, 12, 7, 9, 0)),  # Saturday
        (sh(2026, 10, 3, 10, 0), False, sh(2026, 10, 8, 9, 0)),  # National Day
        (sh(2026, 10, 10, 10, 0), True, sh(2026, 10, 10, 10, 0)),  # a worked Saturday
        (sh(2026, 1, 4, 9, 30), True, sh(2026, 1, 4, 9, 30)),  # a worked Sunday
    ],
)
def test_is_working_and_next_working_instant(at: datetime, working: bool,
                                             next_instant: datetime) -> None:
    assert CN.is_working(at) is working
    assert CN.next_working_instant(at) == next_instant
    assert CN.next_working_instant(at).tzinfo is UTC


def test_the_same_instant_in_any_zone_gives_the_same_deadline() -> None:
    start = sh(2026, 12, 3, 17, 0)
    expected = sh(2026, 12, 4, 12, 0)  # 60 minutes on Thursday, 180 on Friday morning
    for zone in ("UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo"):
        moved = start.astimezone(ZoneInfo(zone))
        assert CN.add_working(moved, 240) == expected
        assert CN.working_minutes(moved, expected.astimezone(ZoneInfo(zone))) == 240
    # 10:00 UTC is 18:00 in Shanghai, after hours: the calendar's zone decides, not the caller's
    assert CN.add_working(datetime(2026, 12, 3, 10, 0, tzinfo=UTC), 60) == sh(2026, 12, 4, 10, 0)


@pytest.mark.parametrize(
    ("calendar", "start", "minutes", "expected"),
    [
        # Sunday to Thursday: Thursday evening → Sunday morning
        (SUN_THU, datetime(2026, 12, 3, 15, 0, tzinfo=RIYADH), 120,
         datetime(2026, 12, 6, 9, 0, tzinfo=RIYADH)),
        (SUN_THU, datetime(2026, 12, 4, 10, 0, tzinfo=RIYADH), 60,  # a Friday
         datetime(2026, 12, 6, 9, 0, tzinfo=RIYADH)),
        # Monday to Saturday, Saturday mornings only
        (MON_SAT, sh(2026, 12, 4, 17, 0), 120, sh(2026, 12, 5, 10, 0)),
        (MON_SAT, sh(2026, 12, 5, 11, 0), 120, sh(2026, 12, 7, 10, 0)),
        (MON_SAT, sh(2026, 12, 5, 13, 0), 30, sh(2026, 12, 7, 9, 30)),
    ],
)
def test_weeks_that_are_not_monday_to_friday(calendar: BusinessCalendar, start: datetime,
                                             minutes: int, expected: datetime) -> None:
    assert calendar.add_working(start, minutes) == expected


def test_daylight_saving_keeps_wall_clock_hours() -> None:
    # Friday 27 March 2026 is CET (UTC+1), Monday 30 March CEST (UTC+2)
    assert BERLIN_WEEK.working_periods(date(2026, 3, 27)) == (
        (datetime(2026, 3, 27, 8, 0, tzinfo=UTC), datetime(2026, 3, 27, 16, 0, tzinfo=UTC)),
    )
    assert BERLIN_WEEK.working_periods(date(2026, 3, 30)) == (
        (datetime(2026, 3, 30, 7, 0, tzinfo=UTC), datetime(2026, 3, 30, 15, 0, tzinfo=UTC)),
    )
    assert BERLIN_WEEK.add_working(ber(2026, 3, 27, 16, 0), 120) == ber(2026, 3, 30, 10, 0)
    assert BERLIN_WEEK.working_minutes(ber(2026, 3, 27, 9, 0), ber(2026, 3, 30, 17, 0)) == 960
    assert BERLIN_WEEK.add_working(ber(2026, 10, 23, 16, 0), 120) == ber(2026, 10, 26, 10, 0)
    # around the clock, the short day of March has 23 hours and the long day of October 25
    assert ALWAYS.working_minutes(ber(2026, 3, 29, 0, 0), ber(2026, 3, 30, 0, 0)) == 23 * 60
    assert ALWAYS.working_minutes(ber(2026, 10, 25, 0, 0), ber(2026, 10, 26, 0, 0)) == 25 * 60
    assert ALWAYS.add_working(ber(2026, 3, 29, 0, 0), 23 * 60) == ber(2026, 3, 30, 0, 0)


def test_working_periods_are_utc_and_empty_on_days_off() -> None:
    assert CN.working_periods(date(2026, 12, 3)) == (
        (sh(2026, 12, 3, 9, 0), sh(2026, 12, 3, 12, 0)),
        (sh(2026, 12, 3, 13, 30), sh(2026, 12, 3, 18, 0)),
    )
    assert all(p.tzinfo is UTC for pair in CN.working_periods(date(2026, 12, 3)) for p in pair)
    assert CN.working_periods(date(2026, 12, 5)) == ()  # Saturday
    assert CN.working_periods(date(2026, 10, 1)) == ()  # National Day
    assert len(CN.working_periods(date(2026, 10, 10))) == 2  # worked Saturday, Monday's hours


def test_make_up_days_can_have_their_own_hours() -> None:
    calendar = BusinessCalendar(
        "Asia/Shanghai", dict.fromkeys(range(5), hours(("09:00", "18:00"))),
        workdays=frozenset({date(2026, 10, 10)}), workday_hours=hours(("10:00", "12:00")),
    )
    assert calendar.working_periods(date(2026, 10, 10)) == (
        (sh(2026, 10, 10, 10, 0), sh(2026, 10, 10, 12, 0)),
    )


def test_china_calendar_ships_2026_as_announced() -> None:
    days = china_days()
    assert {2026, 2027} <= set(days)
    assert days[2026]["provisional"] is False
    assert days[2027]["provisional"] is True
    cn26 = china_calendar([2026])
    holidays = {d for d in cn26.holidays if d.year == 2026}
    assert len(holidays) == 33  # 3 + 9 + 3 + 5 + 3 + 3 + 7
    assert {date(2026, 1, 1), date(2026, 2, 15), date(2026, 2, 23), date(2026, 4, 6),
            date(2026, 5, 5), date(2026, 6, 19), date(2026, 9, 27), date(2026, 10, 7)} <= holidays
    assert cn26.workdays == {date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28),
                             date(2026, 5, 9), date(2026, 9, 20), date(2026, 10, 10)}
    assert all(d.weekday() >= 5 for d in cn26.workdays)  # make-up days are weekend days
    assert cn26.zone == "Asia/Shanghai"
    assert cn26.standard_day_minutes == 450
    # 2027's statutory days (lunar new year 6 February 2027)
    cn27 = china_calendar([2027])
    assert {date(2027, 1, 1), date(2027, 2, 5), date(2027, 2, 8), date(2027, 4, 5),
            date(2027, 5, 1), date(2027, 6, 9), date(2027, 9, 15), date(2027, 10, 1)} <= (
        cn27.holidays)


def test_china_calendar_is_made_once_per_set_of_years() -> None:
    assert china_calendar() is china_calendar([2027, 2026, 2026])
    assert china_calendar([2026]) is not china_calendar()


def test_china_calendar_refuses_a_year_it_does_not_have() -> None:
    with pytest.raises(ValueError, match="years: no holiday data for \\[2031\\]"):
        china_calendar([2031])


def test_json_round_trip_keeps_everything() -> None:
    calendar = BusinessCalendar(
        "Europe/Berlin",
        {0: hours(("08:00", "12:00"), ("13:00", "17:00")), 5: hours(("22:00", "24:00"))},
        holidays=frozenset({date(2026, 12, 25)}),
        workdays=frozenset({date(2026, 12, 27)}),
        workday_hours=hours(("10:00", "14:00")),
    )
    text = to_json(calendar)
    assert json.loads(text)["week"]["sat"] == [["22:00", "24:00"]]
    back = from_json(text)
    assert back == calendar
    assert back.add_working(ber(2026, 12, 26, 23, 0), 60) == calendar.add_working(
        ber(2026, 12, 26, 23, 0), 60)
    assert from_json(to_json(CN)) == CN


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"zone": "Mars/Olympus"}, "zone: 'Mars/Olympus' is not a time zone"),
        ({"week": {"mon": [["09:00", "25:00"]]}}, "week.mon.0: '25:00' is not a time HH:MM"),
        ({"week": {"mon": [["12:00", "09:00"]]}}, "week.mon: periods: 12:00–09:00 ends before"),
        ({"week": {"funday": []}}, "week: 'funday' is not one of"),
        ({"holidays": ["2026-02-30"]}, "holidays.0: '2026-02-30' is not a date"),
        ({"holidays": ["2026-10-10"]}, "workdays: 2026-10-10 is also a holiday"),
        ({"version": 9}, "version: 9 is not 1"),
    ],
)
def test_json_errors_name_the_field(change: dict[str, object], message: str) -> None:
    document = json.loads(to_json(china_calendar([2026])))
    document.update(change)
    with pytest.raises(ValueError, match=message):
        from_json(json.dumps(document))
    with pytest.raises(ValueError, match="calendar: not JSON"):
        from_json("{")


def test_working_hours_must_be_in_order_without_overlap() -> None:
    with pytest.raises(ValueError, match="periods: 11:00 overlaps"):
        WorkingHours(((time(9), time(12)), (time(11), time(13))))
    with pytest.raises(ValueError, match="whole-minute"):
        WorkingHours(((time(9, 0, 30), time(12)),))


def test_with_days_adds_an_import_over_the_shipped_days() -> None:
    edited = CN.with_days(holidays=[date(2026, 12, 7)], workdays=[date(2026, 10, 3)])
    assert not edited.is_working(sh(2026, 12, 7, 10, 0))
    assert edited.is_working(sh(2026, 10, 3, 10, 0))  # was a holiday, now worked
    assert date(2026, 10, 3) not in edited.holidays
    assert CN.is_working(sh(2026, 12, 7, 10, 0))  # the original is unchanged


def test_a_calendar_without_working_time_says_so() -> None:
    never = BusinessCalendar("Asia/Shanghai", {})
    with pytest.raises(ValueError, match="no working time"):
        never.add_working(sh(2026, 12, 3, 10, 0), 1)
    assert never.working_minutes(sh(2026, 1, 1), sh(2027, 1, 1)) == 0


def test_counts_keep_their_origin_when_the_calendar_covers_more_years() -> None:
    calendar = BusinessCalendar(CN.zone, CN.week, CN.holidays, CN.workdays)  # nothing built yet
    minute = minute_up(sh(2026, 12, 3, 10, 0))
    count = calendar.worked_to(minute)
    assert calendar.minute_at(count + 240) == minute_up(sh(2026, 12, 3, 15, 30))
    # asking about 2031 and 2019 widens what the calendar has computed, on both sides
    later = calendar.worked_to(minute_up(sh(2031, 6, 2, 10, 0)))
    earlier = calendar.worked_to(minute_up(sh(2019, 6, 3, 10, 0)))
    assert earlier < count < later
    assert calendar.worked_to(minute) == count
    assert calendar.minute_at(count + 240) == minute_up(sh(2026, 12, 3, 15, 30))
    assert at_minute(calendar.minute_at(count + 1)) == sh(2026, 12, 3, 10, 1)
    with pytest.raises(ValueError, match="count"):
        BusinessCalendar(CN.zone, CN.week).minute_at(5)  # nothing counted yet


def test_threads_sharing_a_calendar_get_the_same_answers() -> None:
    # the GUI thread and a worker may widen one calendar's years at the same time
    starts = [sh(2026, 12, 3, 10, 0) + timedelta(days=97 * n) for n in range(-40, 40)]
    expected = [CN.add_working(s, 2000) for s in starts]
    shared = BusinessCalendar(CN.zone, CN.week, CN.holidays, CN.workdays)  # nothing built yet
    results: dict[int, list[datetime]] = {}

    def work(n: int) -> None:
        order = starts if n % 2 else starts[::-1]
        got = {s: shared.add_working(s, 2000) for s in order}
        results[n] = [got[s] for s in starts]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads interleave inside the build, as on a loaded machine
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert all(r == expected for r in results.values())
    assert len(results) == 4


# -- properties ------------------------------------------------------------------------------

CALENDARS = st.sampled_from([CN, BERLIN_WEEK, SUN_THU, MON_SAT, ALWAYS])
ZONES = st.sampled_from([ZoneInfo("Asia/Shanghai"), ZoneInfo("UTC"), BERLIN,
                         ZoneInfo("America/New_York")])
INSTANTS = st.datetimes(min_value=datetime(2025, 6, 1), max_value=datetime(2028, 6, 1),
                        timezones=ZONES)
MINUTES = st.integers(min_value=0, max_value=30 * 450)


@settings(max_examples=300, deadline=None)
@given(CALENDARS, INSTANTS, MINUTES)
def test_adding_then_measuring_gives_the_duration_back(calendar: BusinessCalendar,
                                                       start: datetime, minutes: int) -> None:
    assert calendar.working_minutes(start, calendar.add_working(start, minutes)) == minutes


@settings(max_examples=300, deadline=None)
@given(CALENDARS, INSTANTS, MINUTES)
def test_a_deadline_is_the_end_of_a_working_minute(calendar: BusinessCalendar,
                                                   start: datetime, minutes: int) -> None:
    deadline = calendar.add_working(start, minutes)
    assert deadline >= start
    assert deadline.second == 0 and deadline.microsecond == 0
    if minutes == 0:
        assert calendar.is_working(deadline)
    else:  # within a working period or at its end: the minute before it is working
        assert calendar.is_working(deadline - timedelta(minutes=1))


@settings(max_examples=300, deadline=None)
@given(CALENDARS, INSTANTS, INSTANTS, MINUTES, MINUTES)
def test_add_working_is_monotonic(calendar: BusinessCalendar, a: datetime, b: datetime,
                                  m: int, n: int) -> None:
    early, late = sorted((a, b))
    small, big = sorted((m, n))
    assert calendar.add_working(early, small) <= calendar.add_working(late, small)
    assert calendar.add_working(early, small) <= calendar.add_working(early, big)
    if small < big:
        assert calendar.add_working(early, small) < calendar.add_working(early, big)


@settings(max_examples=200, deadline=None)
@given(CALENDARS, INSTANTS, INSTANTS, INSTANTS)
def test_working_minutes_add_up(calendar: BusinessCalendar, a: datetime, b: datetime,
                                c: datetime) -> None:
    first, middle, last = sorted((a, b, c))
    assert calendar.working_minutes(first, last) == (
        calendar.working_minutes(first, middle) + calendar.working_minutes(middle, last))


def test_a_build_asked_from_an_older_view_keeps_the_years_and_the_count() -> None:
    # The race above, step by step: a thread that found no timeline asks for the years around
    # its own instant while another thread has meanwhile built the years around another.
    shared = BusinessCalendar(CN.zone, CN.week, CN.holidays, CN.workdays)
    start = sh(2026, 12, 3, 10, 0)
    minute = minute_up(start)
    count = shared.worked_to(minute)
    shared._build(2039, 2041)  # what the late thread's _cover asked for
    assert shared.worked_to(minute) == count  # the same origin
    assert shared.add_working(start, 2000) == CN.add_working(start, 2000)
