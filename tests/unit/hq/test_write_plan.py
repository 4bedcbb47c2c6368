"""What a batch's write transaction loads, read off its ops before any row is loaded."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from salesdesk.domain.entities import ENTITY
from salesdesk.hq.write_plan import merge_fields, plan_loads, uuid_order
from salesdesk.sync.protocol import Op

CUSTOMER = uuid.UUID("01a20b08-e1ee-7848-ac38-98902eeb5c93")
SALES = uuid.UUID("01a20b08-e1ee-7848-ac38-98902eeb0001")
PRODUCT = uuid.UUID("01a20b08-e1ee-7848-ac38-98902eeb0002")


def _op(op_id: int, entity: str, op: Literal["insert", "update", "delete"], changes: dict[str, Any],
        row_id: uuid.UUID | None = None) -> Op:
    return Op(op_id=op_id, entity=entity, row_id=row_id or uuid.uuid4(), op=op,
              changes=changes, hlc=f"{1_700_000_000_000 + op_id:013d}-00000-laptop")


def test_a_new_child_loads_its_parent_locked_and_reads_what_it_names() -> None:
    visit = _op(1, "visits", "insert", {"customer_id": str(CUSTOMER), "salesperson_id": str(SALES),
                                         "purpose": "回访"})
    plan = plan_loads([visit])
    assert plan.keys == [("visits", visit.row_id), ("customers", CUSTOMER)]
    assert plan.refs == [("users", SALES)]
    assert plan.fields == {}  # an insert compares every field: the whole row is read


def test_an_edit_reads_only_the_fields_its_ops_change() -> None:
    rename = _op(1, "customers", "update", {"name": ["甲", "乙"]}, CUSTOMER)
    move = _op(2, "customers", "update",
               {"assigned_to_id": [None, str(SALES)], "city": ["", "杭州"]}, CUSTOMER)
    plan = plan_loads([rename, move])
    assert plan.keys == [("customers", CUSTOMER)] * 2
    assert plan.refs == [("users", SALES)]  # the new value of [old, new]
    assert plan.fields == {"customers": {"name", "assigned_to_id", "city"}}


def test_an_insert_in_the_batch_makes_the_whole_entity_read() -> None:
    edit = _op(1, "customers", "update", {"name": ["甲", "乙"]}, CUSTOMER)
    new = _op(2, "customers", "insert", {"name": "丙"})
    later_edit = _op(3, "customers", "update", {"city": ["", "杭州"]}, CUSTOMER)
    assert plan_loads([edit, new, later_edit]).fields == {}


def test_what_merging_refuses_anyway_is_not_loaded() -> None:
    ops = [
        _op(1, "orders", "insert", {"product_id": "not-a-uuid", "customer_id": 42}),
        _op(2, "orders", "update", {"product_id": "only-one-value"}),
        _op(3, "no_such_entity", "insert", {"customer_id": str(CUSTOMER)}),
        _op(4, "customers", "update", {"no_such_field": [1, 2]}, CUSTOMER),
    ]
    plan = plan_loads(ops)
    assert plan.keys == [(op.entity, op.row_id) for op in ops]  # the rows themselves only
    assert plan.refs == []


def test_a_reference_to_a_product_is_read_not_locked() -> None:
    order = _op(1, "orders", "update", {"product_id": [None, str(PRODUCT)]})
    plan = plan_loads([order])
    assert plan.keys == [("orders", order.row_id)]
    assert plan.refs == [("products", PRODUCT)]


def test_ids_sort_as_postgresql_sorts_uuids() -> None:
    ids = [uuid.UUID(int=n) for n in (2**127 + 5, 3, 2**64, 1)]
    assert sorted(ids, key=uuid_order) == sorted(ids, key=lambda u: u.bytes)


def test_merge_fields_sorts_out_each_entitys_fields_once() -> None:
    fields = merge_fields("customers")
    assert fields is merge_fields("customers")
    spec = ENTITY["customers"]
    assert list(fields.defaults) == list(spec.field_names)  # the bulk insert's key order
    assert fields.required == ("name",)
    assert [f.name for f in fields.made] == ["tags"]  # a fresh list per insert
    assert fields.defaults["category"] == "ordinary"
    assert fields.refs == (("assigned_to_id", "users"),)
    # A child's link to its parent is checked with its scope, not as a plain reference.
    assert ("customer_id", "customers") not in merge_fields("visits").refs
    assert ("salesperson_id", "users") in merge_fields("visits").refs
