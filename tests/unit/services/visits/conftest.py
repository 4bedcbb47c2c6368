"""A visit service over an empty store with a clock the test moves, and a customer or two."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from salesdesk.db.models import Contact, Customer, Visit
from salesdesk.db.session import unit_of_work
from salesdesk.domain.due import SHANGHAI
from salesdesk.domain.tiers import Cadence
from salesdesk.services.visits.plans import VisitService


@dataclass
class Clock:
    at: datetime

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


# 10:00 in Shanghai on Thursday 3 December 2026.
NOW = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


def local(y: int, m: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=SHANGHAI)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def visits(factory, clock: Clock) -> VisitService:
    return VisitService(factory, Cadence(14, 30, 90), SHANGHAI, now=clock)


@dataclass
class Book:
    customer: uuid.UUID
    wang: uuid.UUID
    li: uuid.UUID


def add_customer(factory, name: str, *, tier: str | None = "A", address: str = "",
                 created: datetime = NOW - timedelta(days=400),
                 cadence: int | None = None) -> uuid.UUID:
    with unit_of_work(factory) as session:
        c = Customer(name=name, tier=tier, address=address, created_at=created,
                     visit_cadence_days=cadence)
        session.add(c)
        session.flush()
        return c.id


def add_done_visit(factory, customer: uuid.UUID, at: datetime) -> uuid.UUID:
    with unit_of_work(factory) as session:
        v = Visit(customer_id=customer, starts_at=at, visited_at=at, status="done")
        session.add(v)
        session.flush()
        return v.id


@pytest.fixture
def book(factory) -> Book:
    cid = add_customer(factory, "墙煌建材有限公司", address="杭州市余杭区星桥街道 18 号")
    with unit_of_work(factory) as session:
        wang = Contact(customer_id=cid, name="王小明", email="wang@qh.example")
        li = Contact(customer_id=cid, name="李娜")
        session.add_all([wang, li])
        session.flush()
        return Book(cid, wang.id, li.id)


def store_rows(store: Path, sql: str, *args: object) -> list[tuple]:
    import sqlite3

    conn = sqlite3.connect(store)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()
