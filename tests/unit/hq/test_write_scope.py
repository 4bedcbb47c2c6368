"""Who may see and write which rows in a write transaction (``hq/write_scope.py``), in-process
against HQ's SQLite database."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from salesdesk.domain.people import Role
from salesdesk.hq import admin, schema
from salesdesk.hq.accounts import Actor
from salesdesk.hq.db import Database
from salesdesk.hq.writes import WriteTx
from salesdesk.sync.protocol import RejectCode
from tests.hqtest.server import CHEAP_HASHER


def _people(db: Database) -> dict[str, Actor]:
    people = {}
    for name, role in (("zhang", Role.SALES), ("li", Role.SALES), ("wang", Role.HQ)):
        user_id = admin.add_user(db, CHEAP_HASHER, name, f"{name}-password", role=role)
        people[name] = Actor(user_id, name, role)
    return people


def _customer_of(db: Database, owner: Actor) -> uuid.UUID:
    customer = uuid.uuid4()
    with db.write() as conn:
        tx = WriteTx.begin(conn, admin.SYSTEM)
        tx.put("customers", customer, {"name": "墙煌建材有限公司", "assigned_to_id": owner.user_id})
        tx.put("contacts", uuid.uuid4(), {"customer_id": customer, "name": "王工"})
        tx.flush()
    return customer


def test_a_salesperson_sees_their_customers_rows_and_company_wide_ones(hq_db: Database) -> None:
    people = _people(hq_db)
    customer = _customer_of(hq_db, people["zhang"])
    with hq_db.read() as conn:
        contact = conn.execute(select(schema.ENTITY_TABLES["contacts"].c.id)).scalar_one()
    for who, sees in (("zhang", True), ("li", False), ("wang", True)):
        with hq_db.write() as conn:
            tx = WriteTx.begin(conn, people[who])
            for entity, row_id in (("customers", customer), ("contacts", contact)):
                row = tx.get(entity, row_id)
                assert row is not None and tx.visible(row) is sees, (who, entity)
            user = tx.get("users", people["zhang"].user_id)
            assert user is not None and tx.visible(user)


def test_a_change_made_before_a_reassignment_reached_the_laptop_is_still_theirs(
    hq_db: Database,
) -> None:
    people = _people(hq_db)
    customer = _customer_of(hq_db, people["zhang"])
    admin.assign(hq_db, customer, "li")
    with hq_db.read() as conn:
        moved_at = conn.execute(select(schema.assignment_event.c.version)).scalar_one()
    with hq_db.write() as conn:
        tx = WriteTx.begin(conn, people["zhang"])
        row = tx.get("customers", customer)
        assert row is not None and not tx.visible(row)
        tx.access.seen = moved_at - 1  # made offline, before the laptop pulled the move
        assert tx.writable(row)
        tx.access.seen = moved_at  # made after the laptop knew
        assert not tx.writable(row)
        refusal = tx.access.not_theirs("customers", customer)
        assert refusal.code is RejectCode.REASSIGNED and refusal.gone
        tx.access.seen = None  # a laptop that does not say what it had pulled
        assert not tx.writable(row)
        assert tx.access.not_theirs("customers", customer).code is None
