"""Pulled rows are decoded a column at a time: exactly what decoding each value would give,
and stored exactly as SQLAlchemy would store each decoded value."""

from __future__ import annotations

import random
from typing import Any

import pytest
from sqlalchemy.dialects import sqlite

from salesdesk.db.models import SYNCED_MODELS
from salesdesk.domain.entities import ENTITIES, FieldError, FieldSpec, decode
from salesdesk.sync.laptop.columns import decode_column, stored_column

DIALECT = sqlite.dialect()
TABLES = {m.__tablename__: m.__table__ for m in SYNCED_MODELS}  # type: ignore[attr-defined]  # each is a mapped class

_SAMPLES: list[Any] = [
    None, True, False, 0, 1, -1, 2**31, -(2**31), 2**31 - 1, 3.5, "", "x", "x" * 300,
    "12345.67", "1.005", "NaN", "2026-11-20", "2026-11-20T08:00:00+08:00", "2026-11-20T08:00:00",
    "01a20b08-e1ee-7848-ac38-98902eeb5c93", "not a uuid", ["a", "b"], [1], {"k": "v"},
    "2026-11-20T08:00:00.123456+00:00", "2026-11-20T08:00:00.000001+08:00",
    "2026-13-20T08:00:00.123456+00:00", "2026-02-30T08:00:00.123456+00:00",
    "01A20B08-E1EE-7848-AC38-98902EEB5C93", "{01a20b08-e1ee-7848-ac38-98902eeb5c93}",
    "２０２６-11-20T08:00:00.123456+00:00", "٢026-11-20T08:00:00.123456+00:00",
]


def _each(entity: str, spec: FieldSpec, values: list[Any]) -> list[Any] | type[FieldError]:
    try:
        return [decode(entity, spec, v) for v in values]
    except FieldError:
        return FieldError


def _column(entity: str, spec: FieldSpec, values: list[Any]) -> list[Any] | type[FieldError]:
    try:
        return decode_column(entity, spec, values)
    except FieldError:
        return FieldError


FIELDS = [(e.name, f) for e in ENTITIES for f in e.fields]


@pytest.mark.parametrize(("entity", "spec"), FIELDS, ids=[f"{e}.{f.name}" for e, f in FIELDS])
def test_a_column_decodes_like_its_values(entity: str, spec: FieldSpec) -> None:
    rng = random.Random(f"{entity}.{spec.name}")
    good = [v for v in _SAMPLES if _each(entity, spec, [v]) is not FieldError]
    columns: list[list[Any]] = [[], good, good * 3]
    for _ in range(200):
        pool = good if good and rng.random() < 0.7 else _SAMPLES
        columns.append([rng.choice(pool) for _ in range(rng.randint(1, 6))])
    for values in columns:
        assert _column(entity, spec, values) == _each(entity, spec, values), values


def _processor(entity: str, spec: FieldSpec) -> Any:
    column = TABLES[entity].c[spec.name]
    return column.type.dialect_impl(DIALECT).bind_processor(DIALECT)


def _each_stored(entity: str, spec: FieldSpec, values: list[Any]) -> list[Any] | type[FieldError]:
    proc = _processor(entity, spec)
    decoded = _each(entity, spec, values)
    if not isinstance(decoded, list) or proc is None:  # FieldError, or stored as it is
        return decoded
    return [proc(v) for v in decoded]


@pytest.mark.parametrize(("entity", "spec"), FIELDS, ids=[f"{e}.{f.name}" for e, f in FIELDS])
def test_a_column_is_stored_like_its_values(entity: str, spec: FieldSpec) -> None:
    rng = random.Random(f"stored {entity}.{spec.name}")
    good = [v for v in _SAMPLES if _each(entity, spec, [v]) is not FieldError]
    columns: list[list[Any]] = [[], good, good * 3]
    for _ in range(200):
        pool = good if good and rng.random() < 0.7 else _SAMPLES
        columns.append([rng.choice(pool) for _ in range(rng.randint(1, 6))])
    proc = _processor(entity, spec)
    for values in columns:
        try:
            stored: list[Any] | type[FieldError] = stored_column(entity, spec, values, proc)
        except FieldError:
            stored = FieldError
        assert stored == _each_stored(entity, spec, values), values
