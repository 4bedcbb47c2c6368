"""Promises made to customers (诺必践，践必果): their states, the rules for changing them, and
the kept-rate.

A promise is open until it is closed as kept, broken or cancelled; broken and cancelled need a
reason; a closed promise cannot be closed again, only reopened (a cancelled one with a reason).
Refusals raise :class:`~salesdesk.domain.validation.ValidationFailed` with field codes, the same
as any other refused input, so the UI words them in the user's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from salesdesk.domain.clock import require_aware
from salesdesk.domain.validation import ErrorCode, FieldError, ValidationFailed


class PromiseStatus(StrEnum):
    OPEN = "open"
    KEPT = "kept"
    BROKEN = "broken"
    CANCELLED = "cancelled"


CLOSED = frozenset({PromiseStatus.KEPT, PromiseStatus.BROKEN, PromiseStatus.CANCELLED})
_NEEDS_REASON = frozenset({PromiseStatus.BROKEN, PromiseStatus.CANCELLED})


@dataclass(frozen=True)
class PromiseState:
    """What the rules need of a promise. ``closed_at``/``closed_by`` are set while it is closed;
    ``reason`` is the reason given for the last change of status (empty if none was needed)."""

    made_on: date
    due: date
    status: PromiseStatus = PromiseStatus.OPEN
    closed_at: datetime | None = None
    closed_by: str | None = None
    reason: str = ""

    @property
    def is_open(self) -> bool:
        return self.status is PromiseStatus.OPEN


def due_errors(made_on: date, due: date) -> list[FieldError]:
    """The due date may be the day the promise was made or later, never earlier."""
    if due < made_on:
        return [FieldError("due", ErrorCode.DUE_BEFORE_MADE, {"value": due.isoformat()})]
    return []


def make(made_on: date, due: date) -> PromiseState:
    """A new, open promise; refused if it is due before it was made."""
    if errors := due_errors(made_on, due):
        raise ValidationFailed(errors)
    return PromiseState(made_on=made_on, due=due)


def change_due(promise: PromiseState, due: date) -> PromiseState:
    """Moves the due date of an open promise (a closed one is refused, as is a date before it
    was made)."""
    errors = due_errors(promise.made_on, due)
    if not promise.is_open:
        errors.insert(0, FieldError("status", ErrorCode.ALREADY_CLOSED, {"value": promise.status}))
    if errors:
        raise ValidationFailed(errors)
    return replace(promise, due=due)


def close(
    promise: PromiseState, outcome: PromiseStatus, by: str, at: datetime, reason: str = ""
) -> PromiseState:
    """Closes an open promise as kept, broken or cancelled, recording when and by whom.

    Refused: closing a promise that is not open (``status``: ALREADY_CLOSED), an outcome that is
    not a closing one (``status``: CHOICE), broken or cancelled without a reason (``reason``:
    REASON_REQUIRED). All problems are reported at once.
    """
    require_aware("at", at)
    reason = reason.strip()
    errors: list[FieldError] = []
    if not promise.is_open:
        errors.append(FieldError("status", ErrorCode.ALREADY_CLOSED, {"value": promise.status}))
    if outcome not in CLOSED:
        errors.append(FieldError("status", ErrorCode.CHOICE, {"value": str(outcome)}))
    elif outcome in _NEEDS_REASON and not reason:
        errors.append(FieldError("reason", ErrorCode.REASON_REQUIRED))
    if errors:
        raise ValidationFailed(errors)
    return replace(promise, status=outcome, closed_at=at, closed_by=by, reason=reason)


def reopen(promise: PromiseState, reason: str = "") -> PromiseState:
    """Opens a closed promise again; a cancelled one only with a reason. ``closed_at`` and
    ``closed_by`` are cleared (the service keeps the history of changes)."""
    reason = reason.strip()
    if promise.is_open:
        raise ValidationFailed([FieldError("status", ErrorCode.ALREADY_OPEN)])
    if promise.status is PromiseStatus.CANCELLED and not reason:
        raise ValidationFailed([FieldError("reason", ErrorCode.REASON_REQUIRED)])
    return replace(
        promise, status=PromiseStatus.OPEN, closed_at=None, closed_by=None, reason=reason
    )


@dataclass(frozen=True)
class KeptRate:
    """Promises due in a period: kept, broken, and open ones past due ("at risk")."""

    kept: int
    broken: int
    at_risk: int

    @property
    def rate(self) -> float | None:
        """kept / (kept + broken); None when nothing due in the period was kept or broken."""
        rated = self.kept + self.broken
        return self.kept / rated if rated else None


def kept_rate(promises: Iterable[PromiseState], period: tuple[date, date], today: date) -> KeptRate:
    """Counts the promises due in ``period`` (first and last day, inclusive).

    Cancelled promises count for nothing. An open promise is at risk once it is overdue, i.e.
    its due date is before ``today`` (the salesperson's local date: see ``domain.due``); an
    open promise not yet overdue is neither rated nor at risk.
    """
    first, last = period
    kept = broken = at_risk = 0
    for p in promises:
        if not first <= p.due <= last:
            continue
        if p.status is PromiseStatus.KEPT:
            kept += 1
        elif p.status is PromiseStatus.BROKEN:
            broken += 1
        elif p.status is PromiseStatus.OPEN and p.due < today:
            at_risk += 1
    return KeptRate(kept, broken, at_risk)
