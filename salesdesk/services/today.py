"""The Today page's one read: today's visits, promises overdue and due today, and the customers
overdue a visit — each from its feature's service, so "due" and "overdue" mean on this page
exactly what they mean on the Visits and Promises pages (domain/due.py).

Shipments arriving today and late ones come from the shipment service (on the road, by ETA);
complaints near breach join as one more field when they land; the page shows a section per
field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from salesdesk.services.promises import PromiseRow, PromiseService
from salesdesk.services.shipments.records import ShipmentRow
from salesdesk.services.shipments.service import ShipmentService
from salesdesk.services.visits.plans import VisitService
from salesdesk.services.visits.records import AgendaVisit, OverdueList

OVERDUE_CONTACTS_SHOWN = 10  # the most overdue; the Visits page lists them all


@dataclass(frozen=True)
class TodayView:
    today: date  # the salesperson's local day
    visits: tuple[AgendaVisit, ...]  # planned, done and cancelled today, by start time
    overdue_promises: tuple[PromiseRow, ...]  # most overdue first
    due_promises: tuple[PromiseRow, ...]
    overdue_contacts: OverdueList
    late_shipments: tuple[ShipmentRow, ...] = ()  # on the road past their ETA, most late first
    arriving_shipments: tuple[ShipmentRow, ...] = ()  # on the road, ETA later today

    @property
    def empty(self) -> bool:
        return not (self.visits or self.overdue_promises or self.due_promises
                    or self.overdue_contacts.rows or self.late_shipments
                    or self.arriving_shipments)


class TodayService:
    def __init__(self, visits: VisitService, promises: PromiseService,
                 shipments: ShipmentService | None = None) -> None:
        self._visits = visits
        self._promises = promises
        self._shipments = shipments

    def read(self, contacts_shown: int = OVERDUE_CONTACTS_SHOWN) -> TodayView:
        today = self._promises.today()
        overdue = sorted(self._promises.overdue(), key=lambda p: (-p.days_overdue, p.due))
        arriving, late = self._shipments.arriving() if self._shipments else ([], [])
        return TodayView(
            today=today,
            visits=tuple(self._visits.agenda(today, today)),
            overdue_promises=tuple(overdue),
            due_promises=tuple(self._promises.due_today()),
            overdue_contacts=self._visits.overdue(limit=contacts_shown),
            late_shipments=tuple(late),
            arriving_shipments=tuple(arriving),
        )
