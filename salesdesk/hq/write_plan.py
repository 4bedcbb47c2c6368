"""What a write transaction loads and what merging needs, sorted out before it starts.

:func:`plan_loads` reads a batch's ops for the rows they write, their parents and the rows
they refer to, so :class:`~salesdesk.hq.writes.WriteTx` loads them with a few statements
(:func:`load_query`, :func:`owners_query`), in the order PostgreSQL sorts ids
(:func:`uuid_order`: two writers lock shared rows in the same order). :func:`merge_fields`
sorts out once per entity what merging an op needs of its fields.
"""

from __future__ import annotations

import contextlib
import functools
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, null, select

from salesdesk.domain.entities import ENTITY, NOW, FieldSpec, Scope
from salesdesk.hq import schema
from salesdesk.hq.bulk import ids_in
from salesdesk.hq.write_rows import DELETED
from salesdesk.sync.protocol import Op

ALWAYS_READ = {"customers": {DELETED, "assigned_to_id"}}
"""Fields every merge reads of a row, besides those its op changes: whether it is deleted,
and for a customer who it is assigned to (who may see it and what under it)."""


Keys = list[tuple[str, uuid.UUID]]
"""(entity, row id) of rows to load."""


@dataclass(frozen=True)
class LoadPlan:
    """What a batch's write transaction loads before it merges
    (:meth:`~salesdesk.hq.writes.WriteTx.prefetch`)."""

    keys: Keys
    """The rows the batch writes and their parents: loaded locked."""
    refs: Keys
    """The rows its changes only refer to (a product, a salesperson): read, not locked."""
    fields: dict[str, set[str]]
    """Per entity only edited (no insert: that compares every field), the fields its ops
    change: all that is read of those rows."""


def plan_loads(ops: Iterable[Op]) -> LoadPlan:
    """What merging ``ops`` will read, so a batch loads it in bulk, not one row per op.
    A reference that is not a UUID is left out (merging the op decides about it)."""
    keys: Keys = []
    refs: Keys = []
    changed: dict[str, set[str] | None] = {}
    for op in ops:
        keys.append((op.entity, op.row_id))
        if op.op == "insert":
            changed[op.entity] = None
        else:
            names = changed.setdefault(op.entity, set())
            if names is not None:
                names.update(op.changes)
        spec = ENTITY.get(op.entity)
        if spec is None:
            continue
        for name, change in op.changes.items():
            fspec = spec.by_name.get(name)
            if fspec is None or fspec.ref is None:
                continue
            raw = change if op.op == "insert" else (
                change[1] if isinstance(change, list) and len(change) == 2 else None
            )
            if isinstance(raw, str):
                with contextlib.suppress(ValueError):
                    (keys if name == spec.parent_field else refs).append(
                        (fspec.ref, uuid.UUID(raw))
                    )
    return LoadPlan(
        keys, refs, {e: names for e, names in changed.items() if names is not None}
    )


@functools.lru_cache(maxsize=512)  # names: the fields a batch edits, a few sets in practice
def load_query(entity: str, names: tuple[str, ...], lock: bool, dialect: str) -> Select[Any]:
    """The statement that loads rows of ``entity`` into a write transaction (ids as the
    ``ids`` parameter; ``names``: the fields to read), built once.

    The customer a row belongs to is the one its ``sync_row`` names, which the transaction's
    flush wrote: none for company-wide rows and the row itself for a customer, so only rows
    under a customer need the join (a push's check of the salesperson it names read two
    tables, and planned the join every time)."""
    table, sr = schema.ENTITY_TABLES[entity], schema.sync_row
    scope = ENTITY[entity].scope
    columns = [table.c.id, *(table.c[n] for n in names), table.c.stamps]
    if scope is Scope.GLOBAL:
        query = select(*columns, null().label("customer_id"))
    elif scope is Scope.CUSTOMER:
        query = select(*columns, table.c.id.label("customer_id"))
    else:
        query = select(*columns, sr.c.customer_id).join(
            sr, (sr.c.entity == entity) & (sr.c.row_id == table.c.id)
        )
    query = query.where(ids_in(dialect, table.c.id)).order_by(table.c.id)
    if lock:  # the lock an UPDATE takes (keys never change), on the row only
        query = query.with_for_update(of=table, key_share=True)
    return query


@functools.cache
def owners_query(dialect: str) -> Select[Any]:
    """Who each customer is assigned to, share-locked (ids as the ``ids`` parameter)."""
    table = schema.customers
    return (
        select(table.c.id, table.c.assigned_to_id)
        .where(ids_in(dialect, table.c.id))
        .order_by(table.c.id)
        .with_for_update(read=True)
    )


def uuid_order(value: uuid.UUID) -> int:
    """Sort key of a UUID: its integer, the order PostgreSQL's ``uuid`` sorts in (sorting by
    the UUIDs themselves calls a Python ``__lt__`` per comparison)."""
    return value.int


@dataclass(frozen=True)
class MergeFields:
    """What merging needs of an entity's fields, sorted out once: an insert walked all of
    them three times, ~27 us an op and half of what merging a push of new rows cost."""

    required: tuple[str, ...]
    defaults: dict[str, Any]
    """Every field, in order: its default if fixed, else a placeholder that :attr:`made` or
    the op fills in."""
    made: tuple[FieldSpec, ...]
    """Defaults made per insert: the time of the insert, a fresh list."""
    refs: tuple[tuple[str, str], ...]
    """(field, entity it names) of the references to check; the parent link is checked by
    :meth:`~salesdesk.hq.writes.WriteTx._customer_of`."""


@functools.cache
def merge_fields(entity: str) -> MergeFields:
    """:class:`MergeFields` of ``entity``, built once."""
    spec = ENTITY[entity]
    made = tuple(
        f for f in spec.fields
        if not f.required and (f.default is NOW or isinstance(f.default, list))
    )
    return MergeFields(
        required=tuple(f.name for f in spec.fields if f.required),
        defaults={f.name: None if f.required or f in made else f.default for f in spec.fields},
        made=made,
        refs=tuple(
            (f.name, f.ref) for f in spec.fields
            if f.ref is not None and f.name != spec.parent_field
        ),
    )
