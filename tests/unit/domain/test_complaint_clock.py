"""The committed clock of a complaint (issue 15): when it starts, what pauses add back, what a
screen shows while paused, after contact and after resolution; the time in words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesdesk.domain.business_calendar import (
    BusinessCalendar,
    china_calendar,
    hours,
    whole_minute,
)
from salesdesk.domain.complaint_clock import (
    DEFAULT_POLICY,
    Pause,
    Policy,
    Severity,
    Targets,
    clock,
    deadlines,
    in_words,
    policy_from_json,
    policy_to_json,
)

SH = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
CN = china_calendar()
CRITICAL = DEFAULT_POLICY.for_severity(Severity.CRITICAL)  # 240 / 900 working minutes
LATER = datetime(2026, 12, 31, tzinfo=SH)  # a "now" after every pause of these tests


def sh(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def ber(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


THU = sh(2026, 12, 3, 10, 0)  # Thursday 3 December 2026, 10:00: critical → 15:30 / Mon 10:00


def test_default_policy_in_working_minutes() -> None:
    # "h" = working hours; a "day" = 450 working minutes (09:00–12:00 + 13:30–18:00)
    assert Targets(240, 900) == CRITICAL
    assert DEFAULT_POLICY.for_severity(Severity.HIGH) == Targets(720, 2250)
    assert DEFAULT_POLICY.for_severity(Severity.NORMAL) == Targets(1440, 4500)
    assert DEFAULT_POLICY.for_severity(Severity.LOW) == Targets(2880, 9000)
    assert DEFAULT_POLICY.for_severity("low") == Targets(2880, 9000)  # type: ignore[arg-type]
    assert CN.standard_day_minutes == 450


def test_policy_and_targets_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="targets: no targets for low"):
        Policy({s: CRITICAL for s in Severity if s is not Severity.LOW})
    with pytest.raises(ValueError, match="resolution_minutes: 0 is not a positive"):
        Targets(60, 0)


def test_policy_json_round_trip_and_errors() -> None:
    assert policy_from_json(policy_to_json(DEFAULT_POLICY)) == DEFAULT_POLICY
    with pytest.raises(ValueError, match=r"high\.first_contact_minutes: -5 is not a positive"):
        policy_from_json(policy_to_json(DEFAULT_POLICY).replace("720", "-5"))
    with pytest.raises(ValueError, match="urgent: not a severity"):
        policy_from_json('{"urgent": {}}')
    with pytest.raises(ValueError, match="targets: no targets for critical, high, normal, low"):
        policy_from_json("{}")


@pytest.mark.parametrize(
    ("received", "first_contact", "resolution"),
    [
        (THU, sh(2026, 12, 3, 15, 30), sh(2026, 12, 7, 10, 0)),  # lunch break skipped
        (sh(2026, 12, 3, 7, 0), sh(2026, 12, 3, 14, 30), sh(2026, 12, 4, 18, 0)),  # early
        (sh(2026, 12, 3, 12, 10), sh(2026, 12, 3, 17, 30), sh(2026, 12, 7, 12, 0)),  # lunch
        (sh(2026, 12, 3, 18, 30), sh(2026, 12, 4, 14, 30), sh(2026, 12, 7, 18, 0)),  # evening
        (sh(2026, 12, 5, 20, 0), sh(2026, 12, 7, 14, 30), sh(2026, 12, 8, 18, 0)),  # Saturday
        # National Day (1–7 October): the clock starts Thursday 8 October at 09:00; Saturday
        # 10 October is a make-up working day
        (sh(2026, 10, 2, 15, 0), sh(2026, 10, 8, 14, 30), sh(2026, 10, 9, 18, 0)),
        (sh(2026, 10, 9, 17, 0), sh(2026, 10, 10, 12, 0), sh(2026, 10, 12, 17, 0)),
    ],
)
def test_received_outside_working_time_starts_at_the_next_working_minute(
    received: datetime, first_contact: datetime, resolution: datetime
) -> None:
    got = deadlines(received, CRITICAL, CN, [], now=received)
    assert (got.first_contact, got.resolution, got.paused) == (first_contact, resolution, False)


@pytest.mark.parametrize(
    ("pauses", "first_contact", "resolution"),
    [
        ([], sh(2026, 12, 3, 15, 30), sh(2026, 12, 7, 10, 0)),
        # 11:00–14:00 over lunch covers 60 + 30 working minutes
        ([(sh(2026, 12, 3, 11, 0), sh(2026, 12, 3, 14, 0))],
         sh(2026, 12, 3, 17, 0), sh(2026, 12, 7, 11, 30)),
        # over a night: 17:00–18:00 and 09:00–10:00 count, the night does not; it begins after
        # the first-contact deadline had passed, so that deadline does not move
        ([(sh(2026, 12, 3, 17, 0), sh(2026, 12, 4, 10, 0))],
         sh(2026, 12, 3, 15, 30), sh(2026, 12, 7, 12, 0)),
        # over a weekend: only Friday 17:00–18:00
        ([(sh(2026, 12, 4, 17, 0), sh(2026, 12, 7, 9, 0))],
         sh(2026, 12, 3, 15, 30), sh(2026, 12, 7, 11, 0)),
        # starting before receipt: counted from receipt (10:00–11:00)
        ([(sh(2026, 12, 3, 8, 0), sh(2026, 12, 3, 11, 0))],
         sh(2026, 12, 3, 16, 30), sh(2026, 12, 7, 11, 0)),
        # overlapping pauses count their union once (11:00–14:00)
        ([(sh(2026, 12, 3, 11, 0), sh(2026, 12, 3, 13, 0)),
          (sh(2026, 12, 3, 12, 30), sh(2026, 12, 3, 14, 0))],
         sh(2026, 12, 3, 17, 0), sh(2026, 12, 7, 11, 30)),
        # a pause inside another counts nothing more
        ([(sh(2026, 12, 3, 11, 0), sh(2026, 12, 3, 14, 0)),
          (sh(2026, 12, 3, 11, 15), sh(2026, 12, 3, 11, 45))],
         sh(2026, 12, 3, 17, 0), sh(2026, 12, 7, 11, 30)),
        # touching pauses (11:00–11:30, 11:30–12:00)
        ([(sh(2026, 12, 3, 11, 30), sh(2026, 12, 3, 12, 0)),
          (sh(2026, 12, 3, 11, 0), sh(2026, 12, 3, 11, 30))],
         sh(2026, 12, 3, 16, 30), sh(2026, 12, 7, 11, 0)),
        # an end before its start covers nothing
        ([(sh(2026, 12, 3, 14, 0), sh(2026, 12, 3, 11, 0))],
         sh(2026, 12, 3, 15, 30), sh(2026, 12, 7, 10, 0)),
        # two pauses: the second begins before the deadline the first one moved
        ([(sh(2026, 12, 3, 11, 0), sh(2026, 12, 3, 12, 0)),
          (sh(2026, 12, 3, 16, 0), sh(2026, 12, 3, 16, 30))],
         sh(2026, 12, 3, 17, 0), sh(2026, 12, 7, 11, 30)),
    ],
)
def test_a_pause_adds_back_only_the_working_time_it_covered(
    pauses: list[tuple[datetime, datetime]], first_contact: datetime, resolution: datetime
) -> None:
    got = deadlines(THU, CRITICAL, CN, [Pause(a, b, "waiting on the customer") for a, b in pauses],
                    now=LATER)
    assert (got.first_contact, got.resolution) == (first_contact, resolution)
    assert not got.paused


def test_a_pause_over_a_public_holiday() -> None:
    received = sh(2026, 9, 30, 10, 0)  # Wednesday before National Day
    plain = deadlines(received, CRITICAL, CN, [], now=LATER)
    assert plain.resolution == sh(2026, 10, 9, 10, 0)  # 390 on 30 Sep, 450 on 8 Oct, 60 on 9 Oct
    # paused from 17:00 on 30 September to 10:00 on 8 October: 60 + 60 working minutes
    paused = deadlines(received, CRITICAL, CN,
                       [Pause(sh(2026, 9, 30, 17, 0), sh(2026, 10, 8, 10, 0))], now=LATER)
    assert paused.resolution == sh(2026, 10, 9, 12, 0)


def test_an_open_pause_counts_as_if_resumed_now_and_time_left_stands_still() -> None:
    pauses = [Pause(sh(2026, 12, 3, 11, 0), None, "waiting for photos")]
    seen = []
    for now in (sh(2026, 12, 3, 14, 0), sh(2026, 12, 4, 10, 0), sh(2026, 12, 5, 12, 0),
                sh(2026, 12, 7, 17, 59)):
        shown = clock(THU, CRITICAL, CN, pauses, now, contacted_at=None, resolved_at=None)
        assert shown.deadlines.paused
        assert shown.deadlines == deadlines(THU, CRITICAL, CN, pauses, now)
        seen.append((shown.first_contact_left, shown.resolution_left))
    # one working hour elapsed before the pause: 240 − 60 and 900 − 60, on every screen
    assert seen == [(180, 840)] * 4
    at_14 = deadlines(THU, CRITICAL, CN, pauses, sh(2026, 12, 3, 14, 0))
    assert at_14.first_contact == sh(2026, 12, 3, 17, 0)  # 15:30 + 90 paused minutes
    at_fri = deadlines(THU, CRITICAL, CN, pauses, sh(2026, 12, 4, 10, 0))
    assert at_fri.first_contact == sh(2026, 12, 4, 14, 30)  # 15:30 + 390 paused minutes
    # resumed at 10:00 on Friday: the clock ticks again from there
    resumed = [Pause(sh(2026, 12, 3, 11, 0), sh(2026, 12, 4, 10, 0))]
    later = clock(THU, CRITICAL, CN, resumed, sh(2026, 12, 4, 11, 0), contacted_at=None,
                  resolved_at=None)
    assert (later.first_contact_left, later.resolution_left) == (120, 780)
    assert later.deadlines.first_contact == sh(2026, 12, 4, 14, 30)
    assert not later.deadlines.paused
    assert later.paused_minutes == 390


def test_resolving_straight_from_a_pause_still_subtracts_it() -> None:
    pauses = [Pause(sh(2026, 12, 3, 11, 0), None, "waiting on the customer")]
    resolved = sh(2026, 12, 8, 10, 0)  # Tuesday, never resumed
    for now in (resolved, sh(2026, 12, 9, 10, 0), sh(2026, 12, 21, 10, 0)):
        shown = clock(THU, CRITICAL, CN, pauses, now, contacted_at=sh(2026, 12, 3, 10, 30),
                      resolved_at=resolved)
        # paused Thursday 11:00 to Tuesday 10:00: 330 + 450 + 450 + 60 working minutes
        assert shown.paused_minutes == 1290
        assert shown.deadlines.resolution == sh(2026, 12, 9, 18, 0)
        assert resolved <= shown.deadlines.resolution  # handled within the committed time
        assert shown.resolution_left is None
        assert shown.first_contact_left is None
        assert not shown.deadlines.paused


def test_contact_fixes_the_first_contact_deadline_and_breach_is_negative() -> None:
    pauses = [Pause(sh(2026, 12, 3, 15, 10), sh(2026, 12, 4, 10, 0))]
    shown = clock(THU, CRITICAL, CN, pauses, sh(2026, 12, 4, 11, 0),
                  contacted_at=sh(2026, 12, 3, 15, 0), resolved_at=None)
    assert shown.first_contact_left is None
    assert shown.deadlines.first_contact == sh(2026, 12, 3, 15, 30)  # the later pause: no move
    # the pause moved the resolution by 170 + 60 working minutes
    assert shown.deadlines.resolution == sh(2026, 12, 7, 15, 20)
    assert shown.paused_minutes == 230
    # not contacted: breached by 210 working minutes on Friday at 10:00 ...
    late = clock(THU, CRITICAL, CN, [], sh(2026, 12, 4, 10, 0), contacted_at=None,
                 resolved_at=None)
    assert late.first_contact_left == 240 - 450
    # ... and paused then, the breach stops growing; the passed deadline stays where it was
    frozen = clock(THU, CRITICAL, CN, [Pause(sh(2026, 12, 4, 10, 0))], sh(2026, 12, 4, 15, 0),
                   contacted_at=None, resolved_at=None)
    assert frozen.first_contact_left == -210
    assert frozen.deadlines.first_contact == sh(2026, 12, 3, 15, 30)


def test_the_same_deadline_in_another_zone_is_the_same_instant() -> None:
    pauses = [Pause(sh(2026, 12, 3, 11, 0), sh(2026, 12, 3, 14, 0))]
    here = deadlines(THU, CRITICAL, CN, pauses, now=LATER)
    for zone in (UTC, NEW_YORK, BERLIN):
        there = deadlines(THU.astimezone(zone), CRITICAL, CN,
                          [Pause(p.start.astimezone(zone), p.end) for p in pauses],
                          now=LATER.astimezone(zone))
        assert there == here
        # the script reads the calendar's zone whatever the viewer's
        assert in_words(there.first_contact.astimezone(zone), THU.astimezone(zone),
                        CN.zone, "zh_CN") == "我们会在今天下午 5:00 之前与您联系"
    assert here.first_contact.tzinfo is UTC


def test_editing_the_calendar_or_policy_recomputes_from_the_stored_inputs() -> None:
    stored_received = THU
    stored_pauses = [Pause(sh(2026, 12, 4, 9, 0), sh(2026, 12, 4, 12, 0))]  # 180 minutes
    before = deadlines(stored_received, CRITICAL, CN, stored_pauses, now=LATER)
    assert (before.first_contact, before.resolution) == (sh(2026, 12, 3, 15, 30),
                                                         sh(2026, 12, 7, 14, 30))
    # the user makes Monday 7 December a holiday and Saturday 5 December a working day, and
    # the policy: critical 2 h / 3 days
    calendar = CN.with_days(holidays=[sh(2026, 12, 7).date()], workdays=[sh(2026, 12, 5).date()])
    policy = Policy({**DEFAULT_POLICY.targets, Severity.CRITICAL: Targets.of(2, 3)})
    after = deadlines(stored_received, policy.for_severity(Severity.CRITICAL), calendar,
                      stored_pauses, now=LATER)
    # 1,350 minutes: Thursday 390, Friday 450, Saturday 450, (Monday off), Tuesday 60 → 10:00;
    # plus the 180 paused minutes, still subtracted → 14:30
    assert (after.first_contact, after.resolution) == (sh(2026, 12, 3, 12, 0),
                                                       sh(2026, 12, 8, 14, 30))
    unpaused = deadlines(stored_received, policy.for_severity(Severity.CRITICAL), calendar, [],
                         now=LATER)
    assert unpaused.resolution == sh(2026, 12, 8, 10, 0)


def test_a_lunch_break_and_a_sunday_to_thursday_week() -> None:
    riyadh = ZoneInfo("Asia/Riyadh")
    calendar = BusinessCalendar("Asia/Riyadh", dict.fromkeys(
        (6, 0, 1, 2, 3), hours(("08:00", "12:00"), ("13:00", "17:00"))))
    received = datetime(2026, 12, 3, 15, 0, tzinfo=riyadh)  # Thursday afternoon
    got = deadlines(received, Targets(240, 960), calendar, [], now=received)
    # 120 on Thursday, then Sunday 08:00–10:00 (Friday and Saturday are the weekend)
    assert got.first_contact == datetime(2026, 12, 6, 10, 0, tzinfo=riyadh)
    # 960: Thursday 120, Sunday 480, Monday 360 (08:00–12:00 and 13:00–15:00)
    assert got.resolution == datetime(2026, 12, 7, 15, 0, tzinfo=riyadh)


def test_daylight_saving_does_not_break_the_clock() -> None:
    calendar = BusinessCalendar("Europe/Berlin", dict.fromkeys(range(5), hours(("09:00", "17:00"))))
    received = ber(2026, 3, 27, 16, 0)  # Friday, CET; clocks go forward on Sunday 29 March
    pauses = [Pause(ber(2026, 3, 27, 16, 30), ber(2026, 3, 30, 9, 30))]  # 30 + 30 minutes
    got = deadlines(received, Targets(120, 960), calendar, pauses, now=ber(2026, 4, 30))
    assert got.first_contact == ber(2026, 3, 30, 11, 0)  # CEST: 09:00 UTC
    assert got.first_contact == datetime(2026, 3, 30, 9, 0, tzinfo=UTC)
    assert got.resolution == ber(2026, 3, 31, 17, 0)


@pytest.mark.parametrize(
    ("deadline", "now", "zh", "en"),
    [
        (sh(2026, 12, 3, 16, 30), THU, "我们会在今天下午 4:30 之前与您联系",
         "We will contact you by 4:30 pm today"),
        (sh(2026, 12, 4, 11, 30), THU, "我们会在明天上午 11:30 之前与您联系",
         "We will contact you by tomorrow, 11:30 am"),
        (sh(2026, 12, 7, 9, 0), THU, "我们会在12月7日（周一）上午 9:00 之前与您联系",
         "We will contact you by Monday 7 December, 9:00 am"),
        (sh(2026, 12, 4, 12, 0), THU, "我们会在明天中午 12:00 之前与您联系",
         "We will contact you by tomorrow, 12:00 pm"),
        (sh(2026, 12, 3, 18, 0), THU, "我们会在今天下午 6:00 之前与您联系",
         "We will contact you by 6:00 pm today"),
        (sh(2027, 1, 4, 9, 0), sh(2026, 12, 31, 16, 0),
         "我们会在2027年1月4日（周一）上午 9:00 之前与您联系",
         "We will contact you by Monday 4 January 2027, 9:00 am"),
        # 23:30 UTC on 3 December is 07:30 on 4 December in Shanghai: tomorrow, there
        (datetime(2026, 12, 3, 23, 30, tzinfo=UTC), THU.astimezone(NEW_YORK),
         "我们会在明天上午 7:30 之前与您联系", "We will contact you by tomorrow, 7:30 am"),
    ],
)
def test_the_committed_time_in_words(deadline: datetime, now: datetime, zh: str, en: str) -> None:
    assert in_words(deadline, now, "Asia/Shanghai", "zh_CN") == zh
    assert in_words(deadline, now, "Asia/Shanghai", "en") == en


# -- properties ------------------------------------------------------------------------------

START = sh(2026, 9, 14, 0, 0)
OFFSETS = st.integers(min_value=0, max_value=60 * 24 * 60)  # minutes into 60 days from START
PAUSES = st.lists(st.tuples(OFFSETS, st.integers(min_value=0, max_value=60 * 24 * 20)),
                  max_size=4)
TARGETS = st.builds(Targets, st.integers(1, 3000), st.integers(1, 20 * 450))


def _pauses(spans: list[tuple[int, int]]) -> list[Pause]:
    return [Pause(START + timedelta(minutes=a), START + timedelta(minutes=a + n))
            for a, n in spans]


@settings(max_examples=200, deadline=None)
@given(OFFSETS, TARGETS, PAUSES, st.tuples(OFFSETS, st.integers(0, 60 * 24 * 20)))
def test_more_pause_never_gives_an_earlier_deadline(received: int, targets: Targets,
                                                    spans: list[tuple[int, int]],
                                                    extra: tuple[int, int]) -> None:
    at = START + timedelta(minutes=received)
    now = START + timedelta(days=200)
    fewer = deadlines(at, targets, CN, _pauses(spans), now)
    more = deadlines(at, targets, CN, _pauses([*spans, extra]), now)
    assert more.first_contact >= fewer.first_contact
    assert more.resolution >= fewer.resolution
    for deadline in (*_fields(fewer), *_fields(more)):  # the end of a working minute
        assert CN.is_working(deadline - timedelta(minutes=1))


def _fields(d: object) -> tuple[datetime, datetime]:
    return (d.first_contact, d.resolution)  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(OFFSETS, TARGETS, PAUSES, st.booleans(), OFFSETS)
def test_time_left_is_the_working_time_to_the_deadline(received: int, targets: Targets,
                                                       spans: list[tuple[int, int]],
                                                       open_last: bool, later: int) -> None:
    at = START + timedelta(minutes=received)
    pauses = _pauses(spans)
    if open_last and pauses:
        pauses[-1] = Pause(pauses[-1].start)
    now = at + timedelta(minutes=later)
    shown = clock(at, targets, CN, pauses, now, contacted_at=None, resolved_at=None)
    assert shown.deadlines == deadlines(at, targets, CN, pauses, now)
    for left, deadline in ((shown.first_contact_left, shown.deadlines.first_contact),
                           (shown.resolution_left, shown.deadlines.resolution)):
        assert left is not None
        if left > 0:  # not yet due: exactly the working minutes from now to the deadline
            assert left == CN.working_minutes(now, deadline)
        else:  # due or breached: the deadline has passed (now counted in whole minutes)
            assert deadline <= whole_minute(now)


def test_now_before_receipt_leaves_the_whole_target() -> None:
    # a complaint recorded on a laptop whose clock runs ahead, shown on one that is right
    shown = clock(THU, CRITICAL, CN, [], THU - timedelta(hours=2), contacted_at=None,
                  resolved_at=None)
    assert (shown.first_contact_left, shown.resolution_left) == (240, 900)


@settings(max_examples=200, deadline=None)
@given(OFFSETS, TARGETS, st.integers(0, 60 * 24 * 30), st.integers(0, 60 * 24 * 30),
       st.integers(0, 60 * 24 * 30))
def test_time_left_does_not_move_while_paused(received: int, targets: Targets, wait: int,
                                              first: int, second: int) -> None:
    at = START + timedelta(minutes=received)
    pause = Pause(at + timedelta(minutes=wait))
    one, two = (pause.start + timedelta(minutes=n) for n in sorted((first, second)))
    shown = [clock(at, targets, CN, [pause], now, contacted_at=None, resolved_at=None)
             for now in (one, two)]
    assert shown[0].first_contact_left == shown[1].first_contact_left
    assert shown[0].resolution_left == shown[1].resolution_left
    assert shown[0].deadlines.paused and shown[1].deadlines.paused
