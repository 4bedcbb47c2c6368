"""Writing what a write transaction merged (:meth:`salesdesk.hq.writes.WriteTx.flush`).

Row data first, a handful of statements for the whole batch; then the history rows of
reassigned customers are locked; only then is the version taken (on SQLite, the counter:
nothing waits for a lock after it), and every written row, reassignment and lost value is
stamped with it.
"""

from __future__ import annotations

import functools
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from salesdesk.hq import schema
from salesdesk.hq.bulk import ids_in, insert_rows, update_rows
from salesdesk.hq.db import next_version
from salesdesk.hq.write_rows import Row


def write_changes(
    conn: Connection,
    rows: dict[str, dict[uuid.UUID, Row | None]],
    reassigned: dict[uuid.UUID, tuple[uuid.UUID | None, uuid.UUID | None]],
    conflicts: list[dict[str, Any]],
    now: datetime,
) -> int | None:
    """Writes the dirty ``rows``, the ``reassigned`` customers' (before, after) owners and the
    ``conflicts`` (``conflict`` rows but their version), all at one new version, which it
    returns; ``None``, taking no version, when there is nothing to write."""
    sr = schema.sync_row
    new_rows: dict[str, list[Row]] = {}
    old_rows: dict[str, list[Row]] = {}
    for entity, cache in rows.items():
        dirty = [r for r in cache.values() if r is not None and r.dirty]
        new_rows[entity] = [r for r in dirty if r.is_new]
        old_rows[entity] = [r for r in dirty if not r.is_new]
    moved = [c for c, (before, after) in reassigned.items() if before != after]
    if not any(new_rows.values()) and not any(old_rows.values()) and not conflicts:
        return None
    for entity in sorted(rows):
        table = schema.ENTITY_TABLES[entity]
        insert_rows(
            conn, table,
            [{"id": r.id, **r.values, "stamps": r.stamps} for r in new_rows[entity]],
        )
        # One statement per set of changed fields (5,000 edits of one field: one UPDATE).
        by_fields: dict[tuple[str, ...], list[Row]] = {}
        for r in old_rows[entity]:
            by_fields.setdefault(tuple(sorted(r.changed)), []).append(r)
        for names, group in by_fields.items():
            update_rows(
                conn, table,
                [{"id": r.id, **{n: r.values[n] for n in names}, "stamps": r.stamps}
                 for r in group],
            )
    for customer_id in sorted(moved):
        conn.execute(
            select(sr.c.row_id).where(sr.c.customer_id == customer_id).with_for_update()
        ).all()

    version = next_version(conn)
    for entity in sorted(rows):
        insert_rows(
            conn, sr,
            [
                {"entity": entity, "row_id": r.id, "version": version,
                 "customer_id": r.customer_id}
                for r in new_rows[entity]
            ],
        )
        # One statement for all of them: they all get this version.
        ids = [r.id for r in old_rows[entity]]
        for start in range(0, len(ids), 5000):
            conn.execute(
                _bump_query(conn.dialect.name),
                {"ent": entity, "ids": ids[start : start + 5000], "v": version},
            )
    for customer_id in moved:
        before, after = reassigned[customer_id]
        conn.execute(
            insert(schema.assignment_event).values(
                version=version,
                customer_id=customer_id,
                from_user_id=before,
                to_user_id=after,
                at=now,
            )
        )
        # The new owner receives the customer's whole history at their next pull. The
        # rows were locked above: none is being written by a transaction still running.
        conn.execute(
            update(sr).where(sr.c.customer_id == customer_id).values(version=version)
        )
    if conflicts:
        conn.execute(
            insert(schema.conflict), [{**c, "version": version} for c in conflicts]
        )
    return version


@functools.cache
def _bump_query(dialect: str) -> Any:
    """:func:`write_changes`'s new version (``:v``) for edited rows of ``:ent``."""
    sr = schema.sync_row
    return (
        update(sr)
        .where(sr.c.entity == bindparam("ent"), ids_in(dialect, sr.c.row_id))
        .values(version=bindparam("v"))
    )
