"""The promise ledger's rules: closing, reopening, due dates, and the kept-rate."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from salesdesk.domain.promises import (
    KeptRate,
    PromiseState,
    PromiseStatus,
    change_due,
    close,
    kept_rate,
    make,
    reopen,
)
from salesdesk.domain.validation import ErrorCode, ValidationFailed

MADE = date(2026, 3, 2)
AT = datetime(2026, 3, 5, 9, 30, tzinfo=UTC)
S = PromiseStatus


def codes(exc: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, ErrorCode]]:
    return [(e.field, e.code) for e in exc.value.errors]


def promise(status: PromiseStatus = S.OPEN, due: date = date(2026, 3, 10)) -> PromiseState:
    return PromiseState(made_on=MADE, due=due, status=status)


@pytest.mark.parametrize(
    ("due", "refused"),
    [
        (date(2026, 3, 1), True),  # the day before it was made
        (MADE, False),  # due the same day: "I'll send it tonight"
        (date(2026, 3, 3), False),
    ],
)
def test_a_due_date_before_the_promise_was_made_is_refused(due: date, refused: bool) -> None:
    if refused:
        with pytest.raises(ValidationFailed) as exc:
            make(MADE, due)
        assert codes(exc) == [("due", ErrorCode.DUE_BEFORE_MADE)]
        assert exc.value.errors[0].params == {"value": "2026-03-01"}
    else:
        assert make(MADE, due) == PromiseState(made_on=MADE, due=due, status=S.OPEN)


@pytest.mark.parametrize(
    ("outcome", "reason", "expected"),
    [
        (S.KEPT, "", []),
        (S.KEPT, "delivered the samples", []),
        (S.BROKEN, "", [("reason", ErrorCode.REASON_REQUIRED)]),
        (S.BROKEN, "   ", [("reason", ErrorCode.REASON_REQUIRED)]),  # blanks are no reason
        (S.BROKEN, "the plant was shut", []),
        (S.CANCELLED, "", [("reason", ErrorCode.REASON_REQUIRED)]),
        (S.CANCELLED, "customer changed the order", []),
        (S.OPEN, "", [("status", ErrorCode.CHOICE)]),  # "closing" to open is no closing
    ],
)
def test_closing_an_open_promise(
    outcome: PromiseStatus, reason: str, expected: list[tuple[str, ErrorCode]]
) -> None:
    if expected:
        with pytest.raises(ValidationFailed) as exc:
            close(promise(), outcome, by="li.lei", at=AT, reason=reason)
        assert codes(exc) == expected
        return
    closed = close(promise(), outcome, by="li.lei", at=AT, reason=reason)
    assert closed.status is outcome
    assert (closed.closed_at, closed.closed_by, closed.reason) == (AT, "li.lei", reason)
    assert (closed.made_on, closed.due) == (MADE, date(2026, 3, 10))


@pytest.mark.parametrize("status", [S.KEPT, S.BROKEN, S.CANCELLED])
@pytest.mark.parametrize("outcome", [S.KEPT, S.BROKEN, S.CANCELLED])
def test_closing_twice_is_refused(status: PromiseStatus, outcome: PromiseStatus) -> None:
    with pytest.raises(ValidationFailed) as exc:
        close(promise(status), outcome, by="li.lei", at=AT, reason="because")
    assert codes(exc) == [("status", ErrorCode.ALREADY_CLOSED)]


def test_closing_twice_without_a_reason_reports_both_problems() -> None:
    with pytest.raises(ValidationFailed) as exc:
        close(promise(S.KEPT), S.BROKEN, by="li.lei", at=AT)
    assert codes(exc) == [
        ("status", ErrorCode.ALREADY_CLOSED),
        ("reason", ErrorCode.REASON_REQUIRED),
    ]


def test_closing_needs_an_aware_instant() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        close(promise(), S.KEPT, by="li.lei", at=datetime(2026, 3, 5, 9, 30))


@pytest.mark.parametrize(
    ("status", "reason", "expected"),
    [
        (S.KEPT, "", []),  # kept by mistake: reopening needs no reason
        (S.BROKEN, "", []),
        (S.CANCELLED, "", [("reason", ErrorCode.REASON_REQUIRED)]),
        (S.CANCELLED, " ", [("reason", ErrorCode.REASON_REQUIRED)]),
        (S.CANCELLED, "the customer wants it after all", []),
        (S.OPEN, "x", [("status", ErrorCode.ALREADY_OPEN)]),
    ],
)
def test_reopening(
    status: PromiseStatus, reason: str, expected: list[tuple[str, ErrorCode]]
) -> None:
    closed = PromiseState(MADE, date(2026, 3, 10), status, closed_at=AT, closed_by="li.lei")
    if expected:
        with pytest.raises(ValidationFailed) as exc:
            reopen(closed, reason)
        assert codes(exc) == expected
        return
    opened = reopen(closed, reason)
    assert opened == PromiseState(MADE, date(2026, 3, 10), S.OPEN, None, None, reason.strip())
    # and it can be closed again
    assert close(opened, S.KEPT, by="han.mei", at=AT).closed_by == "han.mei"


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        (S.OPEN, date(2026, 3, 20), []),
        (S.OPEN, date(2026, 3, 1), [("due", ErrorCode.DUE_BEFORE_MADE)]),
        (S.KEPT, date(2026, 3, 20), [("status", ErrorCode.ALREADY_CLOSED)]),
    ],
)
def test_changing_the_due_date(
    status: PromiseStatus, due: date, expected: list[tuple[str, ErrorCode]]
) -> None:
    if expected:
        with pytest.raises(ValidationFailed) as exc:
            change_due(promise(status), due)
        assert codes(exc) == expected
    else:
        assert change_due(promise(status), due).due == due


MARCH = (date(2026, 3, 1), date(2026, 3, 31))
TODAY = date(2026, 3, 15)


def p(status: PromiseStatus, due: date) -> PromiseState:
    return PromiseState(made_on=date(2026, 1, 1), due=due, status=status)


@pytest.mark.parametrize(
    ("promises", "expected", "rate"),
    [
        ([], KeptRate(0, 0, 0), None),
        # nothing kept or broken yet: no rate, but the overdue open one is at risk
        ([p(S.OPEN, date(2026, 3, 10)), p(S.OPEN, date(2026, 3, 20))], KeptRate(0, 0, 1), None),
        # cancelled ones count for nothing
        ([p(S.CANCELLED, date(2026, 3, 3))], KeptRate(0, 0, 0), None),
        (
            [
                p(S.KEPT, date(2026, 3, 1)),
                p(S.KEPT, date(2026, 3, 31)),
                p(S.BROKEN, date(2026, 3, 9)),
            ],
            KeptRate(2, 1, 0),
            2 / 3,
        ),
        # due outside the period: not counted, however it ended
        (
            [
                p(S.BROKEN, date(2026, 2, 28)),
                p(S.OPEN, date(2026, 2, 1)),
                p(S.KEPT, date(2026, 3, 2)),
            ],
            KeptRate(1, 0, 0),
            1.0,
        ),
        # due today is not yet at risk (due all of its day); due yesterday is
        ([p(S.OPEN, TODAY), p(S.OPEN, date(2026, 3, 14))], KeptRate(0, 0, 1), None),
        ([p(S.BROKEN, date(2026, 3, 5))], KeptRate(0, 1, 0), 0.0),
    ],
)
def test_kept_rate(promises: list[PromiseState], expected: KeptRate, rate: float | None) -> None:
    result = kept_rate(promises, MARCH, TODAY)
    assert result == expected
    assert result.rate == (pytest.approx(rate) if rate is not None else None)
