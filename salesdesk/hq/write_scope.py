"""Who may see and write which rows in one write transaction (:class:`Access`).

HQ staff see everything; a salesperson sees company-wide rows and the rows under the
customers assigned to them. A salesperson may also write what was theirs when their laptop
made the change (an edit made offline before HQ reassigned the customer), which takes each
customer's assignment history. Owners are read with a shared row lock: a reassignment of a
customer waits for every transaction writing under it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from salesdesk.domain.people import Role
from salesdesk.hq import schema
from salesdesk.hq.accounts import Actor
from salesdesk.hq.write_plan import owners_query, uuid_order
from salesdesk.hq.write_rows import Rejected, Row
from salesdesk.sync.protocol import RejectCode

_NO_CUSTOMER = object()
"""The owner of a customer that does not exist (nobody may write under it)."""


@dataclass
class Access:
    """The scope checks of one :class:`~salesdesk.hq.writes.WriteTx`, sharing its row cache
    (``rows``: a customer loaded whole there is not read again) and told which op it is
    merging (``seen``: what that laptop had pulled when it made the op, ``Op.seen``)."""

    conn: Connection
    actor: Actor
    rows: dict[str, dict[uuid.UUID, Row | None]]
    seen: int | None = None
    _owners: dict[uuid.UUID, uuid.UUID | object | None] = field(default_factory=dict)
    _history: dict[uuid.UUID, list[Any]] = field(default_factory=dict)
    """Each customer's assignment events, read when a write under it needs them."""

    def load_owners(self, customer_ids: set[uuid.UUID]) -> None:
        """Reads who each customer is assigned to, with a shared lock (enough to hold off a
        reassignment; many pushes may write under one customer at once) for customers not
        already loaded whole."""
        loaded = self.rows.get("customers", {})
        wanted = sorted(
            (c for c in customer_ids if c not in loaded and c not in self._owners),
            key=uuid_order,
        )
        query = owners_query(self.conn.dialect.name)
        for start in range(0, len(wanted), 5000):
            chunk = wanted[start : start + 5000]
            for customer_id, owner in self.conn.execute(query, {"ids": chunk}):
                self._owners[customer_id] = owner
        for customer_id in wanted:
            self._owners.setdefault(customer_id, _NO_CUSTOMER)

    def owner(self, customer_id: uuid.UUID) -> uuid.UUID | object | None:
        """Whom the customer is assigned to now (``None``: nobody), read once and locked."""
        row = self.rows.get("customers", {}).get(customer_id)
        if row is not None:
            return row.values["assigned_to_id"]  # type: ignore[no-any-return]
        if customer_id not in self._owners:
            self.load_owners({customer_id})
        return self._owners[customer_id]

    def visible(self, row: Row) -> bool:
        """May the actor see this row? HQ sees all; a salesperson sees their customers'."""
        if self.actor.role is Role.HQ or row.customer_id is None:
            return True
        return self.owner(row.customer_id) == self.actor.user_id

    def writable(self, row: Row) -> bool:
        """May the actor write this row with the op being merged? What they may see, and
        also what was theirs when the laptop made the change: an edit made offline while
        the customer was still the salesperson's is theirs to make, though HQ reassigned
        the customer before the push arrived (docs/SYNC.md: the new owner receives it with the
        customer's history). The laptop knew of a reassignment once it had pulled the
        version that made it (the eviction comes with that version)."""
        if self.visible(row):
            return True
        if self.seen is None or row.customer_id is None:
            return False
        return bool(self._owner_as_of(row.customer_id, self.seen) == self.actor.user_id)

    def _assignments(self, customer_id: uuid.UUID) -> list[Any]:
        """The customer's assignment events in order (a handful; read under the customer's
        lock, which a reassignment needs too, so none is being written meanwhile)."""
        if customer_id not in self._history:
            ae = schema.assignment_event
            self._history[customer_id] = list(self.conn.execute(
                select(ae.c.version, ae.c.from_user_id, ae.c.to_user_id)
                .where(ae.c.customer_id == customer_id)
                .order_by(ae.c.version, ae.c.id)
            ))
        return self._history[customer_id]

    def _owner_as_of(self, customer_id: uuid.UUID, version: int) -> Any:
        """Whom the customer was assigned to once everything up to ``version`` committed."""
        events = self._assignments(customer_id)
        before = [e for e in events if e.version <= version]
        if before:
            return before[-1].to_user_id
        if events:
            return events[0].from_user_id
        return self.owner(customer_id)

    def not_theirs(self, entity: str, customer_id: uuid.UUID | None) -> Rejected:
        """The refusal of a write under a customer the actor may not write: worded (and
        coded) as a reassignment when it was theirs until the laptop learnt otherwise."""
        if self.seen is not None and customer_id is not None and any(
            e.from_user_id == self.actor.user_id and e.version <= self.seen
            for e in self._assignments(customer_id)
        ):
            return Rejected(
                f"{entity}: the customer was reassigned before this change was made",
                gone=True, code=RejectCode.REASSIGNED,
            )
        return Rejected(f"no such {entity} row", gone=True)

    def reset(self) -> None:
        """Forgets what was read (the transaction's rows were written, or none were)."""
        self._owners.clear()
        self._history.clear()
