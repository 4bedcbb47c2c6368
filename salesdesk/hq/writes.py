"""Applying changes at HQ: the per-field merge, scoping, tombstones and reassignment.

One :class:`WriteTx` is one database transaction with one version. It loads the rows a batch
touches once, merges each op in memory (so a later op of the batch sees an earlier one), and
writes everything with a handful of statements at the end. Laptop pushes, HQ's command line
(assign, demo) and tests all write through it, so every write is versioned, scoped and merged
the same way.

Concurrency. Writers share no lock on PostgreSQL (versions are transaction ids, see
:mod:`salesdesk.hq.db`); on SQLite ``BEGIN IMMEDIATE`` serialises them and the version
counter is taken last, in :meth:`WriteTx.flush`. Rows are locked instead (``FOR UPDATE``):

* the rows the ops touch, their parents and the customers that scope them, so two writers of
  one row merge one after the other, and a customer cannot be reassigned while any
  transaction writes under it (the reassignment then re-versions rows that all committed);
* before the counter, the history rows of a reassigned customer, which get the new version.

Referenced rows (a product, the salesperson a customer is assigned to) are only read: locking
them would queue every push that names a popular product. Lock waits can deadlock across
tables; PostgreSQL then aborts one transaction and :func:`salesdesk.hq.push.push` retries it.

Beside it: :mod:`~salesdesk.hq.write_plan` (what a batch loads, and the statements that load
it), :mod:`~salesdesk.hq.write_scope` (who may see and write which rows),
:mod:`~salesdesk.hq.write_rows` (a row as loaded, the refusal of an op) and
:mod:`~salesdesk.hq.write_flush` (writing it all at one version).

Just over 500 lines: what is left is the one class that merges a batch (inserts, updates,
deletes, reassignment, conflicts); its seams are already the four modules above.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from salesdesk.domain import ownership
from salesdesk.domain.entities import (
    ENTITY,
    EntitySpec,
    FieldError,
    FieldSpec,
    Scope,
    decode,
)
from salesdesk.domain.hlc import Timestamp
from salesdesk.domain.merge import Stamp, admit_clock, incoming_wins, written_after
from salesdesk.domain.ownership import Writer
from salesdesk.domain.people import Role
from salesdesk.domain.wire import encode
from salesdesk.hq import schema
from salesdesk.hq.accounts import Actor
from salesdesk.hq.write_flush import write_changes
from salesdesk.hq.write_plan import ALWAYS_READ, load_query, merge_fields, uuid_order
from salesdesk.hq.write_rows import DELETED, PENDING, Rejected, Row, row_state
from salesdesk.hq.write_scope import Access
from salesdesk.sync.protocol import FieldConflict, Op, OpResult, OpStatus, RowState


@dataclass
class WriteTx:
    """One write transaction at HQ, as ``actor``: load, merge each op, :meth:`flush`."""

    conn: Connection
    actor: Actor
    now: datetime
    version: int = PENDING
    rows: dict[str, dict[uuid.UUID, Row | None]] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    reassigned: dict[uuid.UUID, tuple[uuid.UUID | None, uuid.UUID | None]] = field(
        default_factory=dict
    )
    access: Access = field(init=False)
    """Who may see and write what; shares :attr:`rows`."""

    def __post_init__(self) -> None:
        self.access = Access(self.conn, self.actor, self.rows)

    @classmethod
    def begin(cls, conn: Connection, actor: Actor) -> WriteTx:
        """Starts merging; the version is taken by :meth:`flush`, just before commit."""
        return cls(conn, actor, datetime.now(UTC))

    @property
    def now_ms(self) -> int:
        return int(self.now.timestamp() * 1000)

    # --- loading --------------------------------------------------------------------------

    def prefetch(
        self,
        keys: Iterable[tuple[str, uuid.UUID]],
        refs: Iterable[tuple[str, uuid.UUID]] = (),
        fields: Mapping[str, set[str]] | None = None,
    ) -> None:
        """Loads many rows at once, so merging a batch costs a few queries, not one per op:
        the rows the ops write and their parents (locked), then the customers that scope them
        (locked: not reassigned under us), then the rows the changes only refer to (read).

        ``fields`` limits what is read of an entity's rows the ops write to the fields its
        ops change (an edit of one field reads that field, not the whole row); the rest is
        read only if a row's whole state is needed (:meth:`_complete`)."""
        self._prefetch(keys, fields=fields or {})
        self.access.load_owners(
            {
                row.customer_id
                for cache in self.rows.values()
                for row in cache.values()
                if row is not None and row.customer_id is not None
            }
        )
        self._prefetch(refs, lock=False)

    def _prefetch(
        self,
        keys: Iterable[tuple[str, uuid.UUID]],
        *,
        lock: bool = True,
        fields: Mapping[str, set[str]] | None = None,
    ) -> None:
        wanted: dict[str, set[uuid.UUID]] = {}
        for entity, row_id in keys:
            if entity in ENTITY and row_id not in self.rows.get(entity, {}):
                wanted.setdefault(entity, set()).add(row_id)
        for entity in sorted(wanted):
            self._load(entity, wanted[entity], lock=lock, only=(fields or {}).get(entity))

    def _load(
        self, entity: str, ids: set[uuid.UUID], *, lock: bool = True,
        only: set[str] | None = None,
    ) -> None:
        """Reads rows (with their scoping customer) into the cache; ``lock`` takes their row
        locks, in id order so two writers lock shared rows in the same order. ``only``: the
        fields to read (besides those every merge needs), None for all."""
        cache = self.rows.setdefault(entity, {})
        names = ENTITY[entity].field_names
        partial = False
        if only is not None:
            needed = set(only) | ALWAYS_READ.get(entity, {DELETED})
            partial = not set(names) <= needed
            names = tuple(n for n in names if n in needed)
        query = load_query(entity, names, lock, self.conn.dialect.name)
        id_list = sorted(ids, key=uuid_order)
        for start in range(0, len(id_list), 5000):
            chunk = id_list[start : start + 5000]
            for rec in self.conn.execute(query, {"ids": chunk}).mappings().all():
                cache[rec["id"]] = Row(
                    entity,
                    rec["id"],
                    {n: rec[n] for n in names},
                    dict(rec["stamps"]),
                    rec["customer_id"],
                    partial=partial,
                )
        for row_id in ids:
            cache.setdefault(row_id, None)

    def _complete(self, row: Row) -> Row:
        """Reads the fields :meth:`prefetch` left out of ``row`` (already locked, and those
        written in this transaction kept as they are now)."""
        if row.partial:
            table = schema.ENTITY_TABLES[row.entity]
            missing = [n for n in ENTITY[row.entity].field_names if n not in row.values]
            rec = self.conn.execute(
                select(*(table.c[n] for n in missing)).where(table.c.id == row.id)
            ).mappings().one()
            row.values.update({n: rec[n] for n in missing})
            row.partial = False
        return row

    def state(self, row: Row) -> RowState:
        """The row as it stands in this transaction, every field."""
        return row_state(self._complete(row), self._row_version(row))

    def get(self, entity: str, row_id: uuid.UUID, *, lock: bool = True) -> Row | None:
        cache = self.rows.setdefault(entity, {})
        if row_id not in cache:
            self._load(entity, {row_id}, lock=lock)
        return cache[row_id]

    # --- scope ----------------------------------------------------------------------------

    def visible(self, row: Row) -> bool:
        """May the actor see this row? (:meth:`Access.visible`)"""
        return self.access.visible(row)

    def writable(self, row: Row) -> bool:
        """May the actor write this row with the op being merged? (:meth:`Access.writable`)"""
        return self.access.writable(row)

    def _customer_of(self, spec: EntitySpec, row_id: uuid.UUID, values: Mapping[str, Any]) -> Any:
        if spec.scope is Scope.GLOBAL:
            return None
        if spec.scope is Scope.CUSTOMER:
            return row_id
        assert spec.parent_field is not None and spec.parent_entity is not None
        parent = self.get(spec.parent_entity, values[spec.parent_field])
        if parent is not None and not self.writable(parent):
            raise self.access.not_theirs(spec.parent_entity, parent.customer_id)
        if parent is None:
            raise Rejected(f"{spec.name}.{spec.parent_field}: no such {spec.parent_entity}")
        if parent.deleted:
            raise Rejected(f"{spec.name}.{spec.parent_field}: the {spec.parent_entity} is deleted")
        self._lock_scope(parent.customer_id)
        return parent.customer_id

    def _lock_scope(self, customer_id: uuid.UUID | None) -> None:
        """Locks the customer a write happens under (usually already loaded and locked by
        :meth:`prefetch`): a reassignment of it waits for this transaction, and then moves
        every row this transaction wrote along with the customer's history."""
        if customer_id is not None:
            self.access.owner(customer_id)

    def _check_refs(self, spec: EntitySpec, changed: Mapping[str, Any]) -> None:
        """Every reference must name a row this actor can see (no probing by id guessing)."""
        for name, ref in merge_fields(spec.name).refs:
            value = changed.get(name)
            if value is None:
                continue
            target = self.get(ref, value, lock=False)
            if target is None or not self.writable(target):
                raise Rejected(f"{spec.name}.{name}: no such {ref}")
            if name == "assigned_to_id" and target.values["role"] != Role.SALES.value:
                raise Rejected("customers.assigned_to_id: not a salesperson")

    # --- applying ops ---------------------------------------------------------------------

    def apply(self, op: Op) -> OpResult:
        """Merges one pushed op; never raises for a bad op, it answers ``rejected`` instead."""
        try:
            return self._apply(op)
        except Rejected as exc:
            current = None
            row = exc.row
            if row is not None and self.visible(row):
                current = self.state(row)
            return OpResult(
                op_id=op.op_id,
                status=OpStatus.REJECTED,
                reason=exc.reason,
                code=exc.code,
                current=current,
                gone=exc.gone,
            )
        except FieldError as exc:
            return OpResult(op_id=op.op_id, status=OpStatus.REJECTED, reason=str(exc))

    def _apply(self, op: Op) -> OpResult:
        self.access.seen = op.seen
        spec = ENTITY.get(op.entity)
        if spec is None:
            raise Rejected(f"unknown entity {op.entity!r}")
        try:
            hlc = admit_clock(op.hlc, self.now_ms)
        except ValueError:
            raise Rejected("malformed clock") from None
        stamp = Stamp(hlc, self.actor.role, str(self.actor.user_id), self.actor.username)
        for name in op.changes:
            if name not in spec.by_name:
                raise Rejected(f"{spec.name}.{name}: no such field")
        row = self.get(spec.name, op.row_id)
        if row is not None:
            self._lock_scope(row.customer_id)
        if op.op == "insert":
            return self._insert(spec, op, row, stamp)
        if row is None:
            raise Rejected(f"no such {spec.name} row", gone=True)
        if not self.writable(row):
            raise self.access.not_theirs(spec.name, row.customer_id)
        if row.deleted:
            if op.op == "delete":
                return OpResult(op_id=op.op_id, status=OpStatus.DUPLICATE)
            raise Rejected(f"the {spec.name} row was deleted", row=row)
        if op.op == "delete" and not spec.may_delete(self.actor.role):
            raise Rejected(f"{spec.name}: deleting is for HQ", row=row)
        pairs: dict[str, tuple[Any, Any]] = {}
        for name, pair in op.changes.items():
            if not isinstance(pair, list) or len(pair) != 2:
                raise Rejected(f"{spec.name}.{name}: expected [old, new]", row=row)
            fspec = spec.by_name[name]
            old, new = decode(spec.name, fspec, pair[0]), decode(spec.name, fspec, pair[1])
            if not spec.may_write(self.actor.role, name):
                raise Rejected(f"{spec.name}.{name}: only HQ may change it", row=row)
            if fspec.immutable and new != row.values[name]:
                raise Rejected(f"{spec.name}.{name}: cannot be changed", row=row)
            if name == DELETED and op.op != "delete" and new is not None:
                raise Rejected(f"{spec.name}: deleting needs a delete op", row=row)
            pairs[name] = (old, new)
        if op.op == "delete" and pairs.get(DELETED, (None, None))[1] is None:
            pairs[DELETED] = (None, self.now)
        self._check_refs(spec, {n: p[1] for n, p in pairs.items()})
        return self._merge(spec, op.op_id, row, pairs, stamp)

    def _insert(self, spec: EntitySpec, op: Op, row: Row | None, stamp: Stamp) -> OpResult:
        if not spec.may_insert(self.actor.role):
            raise Rejected(f"{spec.name}: creating is for HQ", gone=row is None)
        plan = merge_fields(spec.name)
        for name in plan.required:
            if name not in op.changes:
                raise Rejected(f"{spec.name}.{name}: missing", gone=row is None)
        # Every field in the spec's order (the bulk insert wants one key order): the fixed
        # defaults copied, the others made for this insert, then the op's values over them.
        values = dict(plan.defaults)
        for fspec in plan.made:
            values[fspec.name] = fspec.default_value(self.now)
        by_name = spec.by_name
        for name, raw in op.changes.items():
            values[name] = decode(spec.name, by_name[name], raw)
        if self.actor.role is not Role.HQ:
            self._sales_insert_rules(spec, values, row is None)
        if row is not None:
            if not self.writable(row):
                raise self.access.not_theirs(spec.name, row.customer_id)
            if row.deleted:
                raise Rejected(f"the {spec.name} row was deleted", row=row)
            self._complete(row)
            pairs = {n: (None, v) for n, v in values.items() if v != row.values[n]}
            for name in pairs:
                if spec.by_name[name].immutable:
                    raise Rejected(f"{spec.name}.{name}: cannot be changed", row=row)
            self._check_refs(spec, {n: p[1] for n, p in pairs.items()})
            return self._merge(spec, op.op_id, row, pairs, stamp, force_conflict=True)
        try:
            customer_id = self._customer_of(spec, op.row_id, values)
        except Rejected as exc:
            exc.gone = True
            raise
        try:
            self._check_refs(spec, values)
        except Rejected as exc:
            exc.gone = True
            raise
        new = Row(spec.name, op.row_id, values, {"*": stamp.encode()}, customer_id, is_new=True)
        new.dirty = True
        self.rows.setdefault(spec.name, {})[op.row_id] = new
        return OpResult(op_id=op.op_id, status=OpStatus.APPLIED)

    def _sales_insert_rules(self, spec: EntitySpec, values: dict[str, Any], new: bool) -> None:
        """A salesperson's new row is theirs; HQ-owned fields start at their defaults
        (domain/ownership.py)."""
        writer = Writer(self.actor.role, self.actor.user_id)
        bad = ownership.refused(spec.name, writer, values, None, self.now)
        if bad:
            raise Rejected(f"{spec.name}.{bad[0]}: only HQ may set it", gone=new)
        if spec.owner_field is not None:
            values[spec.owner_field] = ownership.owner_of_new(
                spec.name, writer, values[spec.owner_field]
            )

    def _merge(
        self,
        spec: EntitySpec,
        op_id: int,
        row: Row,
        pairs: Mapping[str, tuple[Any, Any]],
        incoming: Stamp,
        *,
        force_conflict: bool = False,
    ) -> OpResult:
        conflicts: list[FieldConflict] = []
        changed = False
        lost = False
        for name, (old, new) in pairs.items():
            current = row.values[name]
            if current == new:
                continue
            holder = row.stamp(name)
            if current == old and not force_conflict and not written_after(holder, incoming):
                self._set(row, name, new, incoming)
                changed = True
                continue
            fspec = spec.by_name[name]
            if name == DELETED or incoming_wins(fspec.owner, holder, incoming):
                conflicts.append(
                    self._conflict(spec, row, fspec, lost=current, won=new, loser=holder,
                                   winner=incoming)
                )
                self._set(row, name, new, incoming)
                changed = True
            else:
                conflicts.append(
                    self._conflict(spec, row, fspec, lost=new, won=current, loser=incoming,
                                   winner=holder)
                )
                lost = True
        if not changed and not conflicts:
            return OpResult(op_id=op_id, status=OpStatus.DUPLICATE)
        current_state = self.state(row) if lost else None
        return OpResult(
            op_id=op_id,
            status=OpStatus.APPLIED,
            conflicts=conflicts,
            current=current_state,
        )

    def _set(self, row: Row, name: str, value: Any, stamp: Stamp) -> None:
        if row.entity == "customers" and name == "assigned_to_id" and not row.is_new:
            before = self.reassigned.get(row.id, (row.values[name], None))[0]
            self.reassigned[row.id] = (before, value)
        row.values[name] = value
        row.stamps[name] = stamp.encode()
        row.dirty = True
        row.changed.add(name)

    def _conflict(
        self,
        spec: EntitySpec,
        row: Row,
        fspec: FieldSpec,
        *,
        lost: Any,
        won: Any,
        loser: Stamp,
        winner: Stamp,
    ) -> FieldConflict:
        lost_by_id = uuid.UUID(loser.user_id) if _is_uuid(loser.user_id) else None
        self.conflicts.append(
            {
                "entity": spec.name,
                "row_id": row.id,
                "field": fspec.name,
                "lost_value": encode(lost),
                "won_value": encode(won),
                "lost_by_id": lost_by_id,
                "lost_by": loser.username,
                "won_by": winner.username,
                "at": self.now,
            }
        )
        return FieldConflict(
            field=fspec.name,
            lost_value=encode(lost),
            won_value=encode(won),
            won_by=winner.username,
            lost_by=loser.username,
        )

    def _row_version(self, row: Row) -> int:
        if row.dirty:
            return PENDING  # settled by :meth:`settle` once flush has taken the version
        got = self.conn.execute(
            select(schema.sync_row.c.version).where(
                (schema.sync_row.c.entity == row.entity) & (schema.sync_row.c.row_id == row.id)
            )
        ).scalar_one()
        return int(got)

    # --- HQ-side writes (command line, demo) ----------------------------------------------

    def put(self, entity: str, row_id: uuid.UUID, values: Mapping[str, Any]) -> OpResult:
        """Creates or edits a row as the actor, through the same merge as a pushed op."""
        hlc = Timestamp(self.now_ms, 0, "hq")
        row = self.get(entity, row_id)
        if row is not None:
            self._complete(row)
        if row is None:
            changes = {k: encode(v) for k, v in values.items()}
            op = Op(op_id=1, entity=entity, row_id=row_id, op="insert", changes=changes,
                    hlc=str(hlc))
        else:
            pairs = {k: [encode(row.values[k]), encode(v)] for k, v in values.items()}
            op = Op(op_id=1, entity=entity, row_id=row_id,
                    op="delete" if values.get(DELETED) else "update", changes=pairs,
                    hlc=str(hlc))
        result = self.apply(op)
        if result.status is OpStatus.REJECTED:
            raise ValueError(result.reason)
        return result

    # --- writing --------------------------------------------------------------------------

    def flush(self) -> None:
        """Writes every row this transaction changed, stamped with its version
        (:func:`~salesdesk.hq.write_flush.write_changes`, which takes it)."""
        version = write_changes(self.conn, self.rows, self.reassigned, self.conflicts, self.now)
        if version is not None:
            self.version = version
        self._reset()

    def _reset(self) -> None:
        self.rows.clear()
        self.access.reset()
        self.conflicts = []
        self.reassigned = {}

    def settle(self, result: OpResult) -> OpResult:
        """``result`` with the version :meth:`flush` took in place of :data:`PENDING`."""
        current = result.current
        if current is None or current.version != PENDING:
            return result
        assert self.version != PENDING, "settle() after flush()"
        return result.model_copy(update={"current": current.model_copy(
            update={"version": self.version})})


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


