"""The one rule for due and overdue: due all of its day, overdue from the next midnight in the
salesperson's time zone (not UTC's, not the machine's)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdesk.domain.due import (
    SHANGHAI,
    DueState,
    days_overdue,
    due_state,
    is_overdue,
    local_date,
    overdue_from,
)

BERLIN = ZoneInfo("Europe/Berlin")
DUE = date(2026, 3, 3)


@pytest.mark.parametrize(
    ("now", "zone", "expected"),
    [
        # 23:59 in Shanghai on the due day: still due
        (datetime(2026, 3, 3, 23, 59, 59, tzinfo=SHANGHAI), SHANGHAI, DueState.DUE),
        # 00:00 the next day in Shanghai: overdue, though it is 16:00 on 3 March in UTC
        (datetime(2026, 3, 4, 0, 0, tzinfo=SHANGHAI), SHANGHAI, DueState.OVERDUE),
        (datetime(2026, 3, 3, 16, 0, tzinfo=UTC), SHANGHAI, DueState.OVERDUE),
        (datetime(2026, 3, 3, 15, 59, tzinfo=UTC), SHANGHAI, DueState.DUE),
        # 2 March 16:30 UTC is already 3 March in Shanghai: due (today), not upcoming
        (datetime(2026, 3, 2, 16, 30, tzinfo=UTC), SHANGHAI, DueState.DUE),
        (datetime(2026, 3, 2, 15, 59, tzinfo=UTC), SHANGHAI, DueState.UPCOMING),
        # the same instant read in UTC is a different day
        (datetime(2026, 3, 3, 16, 0, tzinfo=UTC), ZoneInfo("UTC"), DueState.DUE),
        (datetime(2026, 3, 4, 0, 0, tzinfo=UTC), ZoneInfo("UTC"), DueState.OVERDUE),
    ],
)
def test_due_all_day_overdue_from_the_next_local_midnight(
    now: datetime, zone: ZoneInfo, expected: DueState
) -> None:
    assert due_state(DUE, now, zone) is expected
    assert is_overdue(DUE, now, zone) is (expected is DueState.OVERDUE)


@pytest.mark.parametrize(
    ("due", "midnight_utc"),
    [
        (date(2026, 3, 28), datetime(2026, 3, 28, 23, 0, tzinfo=UTC)),  # CET, +01:00
        # the night clocks go forward (29 March 02:00 → 03:00): midnight is still +01:00
        (date(2026, 3, 29), datetime(2026, 3, 29, 22, 0, tzinfo=UTC)),  # CEST, +02:00 after
        # the night clocks go back (25 October 03:00 → 02:00)
        (date(2026, 10, 24), datetime(2026, 10, 24, 22, 0, tzinfo=UTC)),
        (date(2026, 10, 25), datetime(2026, 10, 25, 23, 0, tzinfo=UTC)),
    ],
)
def test_overdue_from_across_berlin_dst(due: date, midnight_utc: datetime) -> None:
    start = overdue_from(due, BERLIN)
    assert start == midnight_utc
    assert not is_overdue(due, start - timedelta(microseconds=1), BERLIN)
    assert is_overdue(due, start, BERLIN)


def test_overdue_from_in_shanghai_is_16_00_utc_the_day_before() -> None:
    assert overdue_from(DUE) == datetime(2026, 3, 3, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("today", "days"), [(date(2026, 3, 2), -1), (DUE, 0), (date(2026, 4, 3), 31)]
)
def test_days_overdue(today: date, days: int) -> None:
    assert days_overdue(DUE, today) == days


def test_a_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        local_date(datetime(2026, 3, 3, 12, 0))


zones = st.sampled_from([SHANGHAI, BERLIN, ZoneInfo("UTC"), ZoneInfo("America/New_York")])
instants = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2060, 1, 1), timezones=st.just(UTC)
)


@given(
    due=st.dates(min_value=date(2000, 1, 1), max_value=date(2059, 12, 1)), now=instants, zone=zones
)
def test_overdue_exactly_from_the_midnight_after_the_due_date(
    due: date, now: datetime, zone: ZoneInfo
) -> None:
    assert is_overdue(due, now, zone) is (now >= overdue_from(due, zone))
    state = due_state(due, now, zone)
    assert (state is DueState.DUE) is (local_date(now, zone) == due)
