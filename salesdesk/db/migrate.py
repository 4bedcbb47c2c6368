"""Schema versions of the laptop store: check quickly, back up, then migrate.

Start-up must not pay for importing Alembic (≈ 120 ms) when nothing needs migrating, so
:func:`status` reads ``alembic_version`` with plain sqlite3 and compares it to
:data:`HEAD_REVISION`; a test keeps that constant equal to Alembic's head.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from salesdesk.kit.errors import KnownError

HEAD_REVISION = "0011_deleted_customers"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class StoreStatus(Enum):
    MISSING = "missing"  # no file or no tables: create it
    CURRENT = "current"
    OUTDATED = "outdated"  # an older revision we know: back up and upgrade
    TOO_NEW = "too_new"  # written by a newer SalesDesk: refuse
    FOREIGN = "foreign"  # an SQLite database of something else: never write into it


class StoreTooNew(KnownError):
    """The store was written by a newer SalesDesk; opening it could lose data."""

    code = "store.too_new"

    def __init__(self, revision: str) -> None:
        super().__init__(revision, revision=revision)
        self.revision = revision


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def connect_readonly(path: Path) -> sqlite3.Connection:
    """Reads a store without changing anything beside it.

    A read-only connection to a WAL store would create empty ``-wal`` and ``-shm`` files and
    leave them behind (it may not delete them). When there is no ``-wal`` or ``-journal``
    (the store was closed cleanly), nothing is pending outside the file, so it is read as
    immutable: no side files, no locks. Otherwise the side files already exist.
    """
    pending = any(path.with_name(path.name + s).exists() for s in ("-wal", "-journal"))
    flags = "mode=ro" if pending else "mode=ro&immutable=1"
    return sqlite3.connect(f"file:{path}?{flags}", uri=True)


def current_revision(path: Path) -> str | None:
    """The store's schema revision; None for no file or no ``alembic_version`` table.

    Raises:
        sqlite3.DatabaseError: the file is not an SQLite database, or is damaged.
    """
    if not path.exists():
        return None
    conn = connect_readonly(path)
    try:
        row = conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if row is None:
            return None
        rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(rev[0]) if rev else None
    finally:
        conn.close()


def _has_tables(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    conn = connect_readonly(path)
    try:
        return bool(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0)
    finally:
        conn.close()


def _alembic_config(path: Path) -> object:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(Path("unused")))  # type: ignore[arg-type]  # a Config
    return {rev.revision for rev in script.walk_revisions()}


def alembic_head() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(Path("unused")))  # type: ignore[arg-type]  # a Config
    head = script.get_current_head()
    assert head is not None
    return head


def status(path: Path) -> StoreStatus:
    rev = current_revision(path)
    if rev is None:
        return StoreStatus.FOREIGN if _has_tables(path) else StoreStatus.MISSING
    if rev == HEAD_REVISION:
        return StoreStatus.CURRENT
    if rev in known_revisions():
        return StoreStatus.OUTDATED
    return StoreStatus.TOO_NEW


def backup_copy(source: Path, target: Path) -> None:
    """A consistent copy of a live store with SQLite's online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def upgrade(path: Path, backup_dir: Path, target: str = "head") -> MigrationResult:
    """Brings the store to ``target``; backs up an existing store first; refuses newer ones."""
    from alembic import command

    before = current_revision(path)
    if before is not None and before != HEAD_REVISION and before not in known_revisions():
        raise StoreTooNew(before)
    backup = None
    if before is not None and before != HEAD_REVISION:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = backup_dir / f"{path.stem}-before-{HEAD_REVISION}-{stamp}.sqlite3"
        backup_copy(path, backup)
    path.parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(_alembic_config(path), target)  # type: ignore[arg-type]  # a Config
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA journal_mode = WAL")  # persistent: every later opener uses WAL
    finally:
        conn.close()
    after = current_revision(path)
    assert after is not None
    return MigrationResult(before, after, backup)
