"""Opening, migrating, backing up and restoring the laptop's store.

:func:`prepare` is on the start-up path: when the store is current it costs one sqlite3 query
and imports neither SQLAlchemy nor Alembic.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from salesdesk.db import migrate
from salesdesk.db.migrate import StoreStatus, StoreTooNew
from salesdesk.kit.errors import KnownError

__all__ = [
    "DataFolderNotWritable",
    "NotAStore",
    "Prepared",
    "StoreDamaged",
    "StoreForeign",
    "StoreTooNew",
    "automatic_backups",
    "backup_to",
    "prepare",
    "restore_from",
]

_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


class NotAStore(KnownError):
    """The chosen file is not a SalesDesk store (or is damaged)."""

    code = "store.not_a_store"

    def __init__(self, path: Path, detail: str = "") -> None:
        super().__init__(detail or str(path), path=str(path))
        self.path = path


class StoreDamaged(KnownError):
    """The store is damaged (truncated, corrupt): SQLite cannot read it. It was not changed."""

    code = "store.damaged"

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}", path=str(path))
        self.path = path
        self.detail = detail


class StoreForeign(KnownError):
    """Something other than a SalesDesk store is at the store's path. It was not changed."""

    code = "store.foreign"

    def __init__(self, path: Path) -> None:
        super().__init__(str(path), path=str(path))
        self.path = path


class DataFolderNotWritable(KnownError):
    """The data folder (or the store in it) may not be written by this user."""

    code = "store.not_writable"

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}", path=str(path))
        self.path = path
        self.detail = detail


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
    HQ there (docs/SYNC.md: drain before a schema change). If it fails — offline, say — the
    migration goes ahead all the same: it keeps the outbox, and the backup is taken first.

    Raises:
        DataFolderNotWritable: the folder or the store may not be written; nothing changed.
        StoreDamaged: SQLite cannot read the store; it is left untouched.
        StoreForeign: the store's path holds something else; it is left untouched.
        StoreTooNew: the store was written by a newer SalesDesk; it is left untouched.
    """
    check_writable(store)
    try:
        state = migrate.status(store)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) == _SQLITE_NOTADB:
            raise StoreForeign(store) from exc
        raise StoreDamaged(store, str(exc)) from exc
    if state is StoreStatus.FOREIGN:
        raise StoreForeign(store)
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


def check_writable(store: Path) -> None:
    """Refuses, before anything is written, a data folder or store this user may not write.

    Creates the folder if needed; a probe file is made and removed again; the store is
    opened for writing but not written.

    Raises:
        DataFolderNotWritable: the folder cannot be created or written, or the store is
            read-only.
    """
    folder = store.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".salesdesk-write-check-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise DataFolderNotWritable(folder, exc.strerror or str(exc)) from exc
    try:
        if store.exists():
            with store.open("r+b"):
                pass
    except OSError as exc:
        raise DataFolderNotWritable(store, exc.strerror or str(exc)) from exc


def automatic_backups(backups: Path) -> list[Path]:
    """The copies SalesDesk took itself (before a migration or a restore), newest first."""
    if not backups.is_dir():
        return []
    found = [
        p for p in backups.glob("*.sqlite3")
        if p.is_file() and "-damaged-" not in p.name
    ]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


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
        conn = migrate.connect_readonly(path)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise NotAStore(path, str(exc)) from exc
    if ok != "ok" or not {"alembic_version", "customers", "outbox"} <= tables:
        raise NotAStore(path)
    revision = migrate.current_revision(path)
    if revision is None:
        raise NotAStore(path)
    return revision


def restore_from(store: Path, source: Path, aside_dir: Path, *, damaged: bool = False) -> Path:
    """Replaces the store with a backup; the current store is kept aside, never overwritten.

    The caller must have closed every connection to ``store``. Returns where the previous
    store was put. A ``damaged`` store (one SQLite cannot read, or a foreign file) is moved
    aside as it is, byte for byte, with its side files; a healthy one is copied.

    Raises:
        NotAStore: ``source`` is not a SalesDesk store; nothing was changed.
        StoreTooNew: ``source`` comes from a newer SalesDesk; nothing was changed.
    """
    revision = check_store_file(source)
    if revision != migrate.HEAD_REVISION and revision not in migrate.known_revisions():
        raise StoreTooNew(revision)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kind = "damaged" if damaged else "replaced"
    aside = aside_dir / f"{store.stem}-{kind}-{stamp}.sqlite3"
    incoming = store.with_name(store.name + ".incoming")
    if incoming.exists():
        incoming.unlink()
    migrate.backup_copy(source, incoming)
    if store.exists() and damaged:
        aside_dir.mkdir(parents=True, exist_ok=True)
        os.replace(store, aside)
    elif store.exists():
        migrate.backup_copy(store, aside)
    for suffix in ("-wal", "-shm"):
        side = store.with_name(store.name + suffix)
        if side.exists() and damaged:
            os.replace(side, aside.with_name(aside.name + suffix))
        elif side.exists():
            side.unlink()
    os.replace(incoming, store)
    if revision != migrate.HEAD_REVISION:
        migrate.upgrade(store, aside_dir)
    return aside
