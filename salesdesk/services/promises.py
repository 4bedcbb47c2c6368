"""The promise ledger (诺必践，践必果): make, move, close, cancel and reopen promises, list them
by when they are due and who must deliver them, and rate how many were kept.

Every change goes through the rules of :mod:`salesdesk.domain.promises` (a refused change
raises ``ValidationFailed`` with field codes) and is one transaction, which also writes the
outbox, so it syncs. "Today" is the local date in the salesperson's time zone
(``settings.time_zone``), read from an injectable clock; due and overdue follow
:mod:`salesdesk.domain.due`.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Row
from sqlalchemy.orm import Session, sessionmaker

from salesdesk.db import promises as q
from salesdesk.db.models import Promise
from salesdesk.db.people import bound_user, get_user
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain import promises as rules
from salesdesk.domain.clock import utcnow
from salesdesk.domain.due import days_overdue, local_date
from salesdesk.domain.ids import uuid7
from salesdesk.domain.people import Department, Role
from salesdesk.domain.promises import KeptRate, PromiseState, PromiseStatus
from salesdesk.domain.validation import ErrorCode, FieldError, ValidationFailed
from salesdesk.kit.changes import Changes
from salesdesk.kit.errors import KnownError

CHANGED = Changes(promises=True, sync_state=True)  # a promise written, and an op to send
DESCRIPTION_LIMIT = 2000
CLOSED_SHOWN = 500  # the Closed list shows the most recently closed this many


class PromiseGone(KnownError):
    """The promise was deleted (or a sync removed its customer) since it was shown."""

    code = "promises.gone"


class PromiseView(StrEnum):
    OVERDUE = "overdue"
    TODAY = "today"
    WEEK = "week"  # from today to the end of this week (Sunday)
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class PromiseDraft:
    """A new promise. ``department`` "" means the salesperson who made it delivers it."""

    customer_id: uuid.UUID | None
    description: str
    due: date
    contact_id: uuid.UUID | None = None
    made_to: str = ""  # to whom, when not a contact on file
    department: str = ""
    visit_id: uuid.UUID | None = None


@dataclass(frozen=True)
class PromiseRow:
    id: uuid.UUID
    customer_id: uuid.UUID
    customer_name: str
    to_whom: str  # the contact's name, else what was typed, else ""
    description: str
    made_on: date
    due: date
    department: str  # "" = the salesperson who made it
    made_by: str  # the maker's name ("" when unknown)
    status: PromiseStatus
    reason: str
    closed_at: datetime | None
    days_overdue: int  # > 0 when open and overdue, else 0

    @property
    def is_open(self) -> bool:
        return self.status is PromiseStatus.OPEN


@dataclass(frozen=True)
class PromiseFilter:
    view: PromiseView = PromiseView.OPEN
    customer_id: uuid.UUID | None = None
    department: str | None = None  # None: anyone; "": the salesperson; else a Department


@dataclass(frozen=True)
class PromiseList:
    rows: list[PromiseRow]
    today: date
    counts: dict[PromiseView, int]  # open promises per view (not CLOSED), same filter


@dataclass(frozen=True)
class Written:
    """A promise written: its id, and what changed for the pages."""

    id: uuid.UUID
    changes: Changes = CHANGED


@dataclass(frozen=True)
class RateLine:
    key: uuid.UUID | None  # the customer or salesperson (None: not known on this laptop)
    name: str
    rate: KeptRate


@dataclass(frozen=True)
class KeptRates:
    first: date
    last: date
    mine: KeptRate | None  # the bound user's promises; None when not logged in
    customers: list[RateLine] = field(default_factory=list)
    salespeople: list[RateLine] = field(default_factory=list)


@dataclass(frozen=True)
class CustomerPromises:
    """What the customer view shows: open promises and the kept-rate over ``first``-``last``."""

    open: int
    overdue: int
    rate: KeptRate
    first: date
    last: date


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def period_of(kind: PeriodKind, today: date) -> tuple[date, date]:
    """This month, quarter or year around ``today`` (first and last day, inclusive)."""
    if kind is PeriodKind.YEAR:
        return date(today.year, 1, 1), date(today.year, 12, 31)
    first_month = today.month if kind is PeriodKind.MONTH else (today.month - 1) // 3 * 3 + 1
    months = 1 if kind is PeriodKind.MONTH else 3
    first = date(today.year, first_month, 1)
    after = date(first.year + (first.month + months - 1) // 12,
                 (first.month + months - 1) % 12 + 1, 1)
    return first, after - timedelta(days=1)


def week_end(today: date) -> date:
    """The Sunday ending ``today``'s week (``today`` itself on a Sunday)."""
    return today + timedelta(days=6 - today.weekday())


def _validate(draft: PromiseDraft) -> list[FieldError]:
    errors: list[FieldError] = []
    if draft.customer_id is None:
        errors.append(FieldError("customer", ErrorCode.REQUIRED))
    if not draft.description.strip():
        errors.append(FieldError("description", ErrorCode.REQUIRED))
    elif len(draft.description.strip()) > DESCRIPTION_LIMIT:
        errors.append(FieldError("description", ErrorCode.TOO_LONG,
                                 {"limit": DESCRIPTION_LIMIT}))
    if len(draft.made_to.strip()) > 100:
        errors.append(FieldError("made_to", ErrorCode.TOO_LONG, {"limit": 100}))
    if draft.department and draft.department not in {d.value for d in Department}:
        errors.append(FieldError("department", ErrorCode.CHOICE, {"value": draft.department}))
    return errors


def _state(p: Promise) -> PromiseState:
    return PromiseState(
        made_on=p.made_on, due=p.due, status=PromiseStatus(p.status), closed_at=p.closed_at,
        closed_by=str(p.closed_by_id) if p.closed_by_id else None, reason=p.reason or "",
    )


def _row(r: Row[Any], today: date) -> PromiseRow:
    status = PromiseStatus(r.status)
    late = days_overdue(r.due, today) if status is PromiseStatus.OPEN else 0
    return PromiseRow(
        id=r.id, customer_id=r.customer_id, customer_name=r.customer_name,
        to_whom=r.contact_name or r.made_to or "", description=r.description,
        made_on=r.made_on, due=r.due, department=r.department or "",
        made_by=r.made_by_name or "", status=status, reason=r.reason or "",
        closed_at=r.closed_at, days_overdue=max(late, 0),
    )


def _me(session: Session) -> tuple[uuid.UUID | None, str | None]:
    """The bound user's id and role (None, None when the store was never logged in)."""
    bound = bound_user(session)
    if bound is None:
        return None, None
    return uuid.UUID(bound[0]), bound[2]


def write_promise(
    session: Session, draft: PromiseDraft, made_by: uuid.UUID | None, made_on: date
) -> Promise:
    """Validates and adds a promise in the caller's transaction (a visit outcome makes its
    promises in its own).

    Raises:
        ValidationFailed: every problem with the draft, each naming its field.
    """
    errors = _validate(draft)
    try:
        rules.make(made_on, draft.due)
    except ValidationFailed as exc:
        errors += exc.errors
    if draft.customer_id is not None and not q.live_customer(session, draft.customer_id):
        errors.append(FieldError("customer", ErrorCode.NOT_FOUND))
    if draft.contact_id is not None and q.contact_of(session, draft.contact_id) != (
        draft.customer_id
    ):
        errors.append(FieldError("contact_id", ErrorCode.CHOICE))
    if errors:
        raise ValidationFailed(errors)
    assert draft.customer_id is not None
    promise = Promise(
        id=uuid7(), customer_id=draft.customer_id, contact_id=draft.contact_id,
        made_to=draft.made_to.strip(), visit_id=draft.visit_id, made_by_id=made_by,
        made_on=made_on, description=draft.description.strip(), due=draft.due,
        department=draft.department, status=PromiseStatus.OPEN.value,
    )
    session.add(promise)
    return promise


class PromiseService:
    """Every method is one transaction; writes return :class:`Written` (its ``changes``:
    promises, and an op waiting to be sent)."""

    def __init__(
        self,
        factory: sessionmaker[LocalSession],
        zone: ZoneInfo,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._factory = factory
        self._zone = zone
        self._clock = clock

    def today(self) -> date:
        """The salesperson's local date now."""
        return local_date(self._clock(), self._zone)

    # --- writes ---------------------------------------------------------------------------

    def make(self, draft: PromiseDraft) -> Written:
        """Records a promise made outside a visit, by the bound user, today.

        Raises:
            ValidationFailed: a field is missing or wrong, or it is due before today.
        """
        with unit_of_work(self._factory) as session:
            me, _ = _me(session)
            promise = write_promise(session, draft, me, self.today())
            return Written(promise.id)

    def change_due(self, promise_id: uuid.UUID, due: date) -> Written:
        """Raises: ValidationFailed (closed, or before it was made); PromiseGone."""
        return self._change(promise_id, lambda state, _: rules.change_due(state, due))

    def close(self, promise_id: uuid.UUID, outcome: PromiseStatus, reason: str = "") -> Written:
        """Closes as kept or broken (broken needs a reason), or cancelled (also a reason).

        Raises: ValidationFailed (already closed, no reason); PromiseGone.
        """
        return self._change(
            promise_id,
            lambda state, me: rules.close(state, outcome, str(me or ""), self._clock(), reason),
        )

    def cancel(self, promise_id: uuid.UUID, reason: str) -> Written:
        return self.close(promise_id, PromiseStatus.CANCELLED, reason)

    def reopen(self, promise_id: uuid.UUID, reason: str = "") -> Written:
        """Raises: ValidationFailed (open already; a cancelled one without a reason)."""
        return self._change(promise_id, lambda state, _: rules.reopen(state, reason))

    def _change(
        self,
        promise_id: uuid.UUID,
        rule: Callable[[PromiseState, uuid.UUID | None], PromiseState],
    ) -> Written:
        with unit_of_work(self._factory) as session:
            promise = q.get_promise(session, promise_id)
            if promise is None:
                raise PromiseGone(str(promise_id))
            me, _ = _me(session)
            new = rule(_state(promise), me)
            closed_by = uuid.UUID(new.closed_by) if new.closed_by else None
            values = {"due": new.due, "status": new.status.value, "closed_at": new.closed_at,
                      "closed_by_id": closed_by, "reason": new.reason}
            for name, value in values.items():  # only what changed reaches the outbox
                if getattr(promise, name) != value:
                    setattr(promise, name, value)
            return Written(promise.id)

    # --- reads ----------------------------------------------------------------------------

    def find(self, wanted: PromiseFilter) -> PromiseList:
        """The promises of one view (overdue, due today, this week, all open, closed), with
        every open view's count under the same customer and department filter."""
        today = self.today()
        end = week_end(today)
        base = q.PromiseQuery(open=True, customer_id=wanted.customer_id,
                              department=wanted.department)
        query = {
            PromiseView.OVERDUE: replace(base, due_to=today - timedelta(days=1)),
            PromiseView.TODAY: replace(base, due_from=today, due_to=today),
            PromiseView.WEEK: replace(base, due_from=today, due_to=end),
            PromiseView.OPEN: base,
            PromiseView.CLOSED: replace(base, open=False, limit=CLOSED_SHOWN),
        }[wanted.view]
        with unit_of_work(self._factory) as session:
            rows = [_row(r, today) for r in q.list_promises(session, query)]
            overdue, due, week, total = q.open_counts(session, today, end, query)
        counts = {PromiseView.OVERDUE: overdue, PromiseView.TODAY: due, PromiseView.WEEK: week,
                  PromiseView.OPEN: total}
        return PromiseList(rows, today, counts)

    def due_today(self) -> list[PromiseRow]:
        return self.find(PromiseFilter(PromiseView.TODAY)).rows

    def due_this_week(self) -> list[PromiseRow]:
        return self.find(PromiseFilter(PromiseView.WEEK)).rows

    def overdue(self) -> list[PromiseRow]:
        return self.find(PromiseFilter(PromiseView.OVERDUE)).rows

    def open_for(self, customer_id: uuid.UUID) -> list[PromiseRow]:
        return self.find(PromiseFilter(PromiseView.OPEN, customer_id=customer_id)).rows

    def open_delivered_by(self, department: str) -> list[PromiseRow]:
        """Open promises ``department`` must deliver ("": the salespeople who made them)."""
        return self.find(PromiseFilter(PromiseView.OPEN, department=department)).rows

    def my_department(self) -> str | None:
        """The bound HQ staff member's department (None: a salesperson, not logged in, or
        HQ staff in no department): the promises they must deliver."""
        with unit_of_work(self._factory) as session:
            me, role = _me(session)
            user = get_user(session, me) if me is not None else None
            if role != Role.HQ.value or user is None:
                return None
            return user.department or None

    def for_my_department(self) -> list[PromiseRow]:
        """For HQ staff: the open promises their department must deliver, across all
        customers; empty for anyone else."""
        department = self.my_department()
        return [] if department is None else self.open_delivered_by(department)

    def kept_rates(self, first: date, last: date) -> KeptRates:
        """Kept-rate over promises due in [first, last]: the bound user's, per customer and
        per salesperson (by who made them); lines with nothing due are left out."""
        today = self.today()
        with unit_of_work(self._factory) as session:
            me, _ = _me(session)
            rows = q.rated_rows(session, first, last)
        by_customer: dict[uuid.UUID, list[PromiseState]] = defaultdict(list)
        by_maker: dict[uuid.UUID | None, list[PromiseState]] = defaultdict(list)
        names: dict[uuid.UUID | None, str] = {}
        for cid, cname, maker, maker_name, made_on, due, status in map(tuple, rows):
            state = PromiseState(made_on=made_on, due=due, status=PromiseStatus(status))
            by_customer[cid].append(state)
            by_maker[maker].append(state)
            names[cid] = cname
            names[maker] = maker_name or ""

        def lines(groups: dict[Any, list[PromiseState]]) -> list[RateLine]:
            found = [RateLine(k, names.get(k, ""),
                              rules.kept_rate(v, (first, last), today)) for k, v in groups.items()]
            return sorted(found, key=lambda line: line.name)

        mine = None
        if me is not None:
            mine = rules.kept_rate(by_maker.get(me, []), (first, last), today)
        return KeptRates(first, last, mine, lines(by_customer), lines(by_maker))

    def for_customer(self, customer_id: uuid.UUID, first: date, last: date) -> CustomerPromises:
        """The customer view's summary: open and overdue counts, and the kept-rate."""
        today = self.today()
        with unit_of_work(self._factory) as session:
            overdue, _, _, total = q.open_counts(session, today, today,
                                                 q.PromiseQuery(customer_id=customer_id))
            rows = q.rated_rows(session, first, last, customer_id)
        states = [PromiseState(made_on=r.made_on, due=r.due, status=PromiseStatus(r.status))
                  for r in rows]
        return CustomerPromises(total, overdue, rules.kept_rate(states, (first, last), today),
                                first, last)

    def customers(self) -> list[tuple[uuid.UUID, str]]:
        """Every customer on this laptop (whom a new promise can be for)."""
        with unit_of_work(self._factory) as session:
            return q.customer_choices(session)

    def customers_with_promises(self) -> list[tuple[uuid.UUID, str]]:
        with unit_of_work(self._factory) as session:
            return q.customers_with_promises(session)

    def contacts(self, customer_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
        with unit_of_work(self._factory) as session:
            return q.contact_choices(session, customer_id)

