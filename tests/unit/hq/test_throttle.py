"""How long a login waits after failures of its (username, address)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from salesdesk.hq import throttle


def test_the_first_failures_are_free_then_each_doubles_the_wait() -> None:
    waits = [throttle.delay_after(n) for n in range(8)]
    assert waits[: throttle.FREE_FAILURES] == [timedelta(0)] * throttle.FREE_FAILURES
    assert waits[3:] == [timedelta(seconds=s) for s in (1, 2, 4, 8, 16)]


def test_the_wait_stops_growing_at_fifteen_minutes() -> None:
    assert throttle.delay_after(13) == throttle.MAX_DELAY == timedelta(minutes=15)
    assert throttle.delay_after(10_000) == throttle.MAX_DELAY  # no overflow, however many


def test_retry_after_is_whole_seconds_rounded_up_and_none_once_passed() -> None:
    now = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    assert throttle.retry_after_s(now, now) is None
    assert throttle.retry_after_s(now - timedelta(seconds=1), now) is None
    assert throttle.retry_after_s(now + timedelta(milliseconds=1), now) == 1
    assert throttle.retry_after_s(now + timedelta(seconds=2, milliseconds=100), now) == 3
