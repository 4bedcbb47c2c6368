"""The domain's entity table is the one source of field lists: the laptop's models must match."""

from __future__ import annotations

import pytest
from sqlalchemy import JSON, Boolean, Date, Integer, String, Text, Uuid, inspect

from salesdesk.db.base import Synced
from salesdesk.db.models import SYNCED_MODELS
from salesdesk.db.types import ScaledDecimal, UTCDateTime
from salesdesk.domain.entities import ENTITIES, ENTITY, Kind, Owner, Scope, customer_path
from salesdesk.sync.protocol import ENTITY_FIELDS


def test_every_synced_model_has_an_entity_in_the_same_order():
    assert [m.__sync_entity__ for m in SYNCED_MODELS] == [e.name for e in ENTITIES]
    assert set(ENTITY_FIELDS) == set(ENTITY)


def _kind(column) -> tuple[Kind, int | None]:
    t = column.type
    if isinstance(t, UTCDateTime):
        return Kind.DATETIME, None
    if isinstance(t, ScaledDecimal):
        return Kind.DECIMAL, t.scale
    if isinstance(t, Text):
        return Kind.TEXT, None
    if isinstance(t, String):
        return Kind.STR, t.length
    for cls, kind in ((Boolean, Kind.BOOL), (Integer, Kind.INT), (Date, Kind.DATE),
                      (Uuid, Kind.UUID), (JSON, Kind.STR_LIST)):
        if isinstance(t, cls):
            return kind, None
    raise AssertionError(f"unmapped column type {t!r}")


@pytest.mark.parametrize("model", SYNCED_MODELS, ids=lambda m: m.__sync_entity__)
def test_laptop_columns_equal_the_entity_fields(model):
    spec = ENTITY[model.__sync_entity__]
    skip = Synced.SYNC_EXCLUDED | model.__sync_local__ | {"id"}
    columns = {c.key: c for c in inspect(model).columns if c.key not in skip}
    assert list(columns) == list(spec.field_names) or set(columns) == set(spec.field_names)
    for f in spec.fields:
        column = columns[f.name]
        kind, size = _kind(column)
        assert kind is f.kind, f.name
        if kind is Kind.STR:
            assert size == f.max_len, f.name
        if kind is Kind.DECIMAL:
            assert size == f.scale, f.name
        assert bool(column.nullable) == f.nullable, f.name
        assert bool(column.unique) == f.unique, f.name
        if f.ref is not None:
            (fk,) = column.foreign_keys
            assert fk.column.table.name == f.ref, f.name


def test_scope_reaches_a_customer_from_every_child():
    for spec in ENTITIES:
        hops = customer_path(spec.name)
        if spec.scope is Scope.CHILD:
            assert hops and ENTITY[hops[-1][0]].parent_entity == "customers"
            assert spec.parent_field is not None
            assert spec.by_name[spec.parent_field].immutable
        else:
            assert hops == []


def test_hq_owns_assignment_credit_terms_catalogue_accounts_and_orders():
    assert ENTITY["customers"].by_name["assigned_to_id"].owner is Owner.HQ
    assert ENTITY["customers"].by_name["credit_terms"].owner is Owner.HQ
    for name in ("users", "products", "orders"):
        assert ENTITY[name].hq_only
