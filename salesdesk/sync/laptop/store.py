"""The laptop store's side of sync (:class:`LocalStore`, the loop's
:class:`~salesdesk.sync.ports.SyncStore`): reading the outbox, acknowledging, applying pulled
pages with the cursor.

Over 500 lines: one class, the store writer, whose three jobs (outbox reads, acknowledgements
with refusals kept field by field, pulled pages with evictions and the search index) share its
transaction helpers and the unpushed-fields rule; the bulk column writing is apart
(:mod:`salesdesk.sync.laptop.columns`).

Each acknowledgement and each page is one SQLite transaction that also moves the client's
position (``sync_state``), so a cut connection never leaves half a page. Applying runs with
the ``remote`` flag (no outbox entries) and with foreign keys off for that transaction only:
pages come in version order, so a child can arrive before a parent that changed later.

Pulled values never overwrite a field the user changed locally and has not pushed yet: that
change is still in the outbox and the server will merge it at the next push.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Table, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from salesdesk.db import outbox, search_index, state
from salesdesk.db.models import SYNCED_MODELS, OutboxEntry, SyncConflict
from salesdesk.domain import search_tokens
from salesdesk.domain.entities import (
    ENTITY,
    FieldError,
    Scope,
    customer_path,
    decode,
)
from salesdesk.domain.hlc import REBASE_AHEAD_MS, Timestamp
from salesdesk.domain.ids import uuid7
from salesdesk.sync.batches import OutboxBatch
from salesdesk.sync.errors import ServerError, StoreConflict
from salesdesk.sync.laptop.columns import (
    executemany,
    local_defaults,
    raw_columns,
    raw_connection,
    stored_column,
)
from salesdesk.sync.ports import ApplyCounts
from salesdesk.sync.protocol import (
    Cursor,
    OpStatus,
    PushResponse,
    RowState,
)
from salesdesk.sync.pulled import PulledPage, PulledRows

_TABLES: dict[str, Table] = {
    m.__sync_entity__: m.__table__ for m in SYNCED_MODELS  # type: ignore[attr-defined]
}


class LocalStore:
    """Sync bookkeeping on one laptop store (an engine from ``salesdesk.db.session``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._client_id: str | None = None
        self._seen_column: bool | None = None

    # --- transactions ------------------------------------------------------------------------

    @contextmanager
    def _remote(self) -> Iterator[Session]:
        """A write transaction that writes no outbox and checks foreign keys only outside."""
        with self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert isinstance(raw, sqlite3.Connection)
            raw.execute("PRAGMA foreign_keys = OFF")
            try:
                with Session(bind=conn) as session, session.begin():
                    session.info["remote"] = True
                    yield session
                    state.flush(session)
            finally:
                raw.execute("PRAGMA foreign_keys = ON")

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(bind=self.engine) as session, session.begin():
            yield session

    # --- identity ----------------------------------------------------------------------------

    def client_id(self) -> str:
        """This laptop's id at HQ, made on first use (the outbox may have made it already)."""
        if self._client_id is None:
            with self._remote() as session:
                value = state.get(session, state.CLIENT_ID)
                if value is None:
                    value = str(uuid7())
                    state.put(session, state.CLIENT_ID, value)
            self._client_id = value
        return self._client_id

    def bind_user(self, user_id: uuid.UUID, username: str, role: str | None = None) -> None:
        """Records whose store this is; a store never changes hands silently."""
        with self._remote() as session:
            current = state.get(session, state.USER_ID)
            if current is not None and current != str(user_id):
                raise StoreConflict("this store belongs to another user")
            state.put(session, state.USER_ID, str(user_id))
            state.put(session, state.USERNAME, username)
            if role is not None:
                state.put(session, state.ROLE, role)

    def username(self) -> str | None:
        with self._read() as session:
            return state.get(session, state.USERNAME)

    # --- push --------------------------------------------------------------------------------

    def _acked(self, session: Session) -> int:
        return int(state.get(session, state.ACKED_OP_ID) or 0)

    def pending(self, limit: int, after: int | None = None) -> OutboxBatch | None:
        """The first ``limit`` outbox entries after op ``after`` (by default the last one
        acknowledged), encoded for the push request; None when there are none."""
        with self._read() as session:
            if after is None:
                after = self._acked(session)
            # Raw sqlite3 rows: no type processing, the stored JSON stays text.
            raw = raw_connection(session)
            if self._seen_column is None:
                self._seen_column = any(
                    col[1] == "seen" for col in raw.execute("PRAGMA table_info(outbox)")
                )
            # A store not migrated yet (its outbox drained before the migration) has no
            # ``seen``: its entries go without, as its older SalesDesk sent them.
            seen = "seen" if self._seen_column else "NULL"
            rows = raw.execute(
                f"SELECT op_id, entity, row_id, op, changes, hlc, {seen} FROM outbox"
                " WHERE op_id > ? ORDER BY op_id LIMIT ?",
                (after, limit),
            ).fetchall()
        if not rows:
            return None
        return OutboxBatch.of_rows(rows)

    def pending_count(self) -> int:
        with self._read() as session:
            acked = self._acked(session)
            return int(
                session.scalar(
                    select(func.count()).select_from(OutboxEntry).where(OutboxEntry.op_id > acked)
                )
                or 0
            )

    def acknowledge(self, batch: OutboxBatch, response: PushResponse) -> ApplyCounts:
        """Records HQ's answers: rejected changes become visible conflicts, rows HQ changed
        or refused are set to HQ's state, and the outbox moves on.

        A field of ours that lost a merge (``OpResult.conflicts`` with ``lost_by`` us) is
        *not* recorded here: HQ keeps it as a conflict record stamped with this push's
        version, and the pull delivers it as a :class:`ConflictNotice` with the page whose
        version window holds it, exactly once per store, like the rows. Recording it here
        too listed it twice, and de-duplicating the two copies by their values would merge
        two real losses of the same values. The pull always follows the push in a sync, so
        the conflict appears in the same sync; only when that pull fails does it wait for the
        next successful one (the row itself already shows HQ's value from ``current``).
        Rejections are recorded here: HQ keeps no record of them, so no pull brings them.
        Each is kept field by field, with why (``OpResult.code``) and the record's name as
        the store has it now (a customer reassigned away is about to be evicted).
        """
        counts = ApplyCounts()
        first, last = batch.first_op_id, batch.last_op_id
        # Most answers need nothing here; the entries of those that do are read back.
        notable = [
            r for r in response.results
            if first <= r.op_id <= last
            and (r.status is OpStatus.REJECTED or r.gone or r.current is not None)
        ]
        with self._remote() as session:
            by_id = self._entries(session, [r.op_id for r in notable])
            currents: dict[tuple[str, uuid.UUID], RowState] = {}
            gone: list[tuple[str, uuid.UUID]] = []
            refused = [
                r for r in notable if r.status is OpStatus.REJECTED and r.op_id in by_id
            ]
            names = record_names(
                session, {(by_id[r.op_id].entity, by_id[r.op_id].row_id) for r in refused}
            )
            for result in notable:
                op = by_id.get(result.op_id)
                if op is None:
                    continue
                if result.status is OpStatus.REJECTED:
                    counts.rejected += 1
                    session.add_all(
                        _refusals(op, result, names.get((op.entity, op.row_id), ""))
                    )
                if result.gone:
                    gone.append((op.entity, op.row_id))
                    currents.pop((op.entity, op.row_id), None)
                elif result.current is not None:
                    currents[(op.entity, op.row_id)] = result.current
            # Only rows HQ sent back need the unpushed fields (reading them is O(outbox)).
            pending_fields = (
                self._pending_fields(session, after=last) if gone or currents else {}
            )
            for entity, row_id in gone:
                if (entity, row_id) not in pending_fields:
                    session.execute(delete(_TABLES[entity]).where(_TABLES[entity].c.id == row_id))
            touched = self._upsert(
                session, PulledRows.of_states(currents.values()), pending_fields
            )
            touched.update(rid.hex for e, rid in gone if e == "customers")
            state.put(session, state.ACKED_OP_ID, str(last))
            # Keep the newest entry: SQLite hands out max(rowid)+1, so op ids never repeat.
            session.execute(delete(OutboxEntry).where(OutboxEntry.op_id < last))
            self._receive_clock(session, response.server_time_ms)
            self._reindex(session, touched)
        return counts

    @staticmethod
    def _entries(session: Session, op_ids: list[int]) -> dict[int, Any]:
        """Outbox entries by op id (rows with ``entity``, ``row_id``, decoded ``changes``)."""
        if not op_ids:
            return {}
        return {
            e.op_id: e
            for e in session.execute(
                select(OutboxEntry.op_id, OutboxEntry.entity, OutboxEntry.row_id,
                       OutboxEntry.op, OutboxEntry.changes)
                .where(OutboxEntry.op_id.in_(op_ids))
            )
        }

    def _receive_clock(self, session: Session, server_ms: int) -> None:
        """Folds HQ's clock into the laptop's HLC, so a slow laptop clock cannot lose forever,
        and sets a clock far ahead of HQ's back to it (a wall clock once set a year ahead and
        since put right stamped every later edit a year ahead, and won for as long)."""
        remote = Timestamp(server_ms, 0, "hq")
        outbox.observe_remote_clock(self.engine, remote)
        stored = state.get(session, state.HLC)
        if stored is None or not (
            server_ms <= Timestamp.parse(stored).wall_ms <= server_ms + REBASE_AHEAD_MS
        ):
            node = state.get(session, state.CLIENT_ID) or "laptop"
            state.put(session, state.HLC, str(Timestamp(server_ms, 0, node)))

    def _pending_fields(
        self, session: Session, after: int
    ) -> dict[tuple[str, uuid.UUID], set[str]]:
        """Fields with local changes HQ has not seen yet (op ids above ``after``)."""
        pending: dict[tuple[str, uuid.UUID], set[str]] = {}
        for entity, row_id, changes in session.execute(
            select(OutboxEntry.entity, OutboxEntry.row_id, OutboxEntry.changes).where(
                OutboxEntry.op_id > after
            )
        ):
            pending.setdefault((entity, row_id), set()).update(changes)
        return pending

    # --- pull --------------------------------------------------------------------------------

    def pull_position(self) -> tuple[Cursor, int]:
        """Where the next pull starts, and the last conflict notice already received."""
        with self._read() as session:
            raw = state.get(session, state.PULL_CURSOR)
            since = int(state.get(session, state.CONFLICTS_SINCE) or 0)
        return (Cursor.model_validate_json(raw) if raw else Cursor(version=0)), since

    def prepare_pull(self, cursor: Cursor) -> None:
        """Loads pinyin before an initial pull (from version 0) needs it to index customers.

        Called on the pull's helper thread while the first request is in flight, so the
        ~0.2 s of loading the dictionaries overlaps the wait for HQ instead of holding up
        the first page with customers. Later pulls leave it to the first customer written:
        they may bring none, and a session that only reads never needs pinyin.
        """
        if cursor.version == 0:
            search_tokens.warm_up()

    def apply_page(self, page: PulledPage) -> ApplyCounts:
        """Applies a page and moves the cursor past it, in one transaction.

        The search documents of the customers a page touched are rebuilt with the pull's last
        page, once each (:meth:`_index_page`): until then a customer that came or changed on
        an earlier page may be missing from search results, or found by its old values.

        A field value this version cannot store raises :class:`ServerError` after the
        transaction rolled back: nothing of the page is kept.
        """
        try:
            return self._apply_page(page)
        except FieldError as exc:
            raise ServerError(f"HQ sent a record this version cannot store ({exc})") from exc

    def _apply_page(self, page: PulledPage) -> ApplyCounts:
        counts = ApplyCounts()
        with self._remote() as session:
            acked = self._acked(session)
            pending_fields = self._pending_fields(session, after=acked)
            # Named before any eviction: a change of ours that lost at HQ after the customer
            # was reassigned comes with the page that takes the customer away.
            names = record_names(session, {(c.entity, c.row_id) for c in page.conflicts})
            evicted: set[str] = set()
            for ev in page.evictions:
                counts.evicted += 1
                self._evict(session, ev.customer_id)
                evicted.add(ev.customer_id.hex)
            touched = self._upsert(session, page.rows, pending_fields)
            counts.rows = page.row_count
            since = int(state.get(session, state.CONFLICTS_SINCE) or 0)
            for c in page.conflicts:
                counts.conflicts += 1
                since = max(since, c.id)
                session.add(
                    SyncConflict(
                        entity=c.entity, row_id=c.row_id, field=c.field, lost_value=c.lost_value,
                        won_value=c.won_value, won_by=c.won_by,
                        at=datetime.fromtimestamp(c.at_ms / 1000, UTC),
                        record=names.get((c.entity, c.row_id), ""),
                    )
                )
            state.put(session, state.CONFLICTS_SINCE, str(since))
            state.put(session, state.PULL_CURSOR, page.cursor.model_dump_json())
            if not page.has_more:  # the outbox was pushed first: this completes a sync
                state.put(session, state.LAST_SYNC_AT, datetime.now(UTC).isoformat())
            self._receive_clock(session, page.server_time_ms)
            self._index_page(session, touched, evicted, last=not page.has_more)
        return counts

    @staticmethod
    def _index_page(session: Session, touched: set[str], evicted: set[str], last: bool) -> None:
        """Brings the search index up to date with a page, in its transaction.

        A page with more to come only records the customers it touched
        (:func:`search_index.defer`): HQ sends rows in version order, so one customer's
        contacts may be spread over many pages, and its document (pinyin of every name) was
        rebuilt on each. The last page rebuilds what the whole pull touched, and what an
        unfinished earlier pull left, once each. Evicted customers lose their documents at
        once (nothing to tokenize), unless the same page brought them back.
        """
        raw = raw_connection(session)
        if last:
            search_index.catch_up(raw, touched | evicted)
            return
        search_index.defer(raw, touched)
        if evicted - touched:
            search_index.reindex(raw, evicted - touched)

    def _evict(self, session: Session, customer_id: uuid.UUID) -> None:
        """Drops a customer that is no longer this user's, with everything under it."""
        for spec in reversed([e for e in ENTITY.values() if e.scope is not Scope.GLOBAL]):
            table = _TABLES[spec.name]
            hops = customer_path(spec.name)
            if not hops:
                session.execute(delete(table).where(table.c.id == customer_id))
                continue
            # Walk up the parent links: lines -> notices -> customer.
            entity, fld = hops[-1]
            sub: Any = select(_TABLES[entity].c.id).where(_TABLES[entity].c[fld] == customer_id)
            for entity, fld in reversed(hops[:-1]):
                sub = select(_TABLES[entity].c.id).where(_TABLES[entity].c[fld].in_(sub))
            session.execute(delete(table).where(table.c.id.in_(sub)))

    def _upsert(
        self,
        session: Session,
        groups: Sequence[PulledRows],
        pending_fields: dict[tuple[str, uuid.UUID], set[str]],
    ) -> set[str]:
        """Writes HQ's rows in bulk, leaving fields with unpushed local edits alone; returns
        the customers (stored form: hex ids) whose search documents may have changed.

        Column by column: each field of a group becomes the values SQLite stores, as one
        list (:func:`.columns.stored_column`), and goes to SQLite as is, with no dict per row
        (a page is thousands of rows of one or two entities).
        """
        touched: set[str] = set()
        now = datetime.now(UTC)
        dialect = session.connection().dialect
        pending = {(e, row_id.hex): f for (e, row_id), f in pending_fields.items() if f}
        for group in groups:
            name = group.entity
            spec = ENTITY.get(name)
            if spec is None:
                continue  # an entity from a newer HQ: ignored until this laptop upgrades
            table = _TABLES[name]
            names = [f.name for f in spec.fields]
            wire = raw_columns(group.fields, names)
            columns: dict[str, list[Any]] = {
                f.name: stored_column(
                    name, f, raw, table.c[f.name].type.dialect_impl(dialect).bind_processor(dialect)
                )
                for f, raw in zip(spec.fields, wire, strict=True)
            }
            ids = group.ids
            columns["id"] = ids
            columns["server_version"] = group.versions
            if name == "customers":
                touched.update(ids)
                # A new customer takes its place in name order at once, though a pull's search
                # documents wait for its end. An existing one keeps its key until its document
                # moves with it (the index's rowids follow the stored keys).
                columns["sort_key"] = [search_tokens.sort_key(n) for n in columns["name"]]
            elif name == "contacts":
                touched.update(columns["customer_id"])
            for f in spec.fields:
                if f.unique:
                    self._evict_stale_holders(session, table, f.name, columns[f.name], ids)
            kept = [i for i, row_id in enumerate(ids) if (name, row_id) in pending]
            if kept:
                for i in kept:
                    # Few rows: through SQLAlchemy, with Python values.
                    values = {
                        f.name: decode(name, f, raw[i])
                        for f, raw in zip(spec.fields, wire, strict=True)
                    }
                    values.update(id=uuid.UUID(ids[i]), server_version=group.versions[i])
                    self._upsert_one(session, table, values, pending[(name, ids[i])], now)
                skip = set(kept)
                bulk = [i for i in range(len(ids)) if i not in skip]
                if not bulk:
                    continue
                columns = {k: [column[i] for i in bulk] for k, column in columns.items()}
            stmt = sqlite_insert(table)
            stmt = stmt.on_conflict_do_update(
                index_elements=[table.c.id],
                set_={n: stmt.excluded[n] for n in columns if n not in ("id", "sort_key")}
                | {"updated_at": now},
            )
            constants: dict[str, Any] = {}
            local_defaults(table, constants)
            constants.update(created_at=now, updated_at=now)
            for k in columns:
                constants.pop(k, None)
            executemany(session, stmt, columns, constants)
        return touched

    @staticmethod
    def _evict_stale_holders(
        session: Session, table: Table, name: str, values: list[Any], ids: list[str]
    ) -> None:
        """Drops local rows holding a unique value (a product code) that HQ moved to another
        row: the old holder gave it up at HQ, so it arrives later with its new value.

        One query for the whole column (its values as one JSON array), on the raw
        connection, so the ids compare as stored (hex).
        """
        owner = dict(zip(values, ids, strict=True))
        raw = raw_connection(session)
        stale = [
            (row_id,)
            for row_id, value in raw.execute(
                f'SELECT id, "{name}" FROM "{table.name}"'
                f' WHERE "{name}" IN (SELECT value FROM json_each(?))',
                (json.dumps(list(owner), ensure_ascii=False),),
            )
            if owner[value] != row_id
        ]
        if stale:
            raw.executemany(f'DELETE FROM "{table.name}" WHERE id = ?', stale)

    @staticmethod
    def _upsert_one(
        session: Session, table: Table, values: dict[str, Any], keep: set[str], now: datetime
    ) -> None:
        exists = session.execute(select(table.c.id).where(table.c.id == values["id"])).first()
        if exists is None:
            values.update(created_at=now, updated_at=now)
            local_defaults(table, values)
            session.execute(table.insert().values(**values))
            return
        changes = {k: v for k, v in values.items() if k not in keep and k != "id"}
        session.execute(update(table).where(table.c.id == values["id"]).values(**changes))

    @staticmethod
    def _reindex(session: Session, customer_ids: set[str]) -> None:
        if customer_ids:
            search_index.reindex(raw_connection(session), customer_ids)

    def attachment_files(self) -> list[tuple[str, int]]:
        """The hash and size of every attachment the store holds a row of (not deleted)."""
        from salesdesk.db.models import ComplaintAttachment as A

        with self._read() as session:
            rows = session.execute(
                select(A.sha256, func.max(A.size)).where(A.deleted_at.is_(None))
                .group_by(A.sha256).order_by(A.sha256)
            ).all()
        return [(sha, int(size or 0)) for sha, size in rows]

    def last_synced(self) -> datetime | None:
        with self._read() as session:
            raw = state.get(session, state.LAST_SYNC_AT)
        return datetime.fromisoformat(raw) if raw else None


REFUSED = "refused"
"""``SyncConflict.reason`` of a change HQ refused for a reason it gave no code for."""


def _refusals(op: Any, result: Any, record: str) -> list[SyncConflict]:
    """A refused change as the conflict list shows it: a row per field the change set (its
    value, and HQ's where HQ sent the row back), or one row for a refused new record."""
    reason = result.code.value if result.code is not None else REFUSED
    detail = (result.reason or "")[:100]
    if op.op == "insert":
        return [SyncConflict(
            entity=op.entity, row_id=op.row_id, field="*", lost_value=op.changes.get("name"),
            won_value=None, won_by=detail, reason=reason, record=record,
        )]
    theirs = result.current.fields if result.current is not None else {}
    return [
        SyncConflict(
            entity=op.entity, row_id=op.row_id, field=name, lost_value=pair[1],
            won_value=theirs.get(name, pair[0]), won_by=detail, reason=reason, record=record,
        )
        for name, pair in op.changes.items()
        if isinstance(pair, list) and len(pair) == 2
    ]


def record_names(
    session: Session, keys: set[tuple[str, uuid.UUID]]
) -> dict[tuple[str, uuid.UUID], str]:
    """How people know these rows: the customer's name, then the row's own name if it has
    one ("苏州墙煌 · 王经理"); rows the store no longer has are left out."""
    names: dict[tuple[str, uuid.UUID], str] = {}
    for entity, row_id in keys:
        spec = ENTITY.get(entity)
        if spec is None or spec.scope is Scope.GLOBAL:
            continue
        table = _TABLES[entity]
        own = table.c["name"] if "name" in spec.by_name and entity != "customers" else None
        hops = customer_path(entity)
        customer_id: Any = row_id
        label = ""
        if hops:  # up the parent links: the row's own first, then its parent's ...
            rec = session.execute(
                select(table.c[hops[0][1]], *([own] if own is not None else []))
                .where(table.c.id == row_id)
            ).first()
            if rec is None:
                continue
            customer_id = rec[0]
            label = rec[1] if own is not None else ""
            for entity_up, fld in hops[1:]:
                up = _TABLES[entity_up]
                customer_id = session.execute(
                    select(up.c[fld]).where(up.c.id == customer_id)
                ).scalar()
        customers = _TABLES["customers"]
        customer = session.execute(
            select(customers.c.name).where(customers.c.id == customer_id)
        ).scalar()
        if customer is None:
            continue
        names[(entity, row_id)] = f"{customer} · {label}" if label else str(customer)
    return names


__all__ = ["LocalStore"]
