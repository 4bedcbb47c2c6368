"""Visit plans (接触计划): plan, reschedule, cancel and delete visits, keeping their history;
the agenda of a date range, one visit's detail, and the overdue-contacts list.

Every write is one transaction. A reschedule or a cancellation goes through the domain rules
(``domain/visits.py``), writes their :class:`~salesdesk.domain.visits.VisitEvent` as a
``visit_events`` row and raises the visit's ``sequence`` (a calendar's SEQUENCE). A customer's
last visit is never stored: it is read from the done visits each time, so cancelling or
deleting a done visit moves it back by itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from salesdesk.db.customers import contacts_of, get_customer
from salesdesk.db.models import Contact, Visit
from salesdesk.db.models import VisitEvent as VisitEventRow
from salesdesk.db.people import bound_user, people_names
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.db.visits import contacts_by_id, events_of, get_visit, visits_between
from salesdesk.domain import visits as rules
from salesdesk.domain.clock import utcnow
from salesdesk.domain.due import SHANGHAI, local_date
from salesdesk.domain.ids import uuid7
from salesdesk.domain.tiers import Cadence
from salesdesk.domain.validation import Checker, ErrorCode, FieldError, ValidationFailed
from salesdesk.kit.changes import Changes
from salesdesk.services.visits.overdue import overdue_list
from salesdesk.services.visits.records import (
    AgendaVisit,
    ContactChoice,
    HistoryEntry,
    OverdueList,
    PlanningCustomer,
    VisitDetail,
    VisitGone,
    VisitPlan,
    VisitSaved,
)

PLACE_MAX = 300


def _state(visit: Visit) -> rules.VisitState:
    return rules.VisitState(
        starts_at=visit.starts_at,
        ends_at=visit.ends_at,
        status=rules.VisitStatus(visit.status),
        visited_at=visit.visited_at,
        reason=visit.reason,
        sequence=visit.sequence,
        deleted=visit.deleted_at is not None,
    )


def _agenda_line(session: Session, visit: Visit, customer_name: str) -> AgendaVisit:
    return _line_with_contacts(session, visit, customer_name)[0]


def _lines_with_contacts(
    session: Session, rows: Sequence[tuple[Visit, str]]
) -> list[tuple[AgendaVisit, tuple[ContactChoice, ...]]]:
    """Many visits' lines, their contacts read at once (not a query per visit)."""
    found = contacts_by_id(session, (c for v, _ in rows for c in v.contact_ids or []))
    return [_line_with_contacts(session, v, name, found) for v, name in rows]


def _line_with_contacts(
    session: Session, visit: Visit, customer_name: str,
    found: dict[str, Contact] | None = None,
) -> tuple[AgendaVisit, tuple[ContactChoice, ...]]:
    """The agenda's line for a visit, and the contacts it names (in the order planned);
    ``found``: contacts already read for several visits."""
    if found is None:
        found = contacts_by_id(session, visit.contact_ids or [])
    contacts = tuple(_contact_choice(found[c]) for c in visit.contact_ids or [] if c in found)
    line = AgendaVisit(
        id=visit.id,
        customer_id=visit.customer_id,
        customer_name=customer_name,
        starts_at=visit.starts_at,
        ends_at=visit.ends_at,
        purpose=visit.purpose,
        place=visit.place,
        status=rules.VisitStatus(visit.status),
        reason=visit.reason,
        contact_names=tuple(c.name for c in contacts),
        sequence=visit.sequence,
        updated_at=visit.updated_at,
    )
    return line, contacts


def _contact_choice(c: Contact) -> ContactChoice:
    return ContactChoice(c.id, c.name, c.role, c.email)


class VisitService:
    """Visit plans and the reads the Visits page needs. ``now`` is the clock (aware UTC);
    ``zone`` is the salesperson's, for "today" and the agenda's days."""

    def __init__(
        self,
        factory: sessionmaker[LocalSession],
        cadence: Cadence | None = None,
        zone: ZoneInfo | None = None,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self._factory = factory
        self.cadence = cadence or Cadence()
        self.zone = zone or SHANGHAI
        self._now = now

    def now(self) -> datetime:
        return self._now()

    def today(self) -> date:
        """The salesperson's date now (``domain.due.local_date`` in their zone)."""
        return local_date(self._now(), self.zone)

    # --- writes -----------------------------------------------------------------------

    def plan(self, plan: VisitPlan) -> VisitSaved:
        """Plans a visit for the logged-in salesperson; the place defaults to the customer's
        address.

        Raises:
            ValidationFailed: no customer (or one no longer here), no start, a window that ends
                before it starts, a place too long, a contact not of that customer.
        """
        check = Checker()
        if plan.customer_id is None:
            check.errors.append(FieldError("customer", ErrorCode.REQUIRED))
        if plan.starts_at is None:
            check.errors.append(FieldError("starts_at", ErrorCode.REQUIRED))
        if plan.place is not None:
            check.max_length("place", plan.place.strip(), PLACE_MAX)
        if check.errors:
            raise ValidationFailed(check.errors)
        assert plan.customer_id is not None and plan.starts_at is not None
        state = rules.plan(plan.starts_at, plan.ends_at)
        with unit_of_work(self._factory) as session:
            customer = get_customer(session, plan.customer_id)
            if customer is None:
                raise ValidationFailed([FieldError("customer", ErrorCode.NOT_FOUND)])
            own = {c.id for c in contacts_of(session, customer.id)}
            strangers = [c for c in plan.contact_ids if c not in own]
            if strangers:
                raise ValidationFailed(
                    [FieldError("contact_ids", ErrorCode.CHOICE, {"value": str(strangers[0])})]
                )
            place = customer.address if plan.place is None else plan.place.strip()
            visit = Visit(
                id=uuid7(),
                customer_id=customer.id,
                salesperson_id=_me(session),
                starts_at=state.starts_at,
                ends_at=state.ends_at,
                place=place[:PLACE_MAX],
                contact_ids=[str(c) for c in dict.fromkeys(plan.contact_ids)],
                purpose=plan.purpose.strip(),
                status=state.status.value,
                sequence=state.sequence,
            )
            session.add(visit)
            session.flush()
            return VisitSaved(_agenda_line(session, visit, customer.name))

    def reschedule(
        self, visit_id: uuid.UUID, starts_at: datetime, ends_at: datetime | None, reason: str = ""
    ) -> VisitSaved:
        """Moves a planned visit; its history keeps the window it had, its sequence grows.

        Raises:
            VisitGone: the visit is no longer in the store.
            ValidationFailed: it is done or cancelled, or the new window ends before it starts.
        """

        def change(session: Session, visit: Visit) -> tuple[rules.VisitState, rules.VisitEvent]:
            return rules.reschedule(_state(visit), starts_at, ends_at, by=_by(session),
                                    at=self._now(), reason=reason)

        return self._change(visit_id, change)

    def cancel(self, visit_id: uuid.UUID, reason: str) -> VisitSaved:
        """Cancels a planned or done visit with a reason; it stays, cancelled. A done visit
        cancelled no longer counts as the customer's last visit.

        Raises:
            VisitGone: the visit is no longer in the store.
            ValidationFailed: no reason, or it is already cancelled.
        """

        def change(session: Session, visit: Visit) -> tuple[rules.VisitState, rules.VisitEvent]:
            return rules.cancel(_state(visit), _by(session), self._now(), reason)

        return self._change(visit_id, change)

    def _change(
        self,
        visit_id: uuid.UUID,
        change: Callable[[Session, Visit], tuple[rules.VisitState, rules.VisitEvent]],
    ) -> VisitSaved:
        with unit_of_work(self._factory) as session:
            visit = get_visit(session, visit_id)
            customer = get_customer(session, visit.customer_id) if visit is not None else None
            if visit is None or customer is None:
                raise VisitGone(str(visit_id))
            state, event = change(session, visit)
            visit.starts_at, visit.ends_at = state.starts_at, state.ends_at
            visit.status, visit.reason = state.status.value, state.reason
            visit.sequence = state.sequence
            session.add(
                VisitEventRow(
                    visit_id=visit.id,
                    kind=event.kind.value,
                    at=event.at,
                    by_id=_me(session),
                    reason=event.reason,
                    previous_starts_at=event.previous_starts_at,
                    previous_ends_at=event.previous_ends_at,
                )
            )
            session.flush()
            return VisitSaved(_agenda_line(session, visit, customer.name))

    def delete(self, visit_id: uuid.UUID) -> Changes:
        """Tombstones a visit (a plan made by mistake); a done one stops counting as the
        customer's last visit. Deleting what is already gone changes nothing."""
        with unit_of_work(self._factory) as session:
            visit = get_visit(session, visit_id)
            if visit is None:
                return Changes()
            visit.deleted_at = self._now()
            return Changes(visits=True, sync_state=True)

    # --- reads ------------------------------------------------------------------------

    def day_start(self, day: date) -> datetime:
        """The instant ``day`` begins in the salesperson's zone."""
        return datetime.combine(day, time(0), tzinfo=self.zone)

    def agenda(self, first: date, last: date) -> list[AgendaVisit]:
        """The visits starting from ``first`` through ``last`` (local dates, inclusive),
        earliest first: planned, done and cancelled alike."""
        start, end = self.day_start(first), self.day_start(last + timedelta(days=1))
        with unit_of_work(self._factory) as session:
            rows = visits_between(session, start, end)
            return [line for line, _ in _lines_with_contacts(session, rows)]

    def detail(self, visit_id: uuid.UUID) -> VisitDetail | None:
        """A visit with its contacts and its history, oldest change first; None if gone."""
        with unit_of_work(self._factory) as session:
            visit = get_visit(session, visit_id)
            customer = get_customer(session, visit.customer_id) if visit is not None else None
            if visit is None or customer is None:
                return None
            line, contacts = _line_with_contacts(session, visit, customer.name)
            names = people_names(session)
            history = tuple(
                HistoryEntry(
                    kind=rules.VisitEventKind(e.kind),
                    at=e.at,
                    by=names.get(str(e.by_id), "") if e.by_id else "",
                    reason=e.reason,
                    previous_starts_at=e.previous_starts_at,
                    previous_ends_at=e.previous_ends_at,
                )
                for e in events_of(session, visit.id)
            )
            return VisitDetail(line, contacts, history)

    def planning_customer(self, customer_id: uuid.UUID) -> PlanningCustomer | None:
        """What the plan dialog needs of a customer: its address and its contacts."""
        with unit_of_work(self._factory) as session:
            customer = get_customer(session, customer_id)
            if customer is None:
                return None
            contacts = tuple(_contact_choice(c) for c in contacts_of(session, customer.id))
            return PlanningCustomer(customer.id, customer.name, customer.address, contacts)

    def overdue(self, limit: int | None = 200) -> OverdueList:
        """Customers overdue a visit, most overdue first, then by tier; ``limit`` rows with
        their reasons, and how many there are in all."""
        with unit_of_work(self._factory) as session:
            return overdue_list(session, self._now(), self.cadence, self.zone, limit)

    def calendar_visits(
        self, first: date, last: date
    ) -> list[tuple[AgendaVisit, tuple[ContactChoice, ...]]]:
        """The agenda of ``first`` through ``last`` with each visit's contacts (for .ics)."""
        start, end = self.day_start(first), self.day_start(last + timedelta(days=1))
        with unit_of_work(self._factory) as session:
            return _lines_with_contacts(session, visits_between(session, start, end))


def _me(session: Session) -> uuid.UUID | None:
    """The logged-in user (whose store this is); None before the first login."""
    row = bound_user(session)
    return None if row is None else uuid.UUID(row[0])


def _by(session: Session) -> str:
    me = _me(session)
    return "" if me is None else str(me)
