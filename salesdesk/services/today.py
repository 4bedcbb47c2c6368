"""The Today page's one read: today's visits, promises overdue and due today, and the customers
overdue a visit — each from its feature's service, so "due" and "overdue" mean on this page
exactly what they mean on the Visits and Promises pages (domain/due.py).

Complaints near breach come from the complaints service (the committed clock); shipment
notices in transit join as one more field when that feature lands; the page shows a section per
field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from salesdesk.services.promises import PromiseRow, PromiseService
from salesdesk.services.visits.plans import VisitService
from salesdesk.services.visits.records import AgendaVisit, OverdueList

if TYPE_CHECKING:
    from salesdesk.services.complaints.records import BoardRow
    from salesdesk.services.complaints.service import ComplaintService

OVERDUE_CONTACTS_SHOWN = 10  # the most overdue; the Visits page lists them all


@dataclass(frozen=True)
class TodayView:
    today: date  # the salesperson's local day
    visits: tuple[AgendaVisit, ...]  # planned, done and cancelled today, by start time
    overdue_promises: tuple[PromiseRow, ...]  # most overdue first
    due_promises: tuple[PromiseRow, ...]
    overdue_contacts: OverdueList
    complaints: tuple[BoardRow, ...] = ()  # near breach or breached, not paused; most urgent first

    @property
    def empty(self) -> bool:
        return not (self.visits or self.overdue_promises or self.due_promises
                    or self.overdue_contacts.rows or self.complaints)


class TodayService:
    def __init__(self, visits: VisitService, promises: PromiseService,
                 complaints: ComplaintService | None = None) -> None:
        self._visits = visits
        self._promises = promises
        self._complaints = complaints

    def read(self, contacts_shown: int = OVERDUE_CONTACTS_SHOWN) -> TodayView:
        today = self._promises.today()
        overdue = sorted(self._promises.overdue(), key=lambda p: (-p.days_overdue, p.due))
        return TodayView(
            today=today,
            visits=tuple(self._visits.agenda(today, today)),
            overdue_promises=tuple(overdue),
            due_promises=tuple(self._promises.due_today()),
            overdue_contacts=self._visits.overdue(limit=contacts_shown),
            complaints=tuple(self._complaints.near_breach()) if self._complaints else (),
        )
