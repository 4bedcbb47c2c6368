"""The customer list's read side: fast pages for the list model, no SQLAlchemy import."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from salesdesk.db.readers import (
    CONTACT_DETAIL_FIELDS,
    DETAIL_FIELDS,
    CustomerReader,
    Filters,
    connect_readonly,
)
from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.services.customers.records import (
    ContactDraft,
    CustomerDraft,
    CustomerQuery,
    CustomerRecord,
    CustomerRow,
    FilterOptions,
)
from salesdesk.services.people import CurrentUser, Person


def _filters(q: CustomerQuery) -> Filters:
    return Filters(
        text=q.text,
        tier=q.tier,
        category=q.category,
        region=q.region,
        assigned_to=q.assigned_to_id.hex if q.assigned_to_id else None,
        unassigned=q.unassigned,
        sort=q.sort,
        descending=q.descending,
    )


def _row(r: tuple[object, ...]) -> CustomerRow:
    return CustomerRow(
        id=uuid.UUID(str(r[0])),
        name=str(r[1]),
        short_name=str(r[2]),
        tier=None if r[3] is None else str(r[3]),
        category=str(r[4]),
        region=str(r[5]),
        city=str(r[6]),
        salesperson=str(r[7]),
        contact=str(r[8]),
        phone=str(r[9]),
        sales_12m=Decimal(int(r[10] or 0)) / 100,  # type: ignore[call-overload]  # stored as fen
        assigned_to_id=None if r[11] is None else uuid.UUID(str(r[11])),
    )


class CustomerBrowser:
    """Answers the list's questions on its own read-only connection (safe on the GUI thread)."""

    def __init__(self, db_path: Path) -> None:
        self._path = db_path
        self._conn: sqlite3.Connection = connect_readonly(db_path)
        self._reader = CustomerReader(self._conn)

    def page(self, query: CustomerQuery, offset: int, limit: int) -> list[CustomerRow]:
        return [_row(r) for r in self._reader.page(_filters(query), offset, limit)]

    def count(self, query: CustomerQuery) -> int:
        return self._reader.count(_filters(query))

    def count_apart(self, query: CustomerQuery, state: JobState) -> int:
        """:meth:`count` on a connection of its own, for a thread other than the list's: a
        search matching most of 100,000 customers takes ~0.4 s to count. ``state.cancel()``
        interrupts it at once (then it raises :class:`Cancelled`)."""
        # SQLite's default cache: a count reads each page once, a bigger one gains nothing.
        conn = connect_readonly(self._path, cache_kib=2000)
        try:
            with state.stopping(conn.interrupt):
                total = CustomerReader(conn).count(_filters(query))
            state.check()  # cancelled just before the statement began: the interrupt missed it
            return total
        except sqlite3.OperationalError as exc:
            if state.cancelled:  # interrupted
                raise Cancelled from exc
            raise
        finally:
            conn.close()

    def filter_options(self) -> FilterOptions:
        """Choices for the list's filters and for a customer's assignee."""
        holders = [
            Person(uuid.UUID(i), n or "", r or "", active)
            for i, n, r, active in self._reader.holders()
        ]
        assignees = [
            Person(uuid.UUID(i), n, r, username=u) for i, n, r, u in self._reader.assignees()
        ]
        return FilterOptions(
            regions=self._reader.regions(), salespeople=holders, assignees=assignees
        )

    def details(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, CustomerRecord]:
        """Every stored field of these customers and their contacts (for an export)."""
        hex_ids = [i.hex for i in ids]
        contacts: dict[str, list[ContactDraft]] = {}
        for customer_id, *values in self._reader.contacts(hex_ids):
            fields = dict(zip(CONTACT_DETAIL_FIELDS, values, strict=True))
            fields["is_primary"] = bool(fields["is_primary"])
            contacts.setdefault(str(customer_id), []).append(ContactDraft(**fields))  # type: ignore[arg-type]
        records: dict[uuid.UUID, CustomerRecord] = {}
        for row in self._reader.details(hex_ids):
            fields = dict(zip(DETAIL_FIELDS, row, strict=False))
            customer_id = uuid.UUID(str(fields.pop("id")))
            tags = json.loads(str(fields.pop("tags") or "[]"))
            draft = CustomerDraft(id=customer_id, tags=list(tags),
                                  contacts=contacts.get(str(row[0]), []), **fields)  # type: ignore[arg-type]
            records[customer_id] = CustomerRecord(draft, str(row[len(DETAIL_FIELDS)]))
        return records

    def current_user(self) -> CurrentUser | None:
        """Whom this laptop is logged in as at HQ; None for a store never logged in."""
        return CurrentUser.from_row(self._reader.bound_user())

    def close(self) -> None:
        self._conn.close()
