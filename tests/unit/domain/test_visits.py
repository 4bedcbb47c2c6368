"""Visits: the lifecycle (plan, reschedule with history, done, cancel), the last done visit,
the cadence and the overdue-contacts list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdesk.domain.due import SHANGHAI
from salesdesk.domain.tiers import Cadence, Tier
from salesdesk.domain.validation import ErrorCode, ValidationFailed
from salesdesk.domain.visits import (
    CustomerCadence,
    OverdueReason,
    VisitEventKind,
    VisitState,
    VisitStatus,
    cancel,
    last_done_visit,
    last_visit_date,
    mark_done,
    next_due,
    overdue_contacts,
    plan,
    reschedule,
)

V = VisitStatus
NINE = datetime(2026, 3, 10, 9, 0, tzinfo=SHANGHAI)
ELEVEN = NINE + timedelta(hours=2)
AT = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)


def codes(exc: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, ErrorCode]]:
    return [(e.field, e.code) for e in exc.value.errors]


# --- lifecycle --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ends_at", "refused"),
    [(None, False), (ELEVEN, False), (NINE, False), (NINE - timedelta(minutes=1), True)],
)
def test_planning_refuses_a_window_that_ends_before_it_starts(
    ends_at: datetime | None, refused: bool
) -> None:
    if refused:
        with pytest.raises(ValidationFailed) as exc:
            plan(NINE, ends_at)
        assert codes(exc) == [("ends_at", ErrorCode.ENDS_BEFORE_START)]
    else:
        assert plan(NINE, ends_at) == VisitState(NINE, ends_at, V.PLANNED, sequence=0)


def test_rescheduling_keeps_where_the_visit_was() -> None:
    visit = plan(NINE, ELEVEN)
    later = NINE + timedelta(days=2)
    moved, event = reschedule(
        visit, later, later + timedelta(hours=1), by="li.lei", at=AT, reason=" rain "
    )
    assert (moved.starts_at, moved.ends_at, moved.status, moved.sequence) == (
        later,
        later + timedelta(hours=1),
        V.PLANNED,
        1,
    )
    assert event.kind is VisitEventKind.RESCHEDULED
    assert (event.previous_starts_at, event.previous_ends_at) == (NINE, ELEVEN)
    assert (event.at, event.by, event.reason) == (AT, "li.lei", "rain")
    # a second move grows the sequence again (an .ics re-export updates, never duplicates)
    again, second = reschedule(moved, NINE, None, by="li.lei", at=AT)
    assert again.sequence == 2
    assert second.previous_starts_at == later


@pytest.mark.parametrize("status", [V.DONE, V.CANCELLED])
def test_only_a_planned_visit_can_be_rescheduled_or_done(status: VisitStatus) -> None:
    visit = VisitState(NINE, status=status)
    with pytest.raises(ValidationFailed) as exc:
        reschedule(visit, ELEVEN, None, by="li.lei", at=AT)
    assert codes(exc) == [("status", ErrorCode.ALREADY_CLOSED)]
    with pytest.raises(ValidationFailed) as exc:
        mark_done(visit, NINE, by="li.lei", at=AT)
    assert codes(exc) == [("status", ErrorCode.ALREADY_CLOSED)]


def test_marking_done_records_when_it_took_place() -> None:
    done, event = mark_done(plan(NINE), ELEVEN, by="li.lei", at=AT)
    assert (done.status, done.visited_at, done.starts_at, done.sequence) == (
        V.DONE,
        ELEVEN,
        NINE,
        1,
    )
    assert (event.kind, event.by) == (VisitEventKind.DONE, "li.lei")


@pytest.mark.parametrize(
    ("status", "reason", "expected"),
    [
        (V.PLANNED, "customer's plant closed", []),
        (V.DONE, "recorded on the wrong customer", []),  # allowed: recomputes the last visit
        (V.PLANNED, "", [("reason", ErrorCode.REASON_REQUIRED)]),
        (V.DONE, "  ", [("reason", ErrorCode.REASON_REQUIRED)]),
        (V.CANCELLED, "again", [("status", ErrorCode.ALREADY_CLOSED)]),
        (
            V.CANCELLED,
            "",
            [("status", ErrorCode.ALREADY_CLOSED), ("reason", ErrorCode.REASON_REQUIRED)],
        ),
    ],
)
def test_cancelling_needs_a_reason_and_keeps_the_visit(
    status: VisitStatus, reason: str, expected: list[tuple[str, ErrorCode]]
) -> None:
    visit = VisitState(NINE, ELEVEN, status=status, sequence=3)
    if expected:
        with pytest.raises(ValidationFailed) as exc:
            cancel(visit, by="li.lei", at=AT, reason=reason)
        assert codes(exc) == expected
        return
    cancelled, event = cancel(visit, by="li.lei", at=AT, reason=reason)
    assert (cancelled.status, cancelled.reason, cancelled.sequence) == (V.CANCELLED, reason, 4)
    assert (cancelled.starts_at, cancelled.ends_at) == (NINE, ELEVEN)
    assert (event.kind, event.reason) == (VisitEventKind.CANCELLED, reason)


# --- the last done visit ----------------------------------------------------------------------


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("visits", "expected"),
    [
        ([], None),
        ([VisitState(at(1), status=V.PLANNED)], None),
        ([VisitState(at(1), status=V.DONE, visited_at=at(2))], 0),
        # a cancelled (once done) visit and a deleted one do not count
        (
            [
                VisitState(at(1), status=V.DONE, visited_at=at(1)),
                VisitState(at(8), status=V.CANCELLED, visited_at=at(8), reason="wrong customer"),
                VisitState(at(9), status=V.DONE, visited_at=at(9), deleted=True),
                VisitState(at(20), status=V.PLANNED),
            ],
            0,
        ),
        # the latest by when it took place, not by when it was planned
        (
            [
                VisitState(at(1), status=V.DONE, visited_at=at(12)),
                VisitState(at(10), status=V.DONE, visited_at=at(10)),
            ],
            0,
        ),
    ],
)
def test_last_done_visit_ignores_cancelled_and_deleted(
    visits: list[VisitState], expected: int | None
) -> None:
    result = last_done_visit(visits)
    assert result is (None if expected is None else visits[expected])


def test_cancelling_the_last_done_visit_moves_the_last_visit_back() -> None:
    first = VisitState(at(1), status=V.DONE, visited_at=at(1))
    second = VisitState(at(9), status=V.DONE, visited_at=at(9))
    assert last_visit_date([first, second]) == date(2026, 3, 9)
    second, _ = cancel(second, by="li.lei", at=AT, reason="recorded twice")
    assert last_visit_date([first, second]) == date(2026, 3, 1)


def test_the_last_visit_date_is_local() -> None:
    # 17:30 UTC on 9 March is 01:30 on 10 March in Shanghai
    late = VisitState(at(9), status=V.DONE, visited_at=datetime(2026, 3, 9, 17, 30, tzinfo=UTC))
    assert last_visit_date([late]) == date(2026, 3, 10)
    assert last_visit_date([late], ZoneInfo("UTC")) == date(2026, 3, 9)


# --- cadence and the overdue list -------------------------------------------------------------

ADDED = date(2025, 1, 1)


@pytest.mark.parametrize(
    ("tier", "override", "last", "expected"),
    [
        (Tier.A, None, date(2026, 3, 1), date(2026, 3, 15)),
        (Tier.B, None, date(2026, 3, 1), date(2026, 3, 31)),
        (Tier.C, None, date(2026, 3, 1), date(2026, 5, 30)),
        (None, None, date(2026, 3, 1), date(2026, 5, 30)),  # no sales: visited like C
        (Tier.C, 7, date(2026, 3, 1), date(2026, 3, 8)),  # the customer's own cadence wins
        (Tier.A, 60, date(2026, 3, 1), date(2026, 4, 30)),
        (Tier.A, None, None, ADDED),  # never visited: due from the day it was added
    ],
)
def test_next_due(
    tier: Tier | None, override: int | None, last: date | None, expected: date
) -> None:
    assert next_due(last, ADDED, Cadence().days_for(tier, override)) == expected


def customer(
    cid: str, tier: Tier | None, last: date | None, days: int | None = None, added: date = ADDED
) -> CustomerCadence:
    return CustomerCadence(cid, tier, added, last, days)


NOW = datetime(2026, 4, 11, 10, 0, tzinfo=SHANGHAI)  # 11 April in Shanghai


def test_overdue_contacts_ranked_by_how_overdue_then_tier_with_the_reason() -> None:
    customers = [
        customer("a-late", Tier.A, date(2026, 3, 1)),  # due 15 Mar: 27 days late
        customer("b-late", Tier.B, date(2026, 2, 13)),  # due 15 Mar: 27 days late
        customer("c-ok", Tier.C, date(2026, 3, 1)),  # due 30 May
        customer("a-today", Tier.A, date(2026, 3, 28)),  # due 11 Apr: due, not overdue
        customer("a-yesterday", Tier.A, date(2026, 3, 27)),  # due 10 Apr: 1 day late
        customer("c-own", Tier.C, date(2026, 3, 1), days=7),  # due 8 Mar: 34 days late
        customer("never", None, None, added=date(2026, 4, 1)),  # due 1 Apr: 10 days late
        customer("never-new", Tier.A, None, added=date(2026, 4, 11)),  # added today: due
    ]
    found = overdue_contacts(customers, NOW)
    assert [c.customer_id for c in found] == ["c-own", "a-late", "b-late", "never", "a-yesterday"]
    assert found[1].reason == OverdueReason(
        last_visit=date(2026, 3, 1),
        days_since=41,
        tier=Tier.A,
        cadence_days=14,
        due=date(2026, 3, 15),
        days_overdue=27,
    )
    assert found[0].reason.cadence_days == 7
    never = found[3].reason
    assert (never.last_visit, never.days_since, never.tier, never.cadence_days) == (
        None,
        10,
        None,
        90,
    )


@pytest.mark.parametrize(
    ("now", "zone", "listed"),
    [
        # due 10 April: listed from 00:00 on 11 April in Shanghai …
        (datetime(2026, 4, 10, 23, 59, tzinfo=SHANGHAI), SHANGHAI, False),
        (datetime(2026, 4, 11, 0, 0, tzinfo=SHANGHAI), SHANGHAI, True),
        # … which is 16:00 on 10 April in UTC
        (datetime(2026, 4, 10, 16, 0, tzinfo=UTC), SHANGHAI, True),
        (datetime(2026, 4, 10, 16, 0, tzinfo=UTC), ZoneInfo("UTC"), False),
        (datetime(2026, 4, 10, 22, 0, tzinfo=UTC), ZoneInfo("Europe/Berlin"), True),  # 00:00 CEST
        (datetime(2026, 4, 10, 21, 59, tzinfo=UTC), ZoneInfo("Europe/Berlin"), False),
    ],
)
def test_overdue_contacts_follow_the_local_midnight(
    now: datetime, zone: ZoneInfo, listed: bool
) -> None:
    found = overdue_contacts([customer("x", Tier.A, date(2026, 3, 27))], now, zone=zone)
    assert bool(found) is listed


def test_overdue_contacts_use_the_configured_cadence() -> None:
    tight = Cadence(a_days=7, b_days=14, c_days=30)
    last = date(2026, 3, 20)  # B: due 19 April by default, 3 April every 14 days
    assert overdue_contacts([customer("x", Tier.B, last)], NOW) == []
    assert [
        c.reason.cadence_days for c in overdue_contacts([customer("x", Tier.B, last)], NOW, tight)
    ] == [14]


@given(
    last=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)),
    days=st.integers(min_value=1, max_value=120),
    tier=st.sampled_from([Tier.A, Tier.B, Tier.C, None]),
    now=st.datetimes(
        min_value=datetime(2024, 1, 1), max_value=datetime(2027, 6, 1), timezones=st.just(UTC)
    ),
)
def test_listed_exactly_when_the_next_due_date_is_overdue(
    last: date, days: int, tier: Tier | None, now: datetime
) -> None:
    found = overdue_contacts([customer("x", tier, last, days)], now)
    first_overdue = datetime.combine(last + timedelta(days=days + 1), datetime.min.time(), SHANGHAI)
    assert bool(found) is (now >= first_overdue)
    if found:
        assert found[0].reason.days_overdue >= 1
        assert found[0].reason.days_since == found[0].reason.days_overdue + days


def test_overdue_contacts_limit_keeps_the_most_overdue_and_ties_keep_the_given_order() -> None:
    same = date(2026, 3, 1)  # tier A: due 15 March, 27 days late
    customers = [
        customer("c", Tier.C, date(2025, 12, 1)),  # due 1 March: 41 days late
        customer("a2", Tier.A, same),
        customer("b", Tier.B, date(2026, 2, 13)),  # also 27 days late, but tier B
        customer("a1", Tier.A, same),
    ]
    everyone = [c.customer_id for c in overdue_contacts(customers, NOW)]
    assert everyone == ["c", "a2", "a1", "b"]
    assert [c.customer_id for c in overdue_contacts(customers, NOW, limit=3)] == everyone[:3]
    assert overdue_contacts(customers, NOW, limit=0) == []
