"""Writes the local outbox in the same transaction as the change (docs/SYNC.md).

A ``before_flush`` listener turns every insert, update and soft delete of a synced row into an
:class:`OutboxEntry`. Updates carry ``{field: [old, new]}`` from SQLAlchemy's attribute history,
which is what the server's per-field merge needs. Sessions applying changes pulled from HQ set
``session.info["remote"] = True`` and write no outbox entries.
"""

from __future__ import annotations

import json
import weakref
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from salesdesk.db import state
from salesdesk.db.base import Synced
from salesdesk.db.models import OutboxEntry
from salesdesk.domain.hlc import Clock, Timestamp
from salesdesk.domain.ids import uuid7
from salesdesk.domain.wire import OutboxOp, encode

_clocks: weakref.WeakKeyDictionary[Any, Clock] = weakref.WeakKeyDictionary()


class TombstoneRequired(RuntimeError):
    """A synced row was hard-deleted; it must be soft-deleted so the deletion can sync."""


def _columns(obj: Synced) -> list[str]:
    mapper = inspect(type(obj))
    skip = Synced.SYNC_EXCLUDED | obj.__sync_local__
    return [c.key for c in mapper.column_attrs if c.key not in skip]


def _clock(session: Session) -> Clock:
    """The laptop's HLC, created once per engine from what the store remembers."""
    bind = session.get_bind()
    clock = _clocks.get(bind)
    if clock is None:
        client_id = state.read(session, state.CLIENT_ID)
        if client_id is None:
            client_id = str(uuid7())
            state.write(session, state.CLIENT_ID, client_id)
        last = state.read(session, state.HLC)
        clock = Clock(client_id, Timestamp.parse(last) if last else None)
        _clocks[bind] = clock
    return clock


def _changes_for_insert(obj: Synced) -> dict[str, Any]:
    return {key: encode(getattr(obj, key)) for key in _columns(obj) if key != "id"}


def _changes_for_update(obj: Synced) -> dict[str, Any]:
    state = inspect(obj)
    changes: dict[str, Any] = {}
    for key in _columns(obj):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        changes[key] = [encode(old), encode(new)]
    return changes


def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    if session.info.get("remote") or not session.info.get("outbox", False):
        return
    entries: list[tuple[Synced, str, dict[str, Any]]] = []
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise TombstoneRequired(f"{type(obj).__name__} rows are soft-deleted, not removed")
    for obj in session.new:
        if isinstance(obj, Synced):
            if obj.id is None:
                obj.id = uuid7()
            _apply_defaults(obj)
            entries.append((obj, OutboxOp.INSERT, _changes_for_insert(obj)))
    for obj in session.dirty:
        if isinstance(obj, Synced) and session.is_modified(obj, include_collections=False):
            changes = _changes_for_update(obj)
            if not changes:
                continue
            op: str = OutboxOp.UPDATE
            if "deleted_at" in changes and changes["deleted_at"][0] is None:
                op = OutboxOp.DELETE
            entries.append((obj, op, changes))
    if not entries:
        return
    clock = _clock(session)
    seen = _seen(session)
    last = None
    for obj, op, changes in entries:
        last = clock.now()
        session.add(
            OutboxEntry(
                entity=obj.__sync_entity__, row_id=obj.id, op=op, changes=changes, hlc=str(last),
                seen=seen,
            )
        )
    assert last is not None
    state.write(session, state.HLC, str(last))


def _seen(session: Session) -> int:
    """The version of HQ's data this store has pulled (0 before the first pull): HQ refuses
    an edit of a customer reassigned at or before it, and merges one made earlier."""
    cursor = state.read(session, state.PULL_CURSOR)
    if cursor is None:
        return 0
    return int(json.loads(cursor)["version"])


def _apply_defaults(obj: Synced) -> None:
    """Fills scalar column defaults before flush, so the outbox sees the values HQ will store."""
    for column in inspect(type(obj)).columns:
        key = column.key
        if getattr(obj, key, None) is not None or column.default is None:
            continue
        default = column.default
        if getattr(default, "is_scalar", False):
            setattr(obj, key, default.arg)
        elif getattr(default, "is_callable", False):
            fn = default.arg
            try:
                setattr(obj, key, fn(None))
            except TypeError:
                setattr(obj, key, fn())


def observe_remote_clock(engine: Any, remote: Timestamp) -> None:
    """Folds a clock seen from HQ into this store's live clock, if it has one yet; a clock
    far ahead of HQ's is set back to it (:meth:`Clock.rebase`)."""
    clock = _clocks.get(engine)
    if clock is not None and not clock.rebase(remote):
        clock.receive(remote)


def install(session_class: type[Session]) -> None:
    """Registers the listener on a session class (idempotent)."""
    if not event.contains(session_class, "before_flush", _before_flush):
        event.listen(session_class, "before_flush", _before_flush)


def pending_count(session: Session) -> int:
    from sqlalchemy import func

    return session.scalar(select(func.count()).select_from(OutboxEntry)) or 0
