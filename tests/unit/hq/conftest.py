"""HQ in-process: its SQLite database, migrated once per session and copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from salesdesk.hq.accounts import Settings
from salesdesk.hq.db import Database, migrate, open_database
from tests.hqtest.server import CHEAP_HASHER


@pytest.fixture(scope="session")
def hq_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hq-unit-template") / "hq.sqlite3"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture
def hq_db(tmp_path: Path, hq_template: Path) -> Iterator[Database]:
    """A fresh, migrated HQ database on SQLite, opened as HQ opens it."""
    path = tmp_path / "hq.sqlite3"
    shutil.copy(hq_template, path)
    db = open_database(f"sqlite:///{path}", pool_size=2)
    yield db
    db.dispose()


@pytest.fixture
def settings() -> Settings:
    return Settings(hasher=CHEAP_HASHER)
