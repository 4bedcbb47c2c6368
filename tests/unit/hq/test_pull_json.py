"""A pull page's body as HQ writes it without a model per row: what the protocol's models
read, each field as the domain's wire encoder writes it. (On PostgreSQL the database writes
the rows: ``tests/integration/sync/test_pull_json.py``.)"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select

from salesdesk.domain.entities import ENTITY
from salesdesk.domain.people import Role
from salesdesk.domain.wire import encode
from salesdesk.hq import admin, schema
from salesdesk.hq.accounts import issue_token
from salesdesk.hq.db import Database
from salesdesk.hq.pull import pull_json
from salesdesk.hq.pull_json import GLOBAL_ENTITIES, rows_json
from salesdesk.hq.writes import WriteTx
from salesdesk.sync.protocol import Cursor, PullPage, PullRequest
from tests.hqtest.server import CHEAP_HASHER

TRICKY = 'quote " backslash \\ newline \n 汉字 🚚'


def _hq_token(db: Database) -> str:
    user_id = admin.add_user(db, CHEAP_HASHER, "hq-staff", "hq-password-1", role=Role.HQ)
    with db.write() as conn:
        return issue_token(conn, user_id, "desk")[0]


def test_the_page_body_is_a_pull_page_with_every_field_as_wire_encodes_it(
    hq_db: Database,
) -> None:
    token = _hq_token(hq_db)
    customer, product = uuid.uuid4(), uuid.uuid4()
    with hq_db.write() as conn:
        tx = WriteTx.begin(conn, admin.SYSTEM)
        tx.put("customers", customer, {"name": TRICKY, "tags": ["甲", 'b "c"'],
                                       "visit_cadence_days": 14})
        tx.put("products", product, {"code": "P-1", "name": "热轧卷"})
        tx.flush()
        tx = WriteTx.begin(conn, admin.SYSTEM)
        tx.put("orders", uuid.uuid4(), {"customer_id": customer, "order_no": "SO-1",
                                        "amount": Decimal("12345.60"), "product_id": product,
                                        "order_date": datetime(2026, 12, 3, tzinfo=UTC).date()})
        tx.flush()

    body = pull_json(hq_db, token, PullRequest(client_id=uuid.uuid4(), cursor=Cursor(version=0)))

    text = body.decode()
    assert "汉字" in text and ", " not in text  # compact, and written as UTF-8, not escaped
    page = PullPage.model_validate_json(body)
    assert not page.has_more and page.cursor == Cursor(version=page.upper)
    sent = {(row.entity, row.id): row for row in page.rows}
    with hq_db.read() as conn:
        for entity in ("customers", "products", "orders"):
            table = schema.ENTITY_TABLES[entity]
            for rec in conn.execute(select(table)).mappings():
                row = sent[(entity, rec["id"])]
                assert row.fields == {n: encode(rec[n]) for n in ENTITY[entity].field_names}
                assert row.deleted is False
    raw = json.loads(body)["rows"]
    order = next(r for r in raw if r["entity"] == "orders")
    assert order["fields"]["amount"] == "12345.60" and order["fields"]["order_date"] == "2026-12-03"


def test_kept_texts_of_company_wide_rows_are_served_without_asking_the_database(
    hq_db: Database,
) -> None:
    assert {"users", "products"} <= GLOBAL_ENTITIES and "customers" not in GLOBAL_ENTITIES
    user, product = str(uuid.uuid4()), str(uuid.uuid4())
    rendered = {("products", product, 7): '{"p":1}', ("users", user, 3): '{"u":1}'}
    index = [("users", user, 3), ("products", product, 7)]
    with hq_db.read() as conn:  # SQLite: a query for rows' JSON would fail here
        assert rows_json(conn, index, rendered) == '{"u":1},{"p":1}'
