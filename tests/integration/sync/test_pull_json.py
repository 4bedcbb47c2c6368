"""On PostgreSQL a pull page's rows are written as JSON by the database; they must say exactly
what the Python encoder (``domain/wire.py``) says, for every field of every entity."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, update

from salesdesk.domain.entities import ENTITIES, FieldSpec, Kind
from salesdesk.domain.people import Role
from salesdesk.hq import schema
from salesdesk.hq.accounts import Actor
from salesdesk.hq.pull import read_page
from salesdesk.hq.pull_json import GLOBAL_ENTITIES
from salesdesk.sync.protocol import Cursor, PullRequest

TRICKY_TEXT = 'quote " backslash \\ newline \n tab \t bell \x07 汉字 emoji 🚚'


def _value(f: FieldSpec, variant: int, refs: dict[str, uuid.UUID]) -> Any:
    if f.ref is not None:
        return refs.get(f.ref) if variant or not f.nullable else None
    if f.nullable and variant == 2:
        return None
    match f.kind:
        case Kind.STR | Kind.TEXT:
            text = TRICKY_TEXT if variant else ""
            return text[: f.max_len] if f.max_len else text
        case Kind.INT:
            return (-7, 0, 123456789)[variant]
        case Kind.BOOL:
            return variant == 1
        case Kind.DECIMAL:
            return (Decimal("-0.5"), Decimal("12345.6"), Decimal(0))[variant]
        case Kind.DATE:
            return (date(999, 1, 2), date(2026, 11, 24), date(2024, 2, 29))[variant]
        case Kind.DATETIME:
            return (
                datetime(2026, 11, 24, 1, 2, 3, tzinfo=UTC),  # no microseconds: no fraction
                datetime(2026, 11, 24, 23, 59, 59, 120, tzinfo=UTC),
                datetime(1999, 12, 31, 0, 0, 0, 999999, tzinfo=UTC),
            )[variant]
        case Kind.STR_LIST:
            return ([], ["a", 'b "c"', "标签"], ["x"])[variant]
        case Kind.UUID:
            return uuid.UUID(int=variant + 1)
    raise AssertionError(f.kind)


def _rows_of_every_entity(pg_db) -> list[uuid.UUID]:
    """Three rows of each entity (empty, full and null values), shared with everyone;
    their ids in version order."""
    refs: dict[str, uuid.UUID] = {}
    index: list[uuid.UUID] = []
    with pg_db.write() as conn:
        for spec in ENTITIES:  # parents come before their children
            for variant in range(3):
                row_id = uuid.uuid4()
                values = {f.name: _value(f, variant, refs) for f in spec.fields}
                for f in spec.fields:
                    if f.unique and values[f.name] is not None:
                        values[f.name] = f"{variant}-{values[f.name]}"[: f.max_len]
                conn.execute(
                    insert(schema.ENTITY_TABLES[spec.name]),
                    {"id": row_id, **values, "stamps": {}},
                )
                refs.setdefault(spec.name, row_id)
                # Low versions: below any transaction id, so visible to every pull.
                version = 1 + len(index)
                conn.execute(insert(schema.sync_row), {
                    "entity": spec.name, "row_id": row_id, "version": version,
                    "customer_id": None,
                })
                index.append(row_id)
    return index


def test_database_written_rows_equal_the_python_encoding(pg_db):
    index = _rows_of_every_entity(pg_db)
    hq = Actor(uuid.uuid4(), "hq", Role.HQ)
    for limit in (len(index), 5):  # one page, and pages that end mid-version list
        by_python, by_database = _pages(pg_db, hq, limit, as_json=False), _pages(
            pg_db, hq, limit, as_json=True
        )
        # The last cursor is the committed version at that moment, which any transaction
        # elsewhere in the cluster (autovacuum, another test run) may move on between the two.
        assert [p.cursor for p in by_database[:-1]] == [p.cursor for p in by_python[:-1]]
        for last in (by_database[-1].cursor, by_python[-1].cursor):
            assert last.entity is None and last.id is None and last.version >= len(index)
        assert [p.has_more for p in by_database] == [p.has_more for p in by_python]
        rows_py = [r for p in by_python for r in p.rows]
        texts = [t for p in by_database for t in _split(p.json_rows)]
        assert len(texts) == len(rows_py) == 3 * len(ENTITIES)
        assert [uuid.UUID(json.loads(t)["id"]) for t in texts] == index
        for (entity, row_id, version, fields), text in zip(rows_py, texts, strict=True):
            expected = {
                "entity": entity, "id": str(row_id), "version": version,
                "deleted": fields.get("deleted_at") is not None, "fields": fields,
            }
            assert json.loads(text) == expected, entity
            # Field by field, the very same JSON text (decimals, times, escapes).
            got_fields = json.loads(text)["fields"]
            for name, value in fields.items():
                assert json.dumps(got_fields[name]) == json.dumps(value), (entity, name)
        # Company-wide rows kept rendered: the same texts written, then the same taken.
        rendered: dict = {}
        for _ in range(2):
            kept = _pages(pg_db, hq, limit, as_json=True, rendered=rendered)
            assert [t for p in kept for t in _split(p.json_rows)] == texts
            assert {key[0] for key in rendered} == GLOBAL_ENTITIES
            assert len(rendered) == 3 * len(GLOBAL_ENTITIES)


def test_company_wide_rows_are_written_once_per_version(pg_db):
    """A kept text is served instead of asking the database, until the row's version moves."""
    index = _rows_of_every_entity(pg_db)
    hq = Actor(uuid.uuid4(), "hq", Role.HQ)
    rendered: dict = {}
    _pages(pg_db, hq, 1000, as_json=True, rendered=rendered)
    product = next(key for key in rendered if key[0] == "products")
    rendered[product] = '{"kept":true}'  # what the database would not write
    texts = [t for p in _pages(pg_db, hq, 1000, as_json=True, rendered=rendered)
             for t in _split(p.json_rows)]
    assert json.loads(texts[index.index(uuid.UUID(product[1]))]) == {"kept": True}

    product_id = uuid.UUID(product[1])
    with pg_db.write() as conn:  # a new version of the product, as an HQ write makes one
        products = schema.ENTITY_TABLES["products"]
        conn.execute(update(products).where(products.c.id == product_id).values(name="新名字"))
        conn.execute(update(schema.sync_row).where(schema.sync_row.c.row_id == product_id)
                     .values(version=len(index) + 1))
    texts = [t for p in _pages(pg_db, hq, 1000, as_json=True, rendered=rendered)
             for t in _split(p.json_rows)]
    fresh = json.loads(texts[-1])
    assert fresh["id"] == product[1] and fresh["version"] == len(index) + 1
    assert fresh["fields"]["name"] == "新名字"


def _pages(db, actor, limit, *, as_json, rendered=None):
    pages, cursor = [], Cursor(version=0)
    while True:
        with db.read() as conn:
            page = read_page(
                conn, actor, PullRequest(client_id=uuid.uuid4(), cursor=cursor, limit=limit),
                as_json=as_json, rendered=rendered,
            )
        pages.append(page)
        cursor = page.cursor
        if not page.has_more:
            return pages


def _split(json_rows: list[str]) -> list[str]:
    """The page's rows, one JSON text each (the database sends them comma-joined)."""
    return [json.dumps(row) for text in json_rows for row in json.loads(f"[{text}]")]


def _plans(conn, start: str) -> tuple[int, int]:
    """(generic, custom) plans so far of this connection's prepared statement ``start...``."""
    return conn.exec_driver_sql(
        "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
        (start + "%",),
    ).one()


def test_the_index_statement_is_planned_for_each_pull(pg_db):
    """PostgreSQL plans a prepared statement generically after five runs if that looks no
    dearer; for the page's index statement the generic plan ran 20-26 ms against 5-8 ms (a
    new salesperson's first pull), so a pull that reads a page plans it for the values at
    hand. The rows statement after it (ids from arrays) keeps a cached generic plan: planning
    it anew cost each pull ~1 ms."""
    _rows_of_every_entity(pg_db)
    hq = Actor(uuid.uuid4(), "hq", Role.HQ)
    with pg_db.read() as conn:
        for _ in range(8):
            read_page(conn, hq, PullRequest(client_id=uuid.uuid4(), cursor=Cursor(version=0)),
                     as_json=True)
        assert _plans(conn, "SELECT q.entity") == (0, 8)
        generic, custom = _plans(conn, "SELECT string_agg")
    assert generic > 0 and generic + custom == 8
