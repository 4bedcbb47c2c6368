"""The overdue-contacts list: customers whose last done visit is older than their cadence.

SQL keeps only the customers that may be overdue (``db/visits.py: overdue_candidates``, one
index seek each, cut-offs a little late so none is missed where a daylight-saving change moves
midnight), then the one rule (``domain/visits.py: overdue_contacts``) decides, ranks and says
why, in the salesperson's time zone.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from salesdesk.db.visits import overdue_candidates
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
    rows = overdue_candidates(
        session,
        added_before=starts(0),  # added today and never visited: due today, not overdue
        tier_cutoffs=(starts(cadence.a_days), starts(cadence.b_days), starts(cadence.c_days)),
        margin_from=starts(-1),  # own cadences: counted in SQL from tomorrow, a day to spare
    )
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
    total = len(found)
    shown = found if limit is None else found[:limit]
    return OverdueList(
        tuple(OverdueRow(_uuid(c.customer_id), names[c.customer_id], c.reason) for c in shown),
        total,
    )


def _uuid(value: Hashable) -> uuid.UUID:
    assert isinstance(value, uuid.UUID)
    return value
