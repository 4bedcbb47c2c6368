"""Shared fixtures. Qt runs offscreen; every test gets its own store, copied from a template
migrated once per session (STYLE.md: keeps the suite fast)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never touch a real keychain: by default the machine "has no keyring" (as CI's bare
# Debian); tests of the keyring path install tests/memory_keyring.py's backend explicitly.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

import pytest

if TYPE_CHECKING:
    from sqlalchemy.orm import sessionmaker

    from salesdesk.db.session import LocalSession


def backup_copy(source: Path, target: Path) -> None:
    """Copies a store consistently (a plain file copy can miss what is still in its WAL)."""
    from salesdesk.db.migrate import backup_copy as copy

    copy(source, target)
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from salesdesk.db import migrate

    path = tmp_path_factory.mktemp("template") / "salesdesk.sqlite3"
    migrate.upgrade(path, path.parent / "backups")
    return path


@pytest.fixture(scope="session")
def template_demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the demo data (200 customers), seeded once per session."""
    from salesdesk.services.store import prepare

    path = tmp_path_factory.mktemp("demo-template") / "salesdesk.sqlite3"
    prepare(path, path.parent / "backups", demo=True)
    return path


@pytest.fixture
def data_dir(tmp_path: Path, template_store: Path) -> Path:
    """A data directory holding an empty, migrated store."""
    directory = tmp_path / "data"
    directory.mkdir()
    backup_copy(template_store, directory / "salesdesk.sqlite3")
    return directory


@pytest.fixture
def demo_data_dir(tmp_path: Path, template_demo_store: Path) -> Path:
    directory = tmp_path / "demo-data"
    directory.mkdir()
    backup_copy(template_demo_store, directory / "salesdesk.sqlite3")
    return directory


@pytest.fixture
def store(data_dir: Path) -> Path:
    return data_dir / "salesdesk.sqlite3"


@pytest.fixture
def factory(store: Path) -> Iterator[sessionmaker[LocalSession]]:
    from salesdesk.db.session import create_store_engine, session_factory

    engine = create_store_engine(store)
    yield session_factory(engine)
    engine.dispose()
