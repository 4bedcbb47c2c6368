"""A real HQ server process on loopback, once with SQLite and once with PostgreSQL.

PostgreSQL comes from ``scripts/pg.sh`` (or ``SALESDESK_TEST_PG_URL``); each test module gets
a throwaway database. Without PostgreSQL the PostgreSQL half is skipped locally and fails on CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from salesdesk.domain.people import Role
from salesdesk.hq import admin
from salesdesk.hq.db import Database, migrate, open_database
from tests.hqtest.laptops import Laptop
from tests.hqtest.pg import drop_database
from tests.hqtest.server import CHEAP_HASHER, REPO, process_server


@pytest.fixture(scope="session")
def pg_url() -> str:
    url = os.environ.get("SALESDESK_TEST_PG_URL")
    if not url:
        try:
            url = subprocess.run(
                ["bash", str(REPO / "scripts" / "pg.sh")], check=True, capture_output=True,
                text=True, timeout=120,
            ).stdout.strip().splitlines()[-1]
        except (subprocess.SubprocessError, OSError, IndexError) as exc:
            if os.environ.get("CI"):
                raise
            pytest.skip(f"no PostgreSQL ({exc})")
        os.environ["SALESDESK_TEST_PG_URL"] = url
    return url


def fresh_pg_database(pg_url: str) -> tuple[str, Callable[[], None]]:
    """A new empty database next to ``pg_url``; returns its URL and a function that drops it."""
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(pg_url)
    name = f"salesdesk_t_{uuid.uuid4().hex[:12]}"
    plain = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(plain, autocommit=True) as conn:
            drop_database(conn, name)

    return base.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    """HQ's database on a fresh, migrated PostgreSQL database, opened as HQ opens it."""
    url, drop = fresh_pg_database(pg_url)
    migrate(url)
    db = open_database(url)
    yield db
    db.dispose()
    drop()


@pytest.fixture(scope="session")
def hq_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hq-template") / "hq.sqlite3"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hq_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
    hq_sqlite_template: Path,
) -> Iterator[str]:
    """An HQ database, migrated; one per test module and backend."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("hq") / "hq.sqlite3"
        shutil.copy(hq_sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    url, drop = fresh_pg_database(request.getfixturevalue("pg_url"))
    migrate(url)
    yield url
    drop()


@pytest.fixture(scope="module")
def hq_db(hq_url: str) -> Iterator[Database]:
    """The same database as the server's, for setting up users and checking what HQ holds."""
    db = open_database(hq_url, pool_size=2)
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def hq(hq_url: str) -> Iterator[str]:
    """Base URL of a real ``salesdesk-hq serve`` process on loopback."""
    with process_server(hq_url) as base:
        yield base


class Accounts:
    """Makes uniquely named users, so tests sharing one server never collide."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def make(self, role: Role = Role.SALES) -> tuple[str, str, uuid.UUID]:
        username = f"{role.value}-{uuid.uuid4().hex[:8]}"
        password = f"pw-{uuid.uuid4().hex}"
        user_id = admin.add_user(self.db, CHEAP_HASHER, username, password, role=role)
        return username, password, user_id


@pytest.fixture(scope="module")
def accounts(hq_db: Database) -> Accounts:
    return Accounts(hq_db)


@pytest.fixture
def laptops(
    tmp_path: Path, template_store: Path, hq: str, accounts: Accounts
) -> Iterator[Callable[..., Laptop]]:
    """``laptops(role)`` gives a laptop logged in as a new user of that role."""
    made: list[Laptop] = []

    def make(role: Role = Role.SALES, **kwargs: object) -> Laptop:
        username, password, _ = accounts.make(role)
        laptop = Laptop(template_store, tmp_path / f"laptop-{len(made)}.sqlite3", hq,
                        **kwargs)  # type: ignore[arg-type]  # the caller's Laptop options
        laptop.login(username, password)
        laptop.password = password  # type: ignore[attr-defined]  # kept for a test that logs in again
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.close()


def synced_laptop(laptops: Callable[..., Laptop], role: Role) -> Laptop:
    """A new laptop of ``role``, synced once; ``laptop.role`` says which."""
    laptop = laptops(role)
    laptop.role = role  # type: ignore[attr-defined]
    laptop.sync()
    return laptop


@pytest.fixture
def sales(laptops: Callable[..., Laptop]) -> Laptop:
    """A salesperson's laptop, synced."""
    return synced_laptop(laptops, Role.SALES)


@pytest.fixture
def office(laptops: Callable[..., Laptop]) -> Laptop:
    """HQ's office laptop (an HQ user: sees everything), synced."""
    return synced_laptop(laptops, Role.HQ)
