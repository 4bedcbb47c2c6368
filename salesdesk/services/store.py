"""Opening, migrating, backing up and restoring the laptop's store.

:func:`prepare` is on the start-up path: when the store is current it costs one sqlite3 query
and imports neither SQLAlchemy nor Alembic.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from salesdesk.db import migrate
from salesdesk.db.migrate import StoreStatus, StoreTooNew

__all__ = ["NotAStore", "Prepared", "StoreTooNew", "backup_to", "prepare", "restore_from"]


class NotAStore(Exception):
    """The chosen file is not a SalesDesk store (or is damaged)."""


@dataclass(frozen=True)
class Prepared:
    created: bool  # a new store was made
    migrated_from: str | None  # the revision it was upgraded from, if it was
    backup: Path | None  # the copy taken before the upgrade
    seeded_demo: bool
    drain_error: str = ""  # why the outbox could not be sent before the migration, if so


def prepare(
    store: Path,
    backups: Path,
    *,
    demo: bool = False,
    before_upgrade: Callable[[Path], object] | None = None,
) -> Prepared:
    """Makes the store usable: creates, or backs up and migrates it; seeds demo data if asked.

    ``before_upgrade`` runs before an existing store is migrated: the app sends the outbox to
    HQ there (SYNC.md: drain before a schema change). If it fails — offline, say — the
    migration goes ahead all the same: it keeps the outbox, and the backup is taken first.

    Raises:
        StoreTooNew: the store was written by a newer SalesDesk; it is left untouched.
    """
    state = migrate.status(store)
    if state is StoreStatus.TOO_NEW:
        raise StoreTooNew(migrate.current_revision(store) or "?")
    created = state is StoreStatus.MISSING
    result = None
    drain_error = ""
    if state is StoreStatus.OUTDATED and before_upgrade is not None:
        try:
            before_upgrade(store)
        except Exception as exc:  # never let a failed drain block the start
            drain_error = f"{type(exc).__name__}: {exc}"
    if state is not StoreStatus.CURRENT:
        result = migrate.upgrade(store, backups)
    seeded = False
    if demo and _is_empty(store):
        from salesdesk.services import demo as demo_data

        demo_data.seed(store)
        seeded = True
    return Prepared(
        created=created,
        migrated_from=result.from_revision if result else None,
        backup=result.backup if result else None,
        seeded_demo=seeded,
        drain_error=drain_error,
    )


def _is_empty(store: Path) -> bool:
    conn = sqlite3.connect(str(store))
    try:
        return bool(conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 0)
    finally:
        conn.close()


def backup_to(store: Path, target: Path) -> None:
    """A consistent copy of the live store (SQLite online backup API), written atomically."""
    tmp = target.with_name(target.name + ".part")
    if tmp.exists():
        tmp.unlink()
    migrate.backup_copy(store, tmp)
    os.replace(tmp, target)


def check_store_file(path: Path) -> str:
    """Returns the revision of a file that is a healthy SalesDesk store, else raises NotAStore."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise NotAStore(str(exc)) from exc
    if ok != "ok" or not {"alembic_version", "customers", "outbox"} <= tables:
        raise NotAStore(str(path))
    revision = migrate.current_revision(path)
    if revision is None:
        raise NotAStore(str(path))
    return revision


def restore_from(store: Path, source: Path, aside_dir: Path) -> Path:
    """Replaces the store with a backup; the current store is kept aside, never overwritten.

    The caller must have closed every connection to ``store``. Returns where the previous
    store was put.

    Raises:
        NotAStore: ``source`` is not a SalesDesk store; nothing was changed.
        StoreTooNew: ``source`` comes from a newer SalesDesk; nothing was changed.
    """
    revision = check_store_file(source)
    if revision != migrate.HEAD_REVISION and revision not in migrate.known_revisions():
        raise StoreTooNew(revision)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = aside_dir / f"{store.stem}-replaced-{stamp}.sqlite3"
    incoming = store.with_name(store.name + ".incoming")
    if incoming.exists():
        incoming.unlink()
    migrate.backup_copy(source, incoming)
    if store.exists():
        migrate.backup_copy(store, aside)
    for suffix in ("-wal", "-shm"):
        side = store.with_name(store.name + suffix)
        if side.exists():
            side.unlink()
    os.replace(incoming, store)
    if revision != migrate.HEAD_REVISION:
        migrate.upgrade(store, aside_dir)
    return aside
