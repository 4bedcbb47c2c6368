"""Complaint figures: how many are open, how fast the customer is first contacted, how many were
handled within the committed time (by category and month), how many were reopened, and how
satisfied customers were. Times are working minutes on the calendar in force.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from statistics import median
from zoneinfo import ZoneInfo

from sqlalchemy.orm import sessionmaker

from salesdesk.db import complaints as q
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain.clock import utcnow
from salesdesk.services.complaints.clock_settings import ClockSettings


@dataclass(frozen=True)
class Share:
    """Complaints whose first contact was due by now (or made): how many were within time."""

    within: int = 0
    due: int = 0

    @property
    def rate(self) -> float | None:
        return self.within / self.due if self.due else None

    def plus(self, within: bool) -> Share:
        return Share(self.within + within, self.due + 1)


@dataclass(frozen=True)
class MonthLine:
    month: str  # YYYY-MM, in the calendar's zone
    category: str
    received: int
    on_time: Share


@dataclass(frozen=True)
class Figures:
    open: int
    received: int  # since the period's start
    median_first_contact_minutes: float | None  # working minutes, receipt to first contact
    on_time: Share  # first contact within the committed time
    resolved_on_time: Share  # resolved within the resolution target
    reopen_rate: float | None  # reopened / resolved at least once
    satisfaction: float | None  # mean score 1-5
    satisfaction_count: int
    lines: list[MonthLine] = field(default_factory=list)


def complaint_figures(factory: sessionmaker[LocalSession], settings: ClockSettings,
                      since: datetime, clock: Callable[[], datetime] = utcnow) -> Figures:
    """The figures over complaints received since ``since``; the open count is all of them."""
    now = clock()
    calendar = settings.rules.calendar
    zone = ZoneInfo(calendar.zone)
    with unit_of_work(factory) as session:
        open_ = q.open_count(session)
        rows = q.figures_rows(session, since)
        reopened = q.reopened_ids(session, since)
    waits: list[int] = []
    on_time, resolved_on_time = Share(), Share()
    lines: dict[tuple[str, str], tuple[int, Share]] = {}
    resolved_once = 0
    scores: list[int] = []
    for r in rows:
        key = (r.received_at.astimezone(zone).strftime("%Y-%m"), r.category)
        count, share = lines.get(key, (0, Share()))
        if r.contacted_at is not None:
            waits.append(calendar.working_minutes(r.received_at, r.contacted_at))
        due = r.first_contact_due
        if due is not None and (r.contacted_at is not None or due < now):
            within = r.contacted_at is not None and r.contacted_at <= due
            on_time = on_time.plus(within)
            share = share.plus(within)
        if r.resolution_due is not None and (r.resolved_at is not None or r.resolution_due < now):
            resolved_on_time = resolved_on_time.plus(
                r.resolved_at is not None and r.resolved_at <= r.resolution_due)
        if r.resolved_at is not None or r.id in reopened:
            resolved_once += 1
        if r.satisfaction is not None:
            scores.append(r.satisfaction)
        lines[key] = (count + 1, share)
    return Figures(
        open=open_, received=len(rows),
        median_first_contact_minutes=median(waits) if waits else None,
        on_time=on_time, resolved_on_time=resolved_on_time,
        reopen_rate=len(reopened) / resolved_once if resolved_once else None,
        satisfaction=sum(scores) / len(scores) if scores else None,
        satisfaction_count=len(scores),
        lines=[MonthLine(m, c, n, s) for (m, c), (n, s) in sorted(lines.items())],
    )
