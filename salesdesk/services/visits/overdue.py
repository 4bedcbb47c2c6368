"""The overdue-contacts list: customers whose last done visit is older than their cadence.

SQL keeps the customers with no done visit since their cut-off (``db/visits.py:
overdue_candidates``: ranges of an index over each customer's stored last done visit,
``customers.last_visit_at``, which triggers keep), ranks them by the local day they fell due
and tier, and hands over only the first ``limit`` with the count; the one rule
(``domain/visits.py: overdue_contacts``) then decides and says why, in the salesperson's time
zone. The tiers' cut-offs are exact instants; a customer's own cadence and the ranking count
days with the zone's offset now, exact for Asia/Shanghai (no daylight saving since 1991); in a
zone with daylight saving a visit within an hour of midnight may fall on the other side.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from salesdesk.db.visits import OverdueQuery, overdue_candidates
from salesdesk.domain.due import local_date
from salesdesk.domain.tiers import Cadence, Tier
from salesdesk.domain.visits import CustomerCadence, overdue_contacts
from salesdesk.services.visits.records import OverdueList, OverdueRow


def overdue_list(
    session: Session, now: datetime, cadence: Cadence, zone: ZoneInfo, limit: int | None
) -> OverdueList:
    today = local_date(now, zone)

    def starts(days_back: int) -> datetime:
        return datetime.combine(today - timedelta(days=days_back), datetime.min.time(),
                                tzinfo=zone)

    # A customer last visited before the day (today - cadence) began is overdue: a done visit
    # at or after that instant takes it off the list.
    rows, total = overdue_candidates(session, OverdueQuery(
        added_before=starts(0),  # added today and never visited: due today, not overdue
        tier_cutoffs=(starts(cadence.a_days), starts(cadence.b_days), starts(cadence.c_days)),
        tier_days=(cadence.a_days, cadence.b_days, cadence.c_days),
        own_from=starts(0),  # own cadences: counted back in SQL from today's midnight
        utc_offset=now.astimezone(zone).utcoffset() or timedelta(0),
        limit=limit,
    ))
    names: dict[Hashable, str] = {r.id: r.name for r in rows}
    found = overdue_contacts(
        (
            CustomerCadence(
                r.id,
                Tier(r.tier) if r.tier in ("A", "B", "C") else None,
                local_date(r.created_at, zone),
                None if r.last_done is None else local_date(r.last_done, zone),
                r.cadence_days or None,
            )
            for r in rows
        ),
        now,
        cadence,
        zone,
    )
    # Where daylight saving moves midnight, SQL may keep one the rule does not list.
    dropped = len(rows) - len(found)
    return OverdueList(
        tuple(OverdueRow(_uuid(c.customer_id), names[c.customer_id], c.reason) for c in found),
        total - dropped,
    )


def _uuid(value: Hashable) -> uuid.UUID:
    assert isinstance(value, uuid.UUID)
    return value
