"""Before a local schema migration the outbox goes to HQ (docs/SYNC.md), and if HQ cannot be
reached the migration still keeps every unsent change."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from salesdesk.db import migrate
from salesdesk.domain.ids import uuid7
from salesdesk.hq import admin
from salesdesk.hq.db import migrate as migrate_hq
from salesdesk.hq.db import open_database
from salesdesk.secrets import SecretStore
from salesdesk.services.store import prepare
from salesdesk.services.sync import drain_outbox, token_key
from salesdesk.settings import Settings
from salesdesk.sync.laptop.http import HQClient
from tests.hqtest.server import CHEAP_HASHER, process_server

FIRST = "0001_initial"


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[tuple[str, str]]:
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    migrate_hq(url)
    db = open_database(url)
    admin.add_user(db, CHEAP_HASHER, "wang", "pw-wang-123", display_name="王")
    db.dispose()
    with process_server(url) as base:
        yield base, url


def old_store_with_an_unsent_customer(tmp_path: Path) -> tuple[Path, str]:
    """A store at the first revision whose outbox holds the creation of one customer."""
    store = tmp_path / "laptop.sqlite3"
    migrate.upgrade(store, tmp_path / "backups", target=FIRST)
    cid = uuid7()
    conn = sqlite3.connect(store)
    now = "2026-11-20 08:00:00.000000"
    conn.execute(
        "INSERT INTO customers (id, name, short_name, name_key, sort_key, category, sales_12m,"
        " industry, region, province, city, address, phone, email, website, credit_terms, tags,"
        " notes, created_at, updated_at, server_version) VALUES (?, '迁移前新建有限公司', '', "
        "'迁移前新建', '', 'ordinary', 0, '', '', '', '', '', '', '', '', '', '[]', '', ?, ?, 0)",
        (cid.hex, now, now))
    changes = {"name": "迁移前新建有限公司", "name_key": "迁移前新建", "category": "ordinary",
               "tags": []}
    conn.execute(
        "INSERT INTO outbox (entity, row_id, op, changes, hlc, created_at) VALUES"
        " ('customers', ?, 'insert', ?, ?, ?)",
        (cid.hex, json.dumps(changes, ensure_ascii=False), "1795400000000-00000-laptop", now))
    conn.commit()
    conn.close()
    return store, str(cid)


def test_outbox_is_sent_before_the_migration(hq: tuple[str, str], tmp_path: Path) -> None:
    base, hq_url = hq
    store, _ = old_store_with_an_unsent_customer(tmp_path)
    with HQClient(base) as client:
        token = client.login("wang", "pw-wang-123").token
    settings = Settings(hq_url=base, hq_username="wang")
    secrets = SecretStore()
    secrets.set(token_key(base, "wang"), token)

    result = prepare(store, tmp_path / "backups",
                     before_upgrade=lambda path: drain_outbox(path, settings, secrets))

    assert result.drain_error == ""
    assert result.migrated_from == FIRST
    db = open_database(hq_url)
    with db.read() as conn:
        names = conn.execute(text("SELECT name FROM customers")).scalars().all()
    db.dispose()
    assert names == ["迁移前新建有限公司"]
    assert migrate.current_revision(store) == migrate.HEAD_REVISION


def test_unreachable_hq_does_not_block_the_migration_nor_lose_the_outbox(tmp_path: Path) -> None:
    store, cid = old_store_with_an_unsent_customer(tmp_path)
    settings = Settings(hq_url="http://127.0.0.1:9", hq_username="wang")
    secrets = SecretStore()
    secrets.set(token_key(settings.hq_url, "wang"), "some-token")

    result = prepare(store, tmp_path / "backups",
                     before_upgrade=lambda path: drain_outbox(path, settings, secrets))

    assert "HQUnreachable" in result.drain_error
    assert migrate.current_revision(store) == migrate.HEAD_REVISION
    conn = sqlite3.connect(store)
    rows = conn.execute("SELECT entity, op, row_id FROM outbox").fetchall()
    assert rows == [("customers", "insert", cid.replace("-", ""))]
