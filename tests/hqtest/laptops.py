"""A laptop in tests: a migrated store (copied from a template), its sync store and client."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from salesdesk.db.models import SYNCED_MODELS, Customer, SyncConflict
from salesdesk.db.session import create_store_engine, session_factory, unit_of_work
from salesdesk.domain.entities import ENTITY, ENTITY_RANK, Scope
from salesdesk.domain.wire import encode
from salesdesk.hq import schema
from salesdesk.hq.db import Database
from salesdesk.sync.laptop.http import HQClient
from salesdesk.sync.laptop.loop import SyncReport, sync
from salesdesk.sync.laptop.store import LocalStore

MODELS = {m.__sync_entity__: m for m in SYNCED_MODELS}

View = dict[str, dict[uuid.UUID, dict[str, Any]]]


class Laptop:
    def __init__(
        self,
        template: Path,
        path: Path,
        base_url: str,
        *,
        transport: httpx.BaseTransport | None = None,
        ca_file: Path | None = None,
    ) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(template, path)
        self.path = path
        self.attachments = path.with_name(f"{path.stem}-attachments")
        self.engine = create_store_engine(path)
        self.factory = session_factory(self.engine)
        self.store = LocalStore(self.engine)
        self.client = HQClient(base_url, transport=transport, ca_file=ca_file, timeout=10)
        self.user_id: uuid.UUID | None = None
        self.username = ""

    def login(self, username: str, password: str) -> None:
        result = self.client.login(username, password, device="test")
        self.store.bind_user(result.user_id, result.username)
        self.user_id = result.user_id
        self.username = result.username

    def use_token(self, token: str, user_id: uuid.UUID, username: str) -> None:
        """Uses a token from an earlier login (templates are made logged in once)."""
        self.client.token = token
        self.user_id = user_id
        self.username = username

    def sync(self, **kwargs: Any) -> SyncReport:
        kwargs.setdefault("attachments", self.attachments)
        return sync(self.client, self.store, **kwargs)

    def edit(self, fn: Callable[[Any], Any]) -> Any:
        with unit_of_work(self.factory) as session:
            return fn(session)

    def view(self) -> View:
        """Every synced row as wire values (what the server would send)."""
        out: View = {}
        with self.factory() as session:
            for name, model in MODELS.items():
                spec = ENTITY[name]
                rows = session.scalars(select(model)).all()
                out[name] = {
                    r.id: {f.name: encode(getattr(r, f.name)) for f in spec.fields} for r in rows
                }
        return out

    def conflicts(self) -> list[SyncConflict]:
        with self.factory() as session:
            return list(session.scalars(select(SyncConflict)).all())

    def close(self) -> None:
        self.client.close()
        self.engine.dispose()


def server_view(db: Database, user_id: uuid.UUID | None) -> View:
    """What HQ holds for a user (``None``: HQ staff, everything), read straight from its tables.

    Independent of the pull code on purpose: scope is recomputed here from parent links.
    """
    out: View = {}
    with db.read() as conn:
        mine: set[uuid.UUID] | None = None
        if user_id is not None:
            c = schema.customers
            mine = set(conn.execute(select(c.c.id).where(c.c.assigned_to_id == user_id)).scalars())
        owner_of: dict[tuple[str, uuid.UUID], uuid.UUID | None] = {}
        for spec in sorted(ENTITY.values(), key=lambda e: ENTITY_RANK[e.name]):
            table = schema.ENTITY_TABLES[spec.name]
            rows = {}
            for rec in conn.execute(select(table)).mappings():
                if spec.scope is Scope.GLOBAL:
                    cust = None
                elif spec.scope is Scope.CUSTOMER:
                    cust = rec["id"]
                else:
                    assert spec.parent_entity and spec.parent_field
                    cust = owner_of.get((spec.parent_entity, rec[spec.parent_field]))
                owner_of[(spec.name, rec["id"])] = cust
                if mine is not None and cust is not None and cust not in mine:
                    continue
                rows[rec["id"]] = {f.name: encode(rec[f.name]) for f in spec.fields}
            out[spec.name] = rows
    return out


def new_customer(laptop: Laptop, name: str = "苏州墙煌建材有限公司", **extra: Any) -> uuid.UUID:
    """A customer the laptop's salesperson makes (theirs unless ``assigned_to_id`` says)."""

    def make(session: Any) -> uuid.UUID:
        extra.setdefault("assigned_to_id", laptop.user_id)
        customer = Customer(name=name, **extra)
        session.add(customer)
        session.flush()
        return customer.id

    return laptop.edit(make)


def set_field(laptop: Laptop, model: Any, row_id: uuid.UUID, **values: Any) -> None:
    """Edits a row in the laptop's store, as its pages do (the change goes to the outbox)."""

    def change(session: Any) -> None:
        row = session.get(model, row_id)
        for key, value in values.items():
            setattr(row, key, value)

    laptop.edit(change)


def hq_row(db: Database, entity: str, row_id: uuid.UUID) -> Any:
    """The row as HQ holds it (a mapping of its columns), or ``None``."""
    table = schema.ENTITY_TABLES[entity]
    with db.read() as conn:
        return conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
