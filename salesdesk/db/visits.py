"""Visit queries: a visit, the agenda's window, a visit's history, the contacts it names, and
the overdue-contacts pre-filter. All run inside the caller's transaction."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from salesdesk.db.models import Contact, Customer, Visit, VisitEvent


def get_visit(session: Session, visit_id: uuid.UUID) -> Visit | None:
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted_at is not None:
        return None
    return visit


def visits_between(
    session: Session, start: datetime, end: datetime
) -> Sequence[tuple[Visit, str]]:
    """Live visits starting in ``[start, end)`` (aware), earliest first, with the customer's
    name; visits of customers deleted or evicted by a sync are left out."""
    rows = session.execute(
        select(Visit, Customer.name)
        .join(Customer, Customer.id == Visit.customer_id)
        .where(
            Visit.starts_at >= start,
            Visit.starts_at < end,
            Visit.deleted_at.is_(None),
            Customer.deleted_at.is_(None),
        )
        .order_by(Visit.starts_at, Visit.id)
    ).all()
    return [(r[0], r[1]) for r in rows]


_IN_CHUNK = 5000  # ids per IN (...): well under SQLite's bound-parameter limit


def contacts_by_id(session: Session, ids: Iterable[str]) -> dict[str, Contact]:
    """Contacts by id as text (how visits name them), deleted ones included: a visit planned
    with someone who left still says whom it was with."""
    wanted = set()
    for value in ids:
        try:
            wanted.add(uuid.UUID(value))
        except ValueError:
            continue
    found: dict[str, Contact] = {}
    ordered = sorted(wanted)
    for at in range(0, len(ordered), _IN_CHUNK):  # a month's agenda names thousands
        chunk = ordered[at:at + _IN_CHUNK]
        found.update((str(c.id), c) for c in
                     session.scalars(select(Contact).where(Contact.id.in_(chunk))))
    return found


def events_of(session: Session, visit_id: uuid.UUID) -> Sequence[VisitEvent]:
    return session.scalars(
        select(VisitEvent)
        .where(VisitEvent.visit_id == visit_id, VisitEvent.deleted_at.is_(None))
        .order_by(VisitEvent.at, VisitEvent.id)
    ).all()


@dataclass(frozen=True)
class CadenceRow:
    """A customer the overdue query kept: no done visit since its cut-off."""

    id: uuid.UUID
    name: str
    tier: str | None
    cadence_days: int | None
    created_at: datetime
    last_done: datetime | None  # when its last done visit took place; None if never


def _past(tier: str, cut_off: str) -> str:
    """The live customers of a tier (SQL condition) on the tier's cadence that are past its
    cut-off: last visited before it (whenever this laptop got the row), or never visited and
    added before today. Two ranges of
    ix_customers_due, in due order."""
    head = (
        "SELECT rowid AS r, tier, visit_cadence_days AS cadence, created_at, last_visit_at"
        " AS last, id FROM customers INDEXED BY ix_customers_due WHERE deleted_at IS NULL"
        f" AND visit_cadence_days IS NULL AND {tier}"
    )
    return (f"{head} AND last_visit_at < {cut_off}"
            f" UNION ALL {head} AND last_visit_at IS NULL AND created_at < :added_before")


def _own(cadence: str) -> str:
    """The live customers with a cadence of their own (SQL condition, a range of
    ix_customers_due; a cadence of 0 or less means the tier's) past its cut-off."""
    return f"""
        SELECT rowid, tier, visit_cadence_days, created_at, last_visit_at, id
        FROM customers INDEXED BY ix_customers_due
        WHERE deleted_at IS NULL AND {cadence}
          AND ((last_visit_at IS NULL AND created_at < :added_before) OR last_visit_at < CASE
            WHEN visit_cadence_days > 0
              THEN datetime(:own_from, '-' || visit_cadence_days || ' days')
            WHEN tier = 'A' THEN :tier_a
            WHEN tier = 'B' THEN :tier_b
            ELSE :tier_c END)"""


# Each live customer with no done visit since the cut-off of its cadence (:tier_a, :tier_b,
# :tier_c, or its own days counted back from :own_from), read from customers.last_visit_at
# (kept by triggers, laptop migration 0007): ranges of ix_customers_due per tier (a tier is A,
# B, C or NULL: derived on this laptop), plus the few with a cadence of their own.
_PAST = f"""
    {_past("tier = 'A'", ":tier_a")}
    UNION ALL {_past("tier = 'B'", ":tier_b")}
    UNION ALL {_past("tier = 'C'", ":tier_c")}
    UNION ALL {_past("tier IS NULL", ":tier_c")}
    UNION ALL {_own("visit_cadence_days > 0")}
    UNION ALL {_own("visit_cadence_days <= 0")}"""

# Those ranked by the local day they fell due (:shift: the zone's offset in days, plus the
# half day julianday counts from noon), then tier and id: SQLite's sorter keeps only the first
# :limit, and only those are read from the table. Counted apart (a window count over the
# ranking would sort them all): two passes over the same ranges are cheaper.
_OVERDUE = text(
    f"""
    SELECT c.id, c.name, c.tier, c.visit_cadence_days, c.created_at, c.last_visit_at
    FROM (
      SELECT r, id,
        CAST(julianday(coalesce(last, created_at)) + :shift AS INTEGER)
          + CASE WHEN last IS NULL THEN 0 WHEN cadence > 0 THEN cadence
                 WHEN tier = 'A' THEN :days_a WHEN tier = 'B' THEN :days_b
                 ELSE :days_c END AS due,
        CASE tier WHEN 'A' THEN 0 WHEN 'B' THEN 1 WHEN 'C' THEN 2 ELSE 3 END AS rank
      FROM ({_PAST})
      ORDER BY due, rank, id LIMIT :limit) AS k
    JOIN customers AS c ON c.rowid = k.r
    ORDER BY k.due, k.rank, k.id
    """
)
_OVERDUE_COUNT = text(f"SELECT count(*) FROM ({_PAST})")


def _stored(moment: datetime) -> str:
    """An aware instant as the store writes it (UTC, SQLite's text form), for raw SQL."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _loaded(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


@dataclass(frozen=True)
class OverdueQuery:
    """The instants and days the overdue query needs (aware instants; days per tier)."""

    added_before: datetime  # customers added since (today) are not overdue yet
    tier_cutoffs: tuple[datetime, datetime, datetime]  # A, B, C: a done visit since is enough
    tier_days: tuple[int, int, int]
    own_from: datetime  # own cadences count their days back from here (today's midnight)
    utc_offset: timedelta  # the zone's, to rank by local day
    limit: int | None


def overdue_candidates(session: Session, q: OverdueQuery) -> tuple[list[CadenceRow], int]:
    """The first ``q.limit`` customers that may be overdue, most overdue first, and how many
    there are. The domain rule has the last word (``domain.visits.overdue_contacts``)."""
    a, b, c = (_stored(t) for t in q.tier_cutoffs)
    params = {
        "added_before": _stored(q.added_before), "own_from": _stored(q.own_from),
        "tier_a": a, "tier_b": b, "tier_c": c, "shift": q.utc_offset.total_seconds() / 86400 + 0.5,
        "days_a": q.tier_days[0], "days_b": q.tier_days[1], "days_c": q.tier_days[2],
        "limit": -1 if q.limit is None else q.limit,
    }
    rows = session.execute(_OVERDUE, params).all()
    found = [
        CadenceRow(uuid.UUID(r[0]), r[1], r[2], r[3], _loaded(r[4]) or q.added_before,
                   _loaded(r[5]))
        for r in rows
    ]
    if q.limit is None or len(found) < q.limit:
        return found, len(found)
    return found, session.scalar(_OVERDUE_COUNT, params) or 0
