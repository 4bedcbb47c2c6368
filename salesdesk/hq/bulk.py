"""Writing many rows in one statement: PostgreSQL gets one array per column, SQLite executemany.

SQLAlchemy's executemany on psycopg 3 sends one pipelined statement per row (~0.1 ms of Python
each), and its multi-row ``VALUES`` form makes a new statement text for every batch size that
both psycopg and PostgreSQL must parse again. Here each column travels as one array and the
statement text depends only on the table::

    INSERT INTO t (a, b) SELECT u.a, u.b::json FROM unnest(%(a)s::uuid[], %(b)s::text[]) AS u(a, b)
    UPDATE t SET b = u.b::json FROM unnest(...) AS u(id, b) WHERE t.id = u.id

so PostgreSQL prepares it once per connection. Values go through each column type's own bind
processor first (naive UTC timestamps, scaled decimals), exactly as SQLAlchemy would send them;
JSON travels as text and is cast on the server.

SQLite's ``executemany`` is already cheap (in-process, one prepared statement), so there the
functions are plain SQLAlchemy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import ARRAY, JSON, Column, Connection, Table, any_, bindparam, insert, update
from sqlalchemy.engine import Dialect


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Inserts ``rows`` (dicts with the same keys) into ``table``."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), list(rows))
        return
    names = tuple(rows[0])
    sql = _insert_sql(table, names, conn.dialect)
    conn.exec_driver_sql(sql, _arrays(conn.dialect, table, names, rows))


def update_rows(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]], key: str = "id"
) -> None:
    """Sets the other columns of each row in ``rows``, found by ``key``."""
    if not rows:
        return
    names = tuple(rows[0])
    if conn.dialect.name != "postgresql":
        stmt = (
            update(table)
            .where(table.c[key] == bindparam("_key"))
            .values({n: bindparam(n) for n in names if n != key})
        )
        conn.execute(stmt, [{**r, "_key": r[key]} for r in rows])
        return
    sql = _update_sql(table, names, key, conn.dialect)
    conn.exec_driver_sql(sql, _arrays(conn.dialect, table, names, rows))


def ids_in(dialect: str, column: Any) -> Any:
    """``column IN :ids``, the ids given at execution as the ``ids`` parameter: one array
    parameter on PostgreSQL (a statement text that does not change with the number of ids,
    so it is prepared once), an expanding parameter list on SQLite. For statements built
    once and run many times: building and cache-keying a statement costs Python ~90 us,
    about what running a small one costs."""
    if dialect == "postgresql":
        return column == any_(bindparam("ids", type_=ARRAY(column.type)))
    return column.in_(bindparam("ids", expanding=True))


def _arrays(
    dialect: Dialect, table: Table, names: tuple[str, ...], rows: Sequence[dict[str, Any]]
) -> dict[str, list[Any]]:
    params: dict[str, list[Any]] = {}
    for i, name in enumerate(names):
        convert = _converter(dialect, table.c[name])
        values = [row[name] for row in rows]
        params[f"p{i}"] = values if convert is None else [convert(v) for v in values]
    return params


def _is_json(column: Column[Any]) -> bool:
    return isinstance(column.type, JSON)


def _converter(dialect: Dialect, column: Column[Any]) -> Callable[[Any], Any] | None:
    if _is_json(column):
        return _dump_json
    proc: Callable[[Any], Any] | None = column.type._cached_bind_processor(dialect)
    return proc


def _dump_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


def _sql_type(dialect: Dialect, column: Column[Any]) -> str:
    if _is_json(column):
        return "text"
    return column.type.compile(dialect=dialect)


def _value(dialect: Dialect, table: Table, name: str) -> str:
    column = f"u.{_q(dialect, name)}"
    return f"{column}::json" if _is_json(table.c[name]) else column


def _q(dialect: Dialect, name: str) -> str:
    return dialect.identifier_preparer.quote(name)


def _unnest(dialect: Dialect, table: Table, names: tuple[str, ...]) -> str:
    arrays = ", ".join(
        f"%(p{i})b::{_sql_type(dialect, table.c[n])}[]" for i, n in enumerate(names)
    )
    return f"unnest({arrays}) AS u({', '.join(_q(dialect, n) for n in names)})"


@cache
def _insert_sql(table: Table, names: tuple[str, ...], dialect: Dialect) -> str:
    columns = ", ".join(_q(dialect, n) for n in names)
    values = ", ".join(_value(dialect, table, n) for n in names)
    return (
        f"INSERT INTO {_q(dialect, table.name)} ({columns}) "
        f"SELECT {values} FROM {_unnest(dialect, table, names)}"
    )


@cache
def _update_sql(table: Table, names: tuple[str, ...], key: str, dialect: Dialect) -> str:
    target = _q(dialect, table.name)
    sets = ", ".join(
        f"{_q(dialect, n)} = {_value(dialect, table, n)}" for n in names if n != key
    )
    return (
        f"UPDATE {target} SET {sets} FROM {_unnest(dialect, table, names)} "
        f"WHERE {target}.{_q(dialect, key)} = u.{_q(dialect, key)}"
    )


__all__ = ["ids_in", "insert_rows", "update_rows"]
