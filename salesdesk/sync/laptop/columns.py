"""Pulled rows written to SQLite column by column (the laptop store's bulk path).

A page is thousands of rows of one or two entities: each field becomes the list of values
SQLite stores (:func:`stored_column`, decoded exactly as :func:`salesdesk.domain.entities.decode`
would) and goes to sqlite3's ``executemany`` as is (:func:`executemany`), with no dict or
SQLAlchemy work per row. Used by :class:`salesdesk.sync.laptop.store.LocalStore`.
"""

from __future__ import annotations

import operator
import re
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from salesdesk.domain.entities import FieldSpec, Kind, decode
from salesdesk.sync.pulled import uuid_hexes


def raw_connection(session: Session) -> sqlite3.Connection:
    """The session's sqlite3 connection, in its transaction."""
    raw = session.connection().connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def executemany(
    session: Session, stmt: Any, columns: dict[str, list[Any]], constants: dict[str, Any]
) -> None:
    """``session.execute(stmt, rows)`` without SQLAlchemy's per-row work, for rows given as
    columns (equal-length lists of values already in the form SQLite stores, see
    :func:`stored_column`) plus Python values shared by every row: the statement is compiled
    once, each constant goes through its column type's bind processor once, and sqlite3 runs
    one ``executemany`` on the session's connection, in its transaction."""
    conn = session.connection()
    compiled = stmt.compile(dialect=conn.dialect, column_keys=[*columns, *constants])
    count = len(next(iter(columns.values())))
    fixed = compiled.construct_params({k: column[0] for k, column in columns.items()} | constants)
    procs = compiled._bind_processors
    params: list[list[Any]] = []
    for name in compiled.positiontup or ():
        if name in columns:
            params.append(columns[name])
            continue
        proc = procs.get(name)
        value = constants[name] if name in constants else fixed[name]
        params.append([proc(value) if proc is not None else value] * count)
    raw_connection(session).executemany(compiled.string, zip(*params, strict=True))


_MEMO_KINDS = frozenset({Kind.DECIMAL, Kind.DATE, Kind.DATETIME, Kind.UUID})
"""Kinds whose decoded values are immutable: equal wire strings can share one."""

_WIRE_STRINGS = frozenset({str, type(None)})


def raw_columns(rows: Sequence[dict[str, Any]], names: list[str]) -> list[Sequence[Any]]:
    """The wire values of each named field across ``rows`` (``None`` where one is missing)."""
    if len(names) > 1:
        getter = operator.itemgetter(*names)
        try:
            return list(zip(*map(getter, rows), strict=True))
        except KeyError:
            pass
    return [[row.get(n) for row in rows] for n in names]


def stored_column(
    entity: str, spec: FieldSpec, raw_values: Sequence[Any], proc: Callable[[Any], Any] | None
) -> list[Any]:
    """One field of many pulled rows as SQLite stores it: ``proc(decode(v))`` for each value,
    ``proc`` being the column type's bind processor (None: a value is stored as decoded).

    UUIDs and UTC times in HQ's usual form become their stored text directly (checked a
    column at a time, with no ``UUID`` or ``datetime`` kept per value); everything else is
    decoded by :func:`decode_column` and each distinct decoded object bound once
    (``customer_id`` and dates repeat across a page).
    """
    if raw_values and set(map(type, raw_values)) == {str}:
        if spec.kind is Kind.UUID:
            try:
                return uuid_hexes(raw_values)
            except ValueError:
                pass  # decoded below, which words the error
        elif spec.kind is Kind.DATETIME:
            stored = _stored_utc_times(raw_values)
            if stored is not None:
                return stored
    values = decode_column(entity, spec, raw_values)
    if proc is None:
        return values
    distinct = dict(zip(map(id, values), values, strict=True))
    done = {key: proc(v) for key, v in distinct.items()}
    return list(map(done.__getitem__, map(id, values)))


_UTC_TIMES = re.compile(r"(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00\n)*", re.ASCII)
"""ISO times in UTC with microseconds, one a line: how HQ writes a time that has them."""


def _stored_utc_times(raw_values: Sequence[str]) -> list[str] | None:
    """``2026-11-24T03:21:20.008528+00:00`` → ``2026-11-24 03:21:20.008528`` (SQLAlchemy's
    DATETIME text on SQLite) for a column of valid UTC times with microseconds, else None."""
    text = "\n".join(raw_values) + "\n"
    if text.count("\n") != len(raw_values) or not _UTC_TIMES.fullmatch(text):
        return None
    try:
        for _ in map(datetime.fromisoformat, raw_values):  # the ranges: no 13th month
            pass
    except ValueError:
        return None
    return [f"{v[:10]} {v[11:26]}" for v in raw_values]


def decode_column(entity: str, spec: FieldSpec, raw_values: Sequence[Any]) -> list[Any]:
    """One field of many pulled rows, decoded exactly as :func:`decode` does.

    The common cases are checked for the whole column at once (every value already a
    string within its length, a bool, an int in range), and each distinct wire string of an
    immutable kind is decoded once (``customer_id`` and dates repeat across a page); anything
    else goes value by value through :func:`decode`, which also words the error.
    """
    types = set(map(type, raw_values))
    kind = spec.kind
    if kind in (Kind.STR, Kind.TEXT):
        limit = spec.max_len
        if types <= {str} and (limit is None or max(map(len, raw_values), default=0) <= limit):
            return list(raw_values)
    elif kind is Kind.BOOL:
        if types <= {bool}:
            return list(raw_values)
    elif kind is Kind.INT:
        if types <= {int} and (
            not raw_values or (min(raw_values) >= -(2**31) and max(raw_values) < 2**31)
        ):
            return list(raw_values)
    elif kind in _MEMO_KINDS and types <= _WIRE_STRINGS:
        memo = {v: decode(entity, spec, v) for v in set(raw_values)}
        return list(map(memo.__getitem__, raw_values))
    return [decode(entity, spec, v) for v in raw_values]


def local_defaults(table: Table, values: dict[str, Any]) -> None:
    """Columns that never travel (derived on the laptop) get their defaults on insert."""
    for column in table.columns:
        if column.key in values or column.default is None:
            continue
        arg = getattr(column.default, "arg", None)
        if callable(arg):
            continue
        values[column.key] = arg


__all__ = [
    "decode_column", "executemany", "local_defaults", "raw_columns", "raw_connection",
    "stored_column",
]
