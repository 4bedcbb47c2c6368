"""The one rule for "due" and "overdue", shared by visits and promises (issue 13).

A date is due all of its day and overdue from the next midnight in the salesperson's time zone:
a promise due 3 March is overdue at 00:00 on 4 March in Shanghai, even though that instant is
still 3 March in UTC. Every function takes the current instant (aware); none reads a clock.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from salesdesk.domain.clock import require_aware

SHANGHAI = ZoneInfo("Asia/Shanghai")


def zone_named(name: str) -> ZoneInfo:
    """The settings' time zone; Shanghai when the name is not a zone this machine knows."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return SHANGHAI


class DueState(StrEnum):
    UPCOMING = "upcoming"  # due on a later day
    DUE = "due"  # due today (all of its day)
    OVERDUE = "overdue"  # from the midnight after the due date


def local_date(now: datetime, zone: ZoneInfo = SHANGHAI) -> date:
    """The calendar date ``now`` falls on in ``zone``; ``now`` must be timezone-aware."""
    require_aware("now", now)
    return now.astimezone(zone).date()


def overdue_from(due: date, zone: ZoneInfo = SHANGHAI) -> datetime:
    """The first instant ``due`` is overdue: the midnight that starts the next day in ``zone``.

    Where a DST change skips midnight, the wall time 00:00 maps (fold=0) to the instant the new
    day begins, so this stays the first instant whose local date is after ``due``.
    """
    return datetime.combine(due + timedelta(days=1), time(0), tzinfo=zone)


def due_state(due: date, now: datetime, zone: ZoneInfo = SHANGHAI) -> DueState:
    today = local_date(now, zone)
    if today > due:
        return DueState.OVERDUE
    return DueState.DUE if today == due else DueState.UPCOMING


def is_overdue(due: date, now: datetime, zone: ZoneInfo = SHANGHAI) -> bool:
    return local_date(now, zone) > due


def days_overdue(due: date, today: date) -> int:
    """Whole days past ``due`` (0 on the due day, negative before it); ``today`` is local."""
    return (today - due).days
