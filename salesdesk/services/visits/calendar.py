"""Visits as an iCalendar file for the salesperson's phone or Outlook (``documents/ical.py``).

A visit's UID is its id, its SEQUENCE the visit's own ``sequence`` (raised by every reschedule
and cancellation), so importing a newer export updates the events instead of adding copies; a
cancelled visit goes out as cancelled. Attendees are the contacts to meet who have an email.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from salesdesk.documents.ical import Attendee, CalendarVisit, calendar_bytes
from salesdesk.domain.visits import VisitStatus
from salesdesk.kit.errors import KnownError
from salesdesk.services.visits.plans import VisitService
from salesdesk.services.visits.records import AgendaVisit, ContactChoice

DEFAULT_DAYS = 90  # from today, what the export covers unless told otherwise
DEFAULT_LENGTH = timedelta(hours=1)  # a visit planned with a start only


class CalendarWriteFailed(KnownError):
    code = "visits.calendar_write"


@dataclass(frozen=True)
class CalendarExported:
    path: Path
    visits: int
    first: date
    last: date


def _event(line: AgendaVisit, contacts: tuple[ContactChoice, ...]) -> CalendarVisit:
    people = ", ".join(c.name for c in contacts)
    return CalendarVisit(
        id=line.id,
        customer=line.customer_name,
        place=line.place,
        purpose=line.purpose,
        starts=line.starts_at,
        ends=line.ends_at or line.starts_at + DEFAULT_LENGTH,
        updated=line.updated_at or line.starts_at,
        sequence=line.sequence,
        description="\n".join(p for p in (line.purpose, people, line.reason) if p),
        attendees=tuple(Attendee(c.name, c.email) for c in contacts if c.email),
        cancelled=line.status is VisitStatus.CANCELLED,
    )


def export_calendar(
    visits: VisitService, target: Path, first: date | None = None, days: int = DEFAULT_DAYS
) -> CalendarExported:
    """Writes the visits from ``first`` (default: today) for ``days`` days to ``target``,
    atomically (a half-written file never replaces a good one).

    Raises:
        CalendarWriteFailed: the file could not be written (worded for the user).
    """
    first = first or visits.today()
    last = first + timedelta(days=max(days, 1) - 1)
    rows = visits.calendar_visits(first, last)
    data = calendar_bytes((_event(line, people) for line, people in rows), now=visits.now())
    part = target.with_name(target.name + ".part")
    try:
        part.write_bytes(data)
        os.replace(part, target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise CalendarWriteFailed(
            str(exc), path=str(target), reason=exc.strerror or str(exc)
        ) from exc
    return CalendarExported(target, len(rows), first, last)
