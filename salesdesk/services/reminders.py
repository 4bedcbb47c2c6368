"""The reminder digest: one message with what is overdue, what is due today and today's visits
(one digest, not an alert per promise). The service reads it and composes its text from
templates the UI translates (:class:`DigestWords`), so the wording is testable without Qt.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import sessionmaker

from salesdesk.db.reminders import planned_visits
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain.clock import utcnow
from salesdesk.services.promises import PromiseRow, PromiseService

SHOWN_PER_GROUP = 5  # lines per group in the message; the rest are counted


@dataclass(frozen=True)
class VisitLine:
    id: uuid.UUID
    customer_name: str
    starts_at: datetime  # aware, UTC
    place: str


@dataclass(frozen=True)
class Digest:
    today: date
    overdue: list[PromiseRow]
    due_today: list[PromiseRow]
    visits: list[VisitLine]

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_today or self.visits)

    @property
    def key(self) -> tuple[object, ...]:
        """What makes two digests the same message (the day, and each item and its due)."""
        return (self.today, tuple((p.id, p.due) for p in self.overdue),
                tuple(p.id for p in self.due_today),
                tuple((v.id, v.starts_at) for v in self.visits))


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
    total = len(digest.overdue) + len(digest.due_today) + len(digest.visits)
    lines: list[str] = []

    def group(heading: str, items: list[str]) -> None:
        if not items:
            return
        lines.append(_fill(heading, len(items)))
        lines.extend("  " + item for item in items[:SHOWN_PER_GROUP])
        if len(items) > SHOWN_PER_GROUP:
            lines.append("  " + _fill(words.more, len(items) - SHOWN_PER_GROUP))

    group(words.overdue, [_fill(words.overdue_item, p.customer_name, _short(p.description),
                                p.days_overdue) for p in digest.overdue])
    group(words.due_today, [_fill(words.due_item, p.customer_name, _short(p.description))
                            for p in digest.due_today])
    group(words.visits, [
        _fill(words.visit_item, v.starts_at.astimezone(zone).strftime("%H:%M"),
              v.customer_name, v.place).rstrip(" ·")
        for v in digest.visits
    ])
    return _fill(words.title, total), "\n".join(lines)


class ReminderService:
    def __init__(
        self,
        factory: sessionmaker[LocalSession],
        zone: ZoneInfo,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._factory = factory
        self._zone = zone
        self._promises = PromiseService(factory, zone, clock)

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    def digest(self) -> Digest:
        """Overdue and due-today promises, and the visits planned for today (local day)."""
        today = self._promises.today()
        overdue = self._promises.overdue()
        due = self._promises.due_today()
        start = datetime.combine(today, time(0), tzinfo=self._zone)
        end = datetime.combine(today + timedelta(days=1), time(0), tzinfo=self._zone)
        with unit_of_work(self._factory) as session:
            visits = [VisitLine(*row) for row in planned_visits(session, start, end)]
        return Digest(today, overdue, due, visits)
