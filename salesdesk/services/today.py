"""The Today page's one read: today's visits, promises overdue and due today, and the customers
overdue a visit — each from its feature's service, so "due" and "overdue" mean on this page
exactly what they mean on the Visits and Promises pages (domain/due.py).

Shipments arriving today and late ones come from the shipment service (on the road, by ETA);
complaints near breach from the complaints service (the committed clock); the page shows a
section per field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from salesdesk.domain.visits import VisitStatus
from salesdesk.services.promises import PromiseRow, PromiseService, PromiseView
from salesdesk.services.shipments.records import ShipmentRow
from salesdesk.services.shipments.service import ShipmentService
from salesdesk.services.visits.plans import VisitService
from salesdesk.services.visits.records import AgendaVisit, OverdueList

if TYPE_CHECKING:
    from salesdesk.services.complaints.records import BoardRow
    from salesdesk.services.complaints.service import ComplaintService

OVERDUE_CONTACTS_SHOWN = 10  # the most overdue; the Visits page lists them all
VISITS_SHOWN = 20  # the first by start time; the Visits page has the whole day
PROMISES_SHOWN = 15  # of each: the most overdue, the first due today; the Promises page has all


@dataclass(frozen=True)
class TodayView:
    today: date  # the salesperson's local day
    visits: tuple[AgendaVisit, ...]  # planned, done and cancelled today, by start time (cut)
    visit_count: int  # all of today's
    planned_count: int  # of them, still planned
    overdue_promises: tuple[PromiseRow, ...]  # most overdue first (at most PROMISES_SHOWN)
    due_promises: tuple[PromiseRow, ...]  # at most PROMISES_SHOWN
    overdue_promise_count: int  # all of them
    due_promise_count: int
    overdue_contacts: OverdueList
    late_shipments: tuple[ShipmentRow, ...] = ()  # on the road past their ETA, most late first
    arriving_shipments: tuple[ShipmentRow, ...] = ()  # on the road, ETA later today
    complaints: tuple[BoardRow, ...] = ()  # near breach or breached, not paused; most urgent first

    @property
    def empty(self) -> bool:
        return not (self.visits or self.overdue_promises or self.due_promises
                    or self.overdue_contacts.rows or self.late_shipments
                    or self.arriving_shipments or self.complaints)


class TodayService:
    def __init__(self, visits: VisitService, promises: PromiseService,
                 shipments: ShipmentService | None = None,
                 complaints: ComplaintService | None = None) -> None:
        self._visits = visits
        self._promises = promises
        self._shipments = shipments
        self._complaints = complaints

    def read(self, contacts_shown: int = OVERDUE_CONTACTS_SHOWN,
             promises_shown: int = PROMISES_SHOWN) -> TodayView:
        """Everything the page shows; a long list is cut to its most urgent rows (a page of
        buttons is for acting on, the Promises page for reading through)."""
        today = self._promises.today()
        counts = self._promises.open_counts()
        visits = self._visits.agenda(today, today)
        arriving, late = self._shipments.arriving() if self._shipments else ([], [])
        return TodayView(
            today=today,
            visits=tuple(visits[:VISITS_SHOWN]),
            visit_count=len(visits),
            planned_count=sum(v.status is VisitStatus.PLANNED for v in visits),
            overdue_promises=tuple(self._promises.overdue(promises_shown)),
            due_promises=tuple(self._promises.due_today(promises_shown)),
            overdue_promise_count=counts[PromiseView.OVERDUE],
            due_promise_count=counts[PromiseView.TODAY],
            overdue_contacts=self._visits.overdue(limit=contacts_shown),
            late_shipments=tuple(late),
            arriving_shipments=tuple(arriving),
            complaints=tuple(self._complaints.near_breach()) if self._complaints else (),
        )
