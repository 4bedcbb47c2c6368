"""A pull page's rows as JSON texts written by PostgreSQL, not built by Python.

:func:`rows_json` sends each entity's ids, versions and places as three arrays and gets the
page back as one string of comma-separated :class:`~salesdesk.sync.protocol.RowState`
objects; :func:`row_json_sql` writes each field exactly as :func:`salesdesk.domain.wire.encode`
does (``tests/integration/sync/test_pull_json.py`` compares them for every kind of field).
Company-wide rows, the same for everyone, are kept rendered per version (``Database.rendered``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, TextClause, text

from salesdesk.domain.entities import ENTITIES, ENTITY, Kind, Scope
from salesdesk.hq import schema
from salesdesk.hq.db import Rendered

GLOBAL_ENTITIES = frozenset(spec.name for spec in ENTITIES if spec.scope is Scope.GLOBAL)
RENDERED_LIMIT = 50_000
"""Rendered rows a worker keeps (~300 bytes each); past it, it starts again from none."""

_SEPARATOR = "\x1e"
"""Between the rows' texts as the database sends them, for Python to place each (kept texts
go between): a control character, which no row's JSON text holds unescaped."""


def rows_json(conn: Connection, index: Sequence[Any], rendered: Rendered | None = None) -> str:
    """The page's rows as PostgreSQL writes them: one text of comma-separated JSON objects
    (a :class:`RowState` each) in the index's order.

    Python builds no row: each entity's ids, versions and places go as three arrays, and a
    5,000-row page comes back as one string. ``index``: (entity, id as text, version) rows,
    as the pull's index query gives them with ``text_ids``.

    Company-wide rows (the people, the catalogue) are the same for every salesperson, and
    every new laptop pulls them all: with ``rendered`` their texts are written once per
    version and then taken from it. A row's text changes only with its version (every write
    gives the row the writing transaction's version), so a kept text is never stale.
    """
    entities, ids, versions = zip(*index, strict=True)
    cache = None if GLOBAL_ENTITIES.isdisjoint(entities) else rendered
    docs: list[str] = [""] * len(index)
    places: dict[str, list[int]] = {}
    for pos, entity in enumerate(entities):
        if cache is not None and entity in GLOBAL_ENTITIES:
            doc = cache.get((entity, ids[pos], versions[pos]))
            if doc is not None:
                docs[pos] = doc
                continue
        places.setdefault(entity, []).append(pos)
    if not places:
        return ",".join(docs)
    names = tuple(sorted(places))
    params: dict[str, str] = {}
    for i, name in enumerate(names):  # array literals: psycopg's list dumper is ~0.6 us a value
        at = places[name]
        params[f"i{i}"] = "{" + ",".join([ids[p] for p in at]) + "}"
        params[f"v{i}"] = "{" + ",".join([str(versions[p]) for p in at]) + "}"
        params[f"p{i}"] = "{" + ",".join(map(str, at)) + "}"
    if cache is None:  # nothing to place: the database's text is the page (splitting and
        # joining a 5,000-row page again cost the initial sync ~10 %, measured)
        return str(conn.execute(rows_json_sql(names, ","), params).scalar_one())
    body = str(conn.execute(rows_json_sql(names, _SEPARATOR), params).scalar_one())
    wanted = sorted(pos for at in places.values() for pos in at)
    written = body.split(_SEPARATOR)
    assert len(written) == len(wanted), "a row's JSON text held the separator"
    if len(cache) + len(written) > RENDERED_LIMIT:
        cache.clear()
    for pos, doc in zip(wanted, written, strict=True):
        docs[pos] = doc
        if entities[pos] in GLOBAL_ENTITIES:
            cache[(entities[pos], ids[pos], versions[pos])] = doc
    return ",".join(docs)


@cache
def rows_json_sql(entities: tuple[str, ...], separator: str) -> TextClause:
    """The statement of :func:`rows_json` for a page holding rows of ``entities``, their
    texts joined by ``separator`` (one character): one branch per entity present, so
    PostgreSQL plans (once per connection, generically) only what it runs."""
    branches = " UNION ALL ".join(
        f"SELECT page.pos, {row_json_sql(name, 't')} AS doc"
        f" FROM unnest(CAST(:i{i} AS uuid[]), CAST(:v{i} AS bigint[]), CAST(:p{i} AS int[]))"
        f" AS page(row_id, version, pos)"
        f" JOIN {schema.ENTITY_TABLES[name].name} AS t ON t.id = page.row_id"
        for i, name in enumerate(entities)
    )
    glue = f"chr({ord(separator)})"
    return text(f"SELECT string_agg(doc, {glue} ORDER BY pos) FROM ({branches}) AS texts")


def row_json_sql(entity: str, alias: str) -> str:
    """The JSON text of one row of ``entity`` (aliased ``alias``, its version in ``page``),
    each field written exactly as :func:`salesdesk.domain.wire.encode` writes it (a test
    compares them for every kind of field).

    Concatenated text, not ``json_build_object``: that one looks up each argument's type on
    every row, and costs PostgreSQL ~60 % more per page.
    """
    spec = ENTITY[entity]
    fields = " || ',' || ".join(
        f"""'"{f.name}":' || {field_json_sql(f, f'{alias}."{f.name}"')}""" for f in spec.fields
    )
    return (
        f"""'{{"entity":"{entity}","id":"' || {alias}.id::text || '","version":' || """
        f"""page.version::text || ',"deleted":' || ({alias}.deleted_at IS NOT NULL)::text || """
        f"""',"fields":{{' || {fields} || '}}}}'"""
    )


def field_json_sql(f: Any, col: str) -> str:
    """One field's JSON text; ``null`` for NULL (a NULL would blank the whole row)."""
    if f.kind in (Kind.STR, Kind.TEXT):
        value = f"to_json({col})::text"
    elif f.kind in (Kind.INT, Kind.BOOL, Kind.STR_LIST):
        value = f"{col}::text"
    elif f.kind is Kind.UUID:
        value = f"""'"' || {col}::text || '"'"""
    elif f.kind is Kind.DATETIME:  # stored as naive UTC; isoformat() of the aware value
        value = (
            f"""'"' || to_char({col}, 'YYYY-MM-DD"T"HH24:MI:SS') || """
            f"CASE WHEN date_part('microseconds', {col})::bigint % 1000000 = 0 THEN '' "
            f"""ELSE to_char({col}, '.US') END || '+00:00"'"""
        )
    elif f.kind is Kind.DATE:
        value = f"""'"' || to_char({col}, 'YYYY-MM-DD') || '"'"""
    elif f.kind is Kind.DECIMAL:  # a scaled integer; str() of the quantized Decimal
        value = f"""'"' || round({col}::numeric / {10 ** f.scale}, {f.scale})::text || '"'"""
    else:
        raise AssertionError(f"no JSON for {f.kind}")
    return f"coalesce({value}, 'null')"
