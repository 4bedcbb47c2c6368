"""A customer's history in one place (人走阵地丢 is what it prevents): visits planned and
done, what happened to them (rescheduled, cancelled), promises and their state, and
competitor prices heard — newest first, in one read.

Each kind of entry has a *source*: a function that reads that kind's newest rows (at most
``limit``) and makes its entries. :data:`SOURCES` lists them; shipment notices and complaints
join with one source each (and a dataclass for their entry). :meth:`TimelineService.read`
takes ``limit + 1`` of every source, merges them by time, and keeps ``limit``: the rest is
"more" (the widget asks again with a larger limit).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from salesdesk.db.complaints import for_customer as complaints_of
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.db.timeline import (
    promises_of,
    quotes_of,
    visit_events_of,
    visit_times,
    visits_of,
)
from salesdesk.domain.clock import utcnow
from salesdesk.domain.due import is_overdue, local_date
from salesdesk.domain.promises import PromiseStatus
from salesdesk.domain.visits import VisitEventKind
from salesdesk.services.shipments import timeline as shipment_entries
from salesdesk.services.timeline_entries import (
    PAGE,
    ComplaintEntry,
    Entry,
    PromiseEntry,
    QuoteEntry,
    SendEntry,
    ShipmentEntry,
    Timeline,
    VisitChangeEntry,
    VisitEntry,
)

__all__ = ["PAGE", "ComplaintEntry", "Entry", "PromiseEntry", "QuoteEntry", "SendEntry",
           "ShipmentEntry", "Timeline", "TimelineService", "VisitChangeEntry", "VisitEntry"]

@dataclass(frozen=True)
class _Context:
    session: Session
    customer_id: uuid.UUID
    now: datetime
    zone: ZoneInfo


Source = Callable[[_Context, int], list[Entry]]


def _visits(c: _Context, limit: int) -> list[Entry]:
    return [VisitEntry(v.id, v.visited_at or v.starts_at, v.status, v.purpose, v.next_step,
                       v.reason, v.summary_printed_at is not None,
                       v.status == "planned" and is_overdue(local_date(v.starts_at, c.zone),
                                                            c.now, c.zone))
            for v in visits_of(c.session, c.customer_id, limit)]


_CHANGES = (VisitEventKind.RESCHEDULED.value, VisitEventKind.CANCELLED.value)


def _visit_changes(c: _Context, limit: int) -> list[Entry]:
    # "done" is left out: the visit's own entry says it took place.
    return [VisitChangeEntry(e.id, e.at, v.id, e.kind, v.purpose, e.previous_starts_at,
                             v.starts_at, e.reason)
            for e, v in visit_events_of(c.session, c.customer_id, _CHANGES, limit)]


def _promises(c: _Context, limit: int) -> list[Entry]:
    """At the time of the visit it was made in (shown above the visit), else at noon of the
    day it was made: the times every laptop agrees on (``created_at`` does not sync)."""
    rows = promises_of(c.session, c.customer_id, limit)
    visits = visit_times(c.session, (p.visit_id for p in rows if p.visit_id is not None))
    entries: list[Entry] = []
    for p in rows:
        made_in = visits.get(p.visit_id) if p.visit_id is not None else None
        at = (made_in if made_in is not None and local_date(made_in, c.zone) == p.made_on
              else datetime.combine(p.made_on, time(12), tzinfo=c.zone))
        entries.append(PromiseEntry(
            p.id, at, p.description, p.made_to, p.due, p.status,
            p.status == PromiseStatus.OPEN.value and is_overdue(p.due, c.now, c.zone),
            p.department, p.reason))
    return entries


def _quotes(c: _Context, limit: int) -> list[Entry]:
    """At the time of the visit it was heard on, else when it was written down."""
    rows = quotes_of(c.session, c.customer_id, limit)
    visits = visit_times(c.session, (q.visit_id for q in rows if q.visit_id is not None))
    return [QuoteEntry(q.id, visits.get(q.visit_id, q.created_at) if q.visit_id else q.created_at,
                       q.competitor, q.product_text, q.their_price, q.our_price, q.currency,
                       q.unit)
            for q in rows]


def _shipments(c: _Context, limit: int) -> list[Entry]:
    return list(shipment_entries.shipments(c, limit, c.now))


def _sends(c: _Context, limit: int) -> list[Entry]:
    return list(shipment_entries.sends(c, limit))


def _complaints(c: _Context, limit: int) -> list[Entry]:
    return [ComplaintEntry(r.id, r.received_at, r.reference, r.category, r.status,
                           r.description, r.satisfaction)
            for r in complaints_of(c.session, c.customer_id, limit)]


_RANK: dict[type, int] = {VisitEntry: 0, VisitChangeEntry: 0, QuoteEntry: 1, PromiseEntry: 2,
                          ShipmentEntry: 0, SendEntry: 1, ComplaintEntry: 3}
# Every kind of entry the timeline shows.
SOURCES: tuple[Source, ...] = (_visits, _visit_changes, _promises, _quotes, _shipments, _sends,
                               _complaints)


class TimelineService:
    def __init__(self, factory: sessionmaker[LocalSession], zone: ZoneInfo,
                 sources: Sequence[Source] = SOURCES) -> None:
        self._factory = factory
        self._zone = zone
        self._sources = tuple(sources)

    def read(self, customer_id: uuid.UUID, limit: int = PAGE,
             now: datetime | None = None) -> Timeline:
        """The customer's newest ``limit`` entries, newest first, in one transaction."""
        moment = now or utcnow()
        with unit_of_work(self._factory) as session:
            context = _Context(session, customer_id, moment, self._zone)
            entries = [e for source in self._sources for e in source(context, limit + 1)]
        # At one moment, what came of a visit (quotes, promises) shows above the visit.
        entries.sort(key=lambda e: (e.at, _RANK.get(type(e), 0), str(e.id)), reverse=True)
        return Timeline(customer_id, tuple(entries[:limit]), len(entries) > limit)
