"""The reminder digest: one message with what is overdue, what is due today, today's visits and
the complaints near breach of their committed time (one digest, not an alert per promise or
complaint: no alert storms). The service reads it and composes its text from
templates the UI translates (:class:`DigestWords`), so the wording is testable without Qt.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy.orm import sessionmaker

from salesdesk.db.reminders import planned_visits
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain.clock import utcnow
from salesdesk.services.promises import PromiseRow, PromiseService, PromiseView

if TYPE_CHECKING:
    from salesdesk.services.complaints.records import BoardRow
    from salesdesk.services.complaints.service import ComplaintService

SHOWN_PER_GROUP = 5  # lines per group in the message; the rest are counted


@dataclass(frozen=True)
class VisitLine:
    id: uuid.UUID
    customer_name: str
    starts_at: datetime  # aware, UTC
    place: str


@dataclass(frozen=True)
class Digest:
    """What to remind of today: the first few overdue and due-today promises (and how many
    there are in all), and today's planned visits."""

    today: date
    overdue: list[PromiseRow]  # the longest overdue first, at most SHOWN_PER_GROUP
    due_today: list[PromiseRow]  # at most SHOWN_PER_GROUP
    visits: list[VisitLine]
    overdue_total: int = -1  # -1: as many as listed
    due_today_total: int = -1
    complaints: list[BoardRow] = field(default_factory=list)  # near breach or breached

    @property
    def overdue_count(self) -> int:
        return self.overdue_total if self.overdue_total >= 0 else len(self.overdue)

    @property
    def due_today_count(self) -> int:
        return self.due_today_total if self.due_today_total >= 0 else len(self.due_today)

    @property
    def empty(self) -> bool:
        return not (self.overdue_count or self.due_today_count or self.visits
                    or self.complaints)

    @property
    def key(self) -> tuple[object, ...]:
        """What makes two digests the same message (the day, the counts, each item shown)."""
        return (self.today, self.overdue_count, self.due_today_count,
                tuple((p.id, p.due) for p in self.overdue),
                tuple(p.id for p in self.due_today),
                tuple((v.id, v.starts_at) for v in self.visits),
                tuple((c.id, c.due, c.breached) for c in self.complaints))


@dataclass(frozen=True)
class DigestWords:
    """The digest's templates in the user's language; ``%1``.. are filled in."""

    title: str  # %1: how many things in all
    overdue: str  # heading, %1: how many
    due_today: str  # heading, %1: how many
    visits: str  # heading, %1: how many
    overdue_item: str  # %1 customer, %2 promise, %3 days overdue
    due_item: str  # %1 customer, %2 promise
    visit_item: str  # %1 time, %2 customer, %3 place
    more: str  # %1: how many more
    complaints: str = "Complaints near breach (%1):"  # heading, %1: how many
    complaint_item: str = "%1 — %2 (due %3)"  # %1 reference, %2 customer, %3 deadline


def _fill(template: str, *values: object) -> str:
    for i, value in reversed(list(enumerate(values, 1))):  # %10 before %1
        template = template.replace(f"%{i}", str(value))
    return template


def _short(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def compose(digest: Digest, words: DigestWords, zone: ZoneInfo) -> tuple[str, str]:
    """The message's title and body: overdue first, then due today, then today's visits;
    at most :data:`SHOWN_PER_GROUP` lines a group."""
    total = (digest.overdue_count + digest.due_today_count + len(digest.visits)
             + len(digest.complaints))
    lines: list[str] = []

    def group(heading: str, items: list[str], count: int | None = None) -> None:
        count = len(items) if count is None else count
        if not count:
            return
        lines.append(_fill(heading, count))
        lines.extend("  " + item for item in items[:SHOWN_PER_GROUP])
        if count > SHOWN_PER_GROUP:
            lines.append("  " + _fill(words.more, count - SHOWN_PER_GROUP))

    group(words.overdue, [_fill(words.overdue_item, p.customer_name, _short(p.description),
                                p.days_overdue) for p in digest.overdue], digest.overdue_count)
    group(words.due_today, [_fill(words.due_item, p.customer_name, _short(p.description))
                            for p in digest.due_today], digest.due_today_count)
    group(words.visits, [
        _fill(words.visit_item, v.starts_at.astimezone(zone).strftime("%H:%M"),
              v.customer_name, v.place).rstrip(" ·")
        for v in digest.visits
    ])
    group(words.complaints, [
        _fill(words.complaint_item, c.reference, c.customer_name,
              c.due.astimezone(zone).strftime("%m-%d %H:%M") if c.due else "")
        for c in digest.complaints
    ])
    return _fill(words.title, total), "\n".join(lines)


class ReminderService:
    def __init__(
        self,
        factory: sessionmaker[LocalSession],
        zone: ZoneInfo,
        clock: Callable[[], datetime] = utcnow,
        complaints: ComplaintService | None = None,
    ) -> None:
        self._factory = factory
        self._zone = zone
        self._promises = PromiseService(factory, zone, clock)
        self._complaints = complaints

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    def digest(self) -> Digest:
        """Overdue and due-today promises, and the visits planned for today (local day)."""
        today = self._promises.today()
        counts = self._promises.open_counts()
        overdue = self._promises.overdue(SHOWN_PER_GROUP)
        due = self._promises.due_today(SHOWN_PER_GROUP)
        start = datetime.combine(today, time(0), tzinfo=self._zone)
        end = datetime.combine(today + timedelta(days=1), time(0), tzinfo=self._zone)
        with unit_of_work(self._factory) as session:
            visits = [VisitLine(*row) for row in planned_visits(session, start, end)]
        complaints = self._complaints.near_breach() if self._complaints else []
        return Digest(today, overdue, due, visits, counts[PromiseView.OVERDUE],
                      counts[PromiseView.TODAY], complaints)
