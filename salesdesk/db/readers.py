"""Read-only queries for lists, on a plain sqlite3 connection.

The customer list is the first thing painted, so its queries do not wait for SQLAlchemy to
import (≈ 0.5 s here): they run on sqlite3 directly, in WAL mode beside the ORM's writer.
Writes never go through this module.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from salesdesk.db import state
from salesdesk.domain.people import Role
from salesdesk.domain.search_tokens import match_expression

# Column name in the UI's sort model → SQL expression.
SORTABLE = {
    "name": "c.sort_key",
    "tier": "coalesce(c.tier, 'Z')",
    "category": "c.category",
    "region": "c.region",
    "city": "c.city",
    "salesperson": "u.display_name",
    "sales_12m": "c.sales_12m",
}


# The columns :meth:`CustomerReader.details` and :meth:`CustomerReader.contacts` read.
DETAIL_FIELDS = (
    "id", "name", "short_name", "category", "industry", "tax_id", "region", "province", "city",
    "address", "phone", "email", "website", "visit_cadence_days", "tags", "notes",
)
CONTACT_DETAIL_FIELDS = (
    "name", "role", "mobile", "landline", "email", "wechat", "is_primary", "notes",
)

# Above this many matches, a search streams results in index order instead of sorting them all.
SORT_MATCH_LIMIT = 3000

_ROW_SQL = """
SELECT c.id, c.name, c.short_name, c.tier, c.category, c.region, c.city,
       coalesce(u.display_name, ''),
       coalesce((SELECT k.name || ' ' || coalesce(nullif(k.mobile, ''), k.landline)
                 FROM contacts k WHERE k.customer_id = c.id AND k.deleted_at IS NULL
                 ORDER BY k.is_primary DESC, k.created_at LIMIT 1), ''),
       c.phone, c.sales_12m, c.assigned_to_id
"""


@dataclass(frozen=True)
class Filters:
    text: str = ""
    tier: str | None = None
    category: str | None = None
    region: str | None = None
    assigned_to: str | None = None  # hex id
    unassigned: bool = False
    sort: str = "name"
    descending: bool = False


# Up to 16 MiB of pages (default 2 MiB): a page of search results touches a few hundred rows
# spread over the customers and contacts tables; keeping them cached halves its cost.
LIST_CACHE_KIB = 16000


def connect_readonly(path: Path, cache_kib: int = LIST_CACHE_KIB) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA query_only = ON")
    conn.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
    return conn


class CustomerReader:
    """Pages of the customer list for given filters."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def _where(self, f: Filters) -> tuple[list[str], list[object]]:
        clauses = ["c.deleted_at IS NULL"]
        params: list[object] = []
        if f.tier == "-":
            clauses.append("c.tier IS NULL")
        elif f.tier:
            clauses.append("c.tier = ?")
            params.append(f.tier)
        if f.category:
            clauses.append("c.category = ?")
            params.append(f.category)
        if f.region:
            clauses.append("c.region = ?")
            params.append(f.region)
        if f.unassigned:
            clauses.append("c.assigned_to_id IS NULL")
        elif f.assigned_to:
            clauses.append("c.assigned_to_id = ?")
            params.append(f.assigned_to)
        return clauses, params

    def page(self, f: Filters, offset: int, limit: int) -> list[tuple[object, ...]]:
        """Rows ``offset`` to ``offset + limit`` of the list, in the order the filters ask."""
        clauses, params = self._where(f)
        order = SORTABLE.get(f.sort, "c.sort_key")
        direction = "DESC" if f.descending else "ASC"
        match = match_expression(f.text) if f.text.strip() else None
        if f.text.strip() and match is None:
            return []
        if match is None:
            sql = (
                f"{_ROW_SQL} FROM customers c LEFT JOIN users u ON u.id = c.assigned_to_id"
                f" WHERE {' AND '.join(clauses)} ORDER BY {order} {direction}, c.id"
                " LIMIT ? OFFSET ?"
            )
            return self._conn.execute(sql, [*params, limit, offset]).fetchall()
        if f.sort == "name" or f.sort not in SORTABLE:
            # The index numbers documents in list order (sort_key, id: see search_index), so
            # the page is the matches streamed from the index: no lookup or sort of the others.
            sql = (
                f"{_ROW_SQL} FROM customer_fts f JOIN search_doc d ON d.rowid = f.rowid"
                " JOIN customers c ON c.id = d.customer_id"
                " LEFT JOIN users u ON u.id = c.assigned_to_id"
                f" WHERE customer_fts MATCH ? AND {' AND '.join(clauses)}"
                f" ORDER BY f.rowid {direction} LIMIT ? OFFSET ?"
            )
        elif self.match_count(match, SORT_MATCH_LIMIT + 1) > SORT_MATCH_LIMIT:
            # A very broad search sorted by another column: stream matches in name order, so
            # the first page appears at once; typing one more character narrows and sorts.
            sql = (
                f"{_ROW_SQL} FROM customer_fts f JOIN search_doc d ON d.rowid = f.rowid"
                " JOIN customers c ON c.id = d.customer_id"
                " LEFT JOIN users u ON u.id = c.assigned_to_id"
                f" WHERE customer_fts MATCH ? AND {' AND '.join(clauses)}"
                " ORDER BY f.rowid LIMIT ? OFFSET ?"
            )
        else:
            sql = (
                f"{_ROW_SQL} FROM customer_fts f JOIN search_doc d ON d.rowid = f.rowid"
                " JOIN customers c ON c.id = d.customer_id"
                " LEFT JOIN users u ON u.id = c.assigned_to_id"
                f" WHERE customer_fts MATCH ? AND {' AND '.join(clauses)}"
                f" ORDER BY {order} {direction}, c.id LIMIT ? OFFSET ?"
            )
        return self._conn.execute(sql, [match, *params, limit, offset]).fetchall()

    def match_count(self, match: str, cap: int) -> int:
        row = self._conn.execute(
            "SELECT count(*) FROM (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?"
            " LIMIT ?)",
            (match, cap),
        ).fetchone()
        return int(row[0])

    def count(self, f: Filters) -> int:
        clauses, params = self._where(f)
        match = match_expression(f.text) if f.text.strip() else None
        if f.text.strip() and match is None:
            return 0
        if match is None:
            sql = f"SELECT count(*) FROM customers c WHERE {' AND '.join(clauses)}"
            return int(self._conn.execute(sql, params).fetchone()[0])
        sql = (
            "SELECT count(*) FROM customer_fts f JOIN search_doc d ON d.rowid = f.rowid"
            f" JOIN customers c ON c.id = d.customer_id WHERE customer_fts MATCH ?"
            f" AND {' AND '.join(clauses)}"
        )
        return int(self._conn.execute(sql, [match, *params]).fetchone()[0])

    def regions(self) -> list[str]:
        # A loose index scan: one seek in ix_customers_region per distinct region, instead of
        # reading every customer row (≈ 0.2 s on 100,000 customers).
        rows = self._conn.execute(
            "WITH RECURSIVE r(region) AS ("
            " SELECT min(region) FROM customers WHERE region > ''"
            " UNION ALL"
            " SELECT (SELECT min(region) FROM customers WHERE region > r.region) FROM r"
            " WHERE r.region IS NOT NULL)"
            " SELECT region FROM r WHERE region IS NOT NULL AND EXISTS ("
            " SELECT 1 FROM customers c WHERE c.region = r.region AND c.deleted_at IS NULL)"
            " ORDER BY region"
        ).fetchall()
        return [r[0] for r in rows]

    def assignees(self) -> Sequence[tuple[str, str, str, str]]:
        """``(id, display name, role, username)`` of the active salespeople: whom HQ lets a
        customer be assigned to (it refuses HQ staff)."""
        return self._conn.execute(
            "SELECT id, display_name, role, username FROM users"
            " WHERE deleted_at IS NULL AND active"
            " AND role = ? ORDER BY display_name",
            (Role.SALES.value,),
        ).fetchall()

    def holders(self) -> Sequence[tuple[str, str | None, str | None, bool]]:
        """``(id, display name, role, active)`` of everyone a live customer is assigned to;
        name and role are None for an id this store has no user row for (not synced yet)."""
        # A loose index scan over ix_customers_assigned_to_id: one seek per distinct holder.
        rows = self._conn.execute(
            "WITH RECURSIVE a(id) AS ("
            " SELECT min(assigned_to_id) FROM customers WHERE assigned_to_id IS NOT NULL"
            " UNION ALL"
            " SELECT (SELECT min(assigned_to_id) FROM customers WHERE assigned_to_id > a.id)"
            " FROM a WHERE a.id IS NOT NULL)"
            " SELECT a.id, u.display_name, u.role, u.active AND u.deleted_at IS NULL FROM a"
            " LEFT JOIN users u ON u.id = a.id"
            " WHERE a.id IS NOT NULL AND EXISTS ("
            " SELECT 1 FROM customers c WHERE c.assigned_to_id = a.id AND c.deleted_at IS NULL)"
            " ORDER BY u.display_name IS NULL, u.display_name, a.id"
        ).fetchall()
        return [(i, n, r, bool(active)) for i, n, r, active in rows]

    def details(self, ids: Sequence[str]) -> list[tuple[object, ...]]:
        """Every stored field of the given customers (hex ids), with the assignee's login
        (``""`` if unassigned or not in this store): what an export writes. Any order."""
        marks = ",".join("?" * len(ids))
        return self._conn.execute(
            f"SELECT {', '.join('c.' + f for f in DETAIL_FIELDS)}, coalesce(u.username, '')"
            " FROM customers c LEFT JOIN users u ON u.id = c.assigned_to_id"
            f" WHERE c.id IN ({marks})",
            list(ids),
        ).fetchall()

    def contacts(self, ids: Sequence[str]) -> list[tuple[object, ...]]:
        """The live contacts of the given customers, each customer's primary first, then in
        the order they were added: ``(customer id, *CONTACT_DETAIL_FIELDS)``."""
        marks = ",".join("?" * len(ids))
        return self._conn.execute(
            f"SELECT customer_id, {', '.join(CONTACT_DETAIL_FIELDS)} FROM contacts"
            f" WHERE customer_id IN ({marks}) AND deleted_at IS NULL"
            " ORDER BY customer_id, is_primary DESC, created_at, id",
            list(ids),
        ).fetchall()

    def bound_user(self) -> tuple[str, str, str | None] | None:
        """``(user id, username, role)`` of the HQ user this store belongs to; None if never
        logged in. The role comes from the login, else (a store bound before logins kept it)
        from the user's row HQ sent."""
        return bound_user(self._conn)


def bound_user(conn: sqlite3.Connection) -> tuple[str, str, str | None] | None:
    """See :meth:`CustomerReader.bound_user`; also used by the ORM side on its connection."""
    bound = state.read_raw(conn, (state.USER_ID, state.USERNAME, state.ROLE))
    user_id = bound.get(state.USER_ID)
    if not user_id:
        return None
    role = bound.get(state.ROLE)
    if role is None:
        try:
            hex_id = uuid.UUID(user_id).hex
        except ValueError:
            hex_id = user_id
        row = conn.execute("SELECT role FROM users WHERE id = ?", (hex_id,)).fetchone()
        role = None if row is None else str(row[0])
    return user_id, bound.get(state.USERNAME, ""), role
