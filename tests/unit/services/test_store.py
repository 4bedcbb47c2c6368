from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from salesdesk.db import migrate
from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import CustomerQuery
from salesdesk.services.store import NotAStore, StoreTooNew, backup_to, prepare, restore_from


def test_head_constant_matches_alembic() -> None:
    assert migrate.alembic_head() == migrate.HEAD_REVISION


def test_prepare_creates_and_then_is_a_no_op(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    first = prepare(store, tmp_path / "backups")
    assert first.created and first.backup is None
    second = prepare(store, tmp_path / "backups")
    assert not second.created and second.migrated_from is None
    conn = sqlite3.connect(store)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_refuses_a_store_from_a_newer_version(tmp_path: Path, template_store: Path) -> None:
    store = tmp_path / "s.sqlite3"
    shutil.copy(template_store, store)
    conn = sqlite3.connect(store)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    before = store.read_bytes()
    with pytest.raises(StoreTooNew):
        prepare(store, tmp_path / "backups")
    assert store.read_bytes() == before


def test_backup_and_restore_keep_the_current_store_aside(
    demo_data_dir: Path, tmp_path: Path
) -> None:
    store = demo_data_dir / "salesdesk.sqlite3"
    backup = tmp_path / "copy.sqlite3"
    backup_to(store, backup)
    assert CustomerBrowser(backup).count(CustomerQuery()) == 200

    conn = sqlite3.connect(store)
    conn.execute("UPDATE customers SET deleted_at = '2026-01-01 00:00:00' WHERE rowid % 2 = 0")
    conn.commit()
    conn.close()
    assert CustomerBrowser(store).count(CustomerQuery()) == 100

    aside = restore_from(store, backup, demo_data_dir / "backups")
    assert CustomerBrowser(store).count(CustomerQuery()) == 200
    assert CustomerBrowser(aside).count(CustomerQuery()) == 100


def test_restore_refuses_a_file_that_is_not_a_store(demo_data_dir: Path, tmp_path: Path) -> None:
    store = demo_data_dir / "salesdesk.sqlite3"
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database")
    before = CustomerBrowser(store).count(CustomerQuery())
    with pytest.raises(NotAStore):
        restore_from(store, junk, demo_data_dir / "backups")
    assert CustomerBrowser(store).count(CustomerQuery()) == before
