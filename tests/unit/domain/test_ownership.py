"""The ownership rule: HQ owns assignment; a salesperson's new row is theirs."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from salesdesk.domain import ownership
from salesdesk.domain.ownership import Writer
from salesdesk.domain.people import Role

NOW = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
ME = Writer(Role.SALES, uuid.uuid4())
BOSS = Writer(Role.HQ, uuid.uuid4())
OTHER = uuid.uuid4()


def test_hq_owned_fields_come_from_the_entity_table() -> None:
    names = [f.name for f in ownership.hq_owned("customers")]
    assert names == ["assigned_to_id", "credit_terms"]
    assert ownership.is_hq_owned("customers", "credit_terms")
    assert not ownership.is_hq_owned("customers", "name")
    assert not ownership.is_hq_owned("customers", "no_such_field")


def test_a_salesperson_may_not_change_a_stored_hq_owned_field() -> None:
    stored = {"assigned_to_id": ME.user_id, "credit_terms": "30 days"}
    changed = {"assigned_to_id": OTHER, "credit_terms": "60 days"}
    assert ownership.refused("customers", ME, changed, stored, NOW) == [
        "assigned_to_id", "credit_terms",
    ]
    assert ownership.refused("customers", ME, dict(stored), stored, NOW) == []


def test_a_salesperson_s_new_customer_is_theirs_or_unassigned_never_someone_else_s() -> None:
    assert ownership.refused("customers", ME, {"assigned_to_id": None}, None, NOW) == []
    assert ownership.refused("customers", ME, {"assigned_to_id": ME.user_id}, None, NOW) == []
    assert ownership.refused("customers", ME, {"assigned_to_id": OTHER}, None, NOW) == [
        "assigned_to_id",
    ]
    assert ownership.owner_of_new("customers", ME, None) == ME.user_id
    assert ownership.fixed_owner("customers", ME) == ME.user_id


def test_other_hq_owned_fields_of_a_new_row_keep_their_default() -> None:
    assert ownership.refused("customers", ME, {"credit_terms": ""}, None, NOW) == []
    assert ownership.refused("customers", ME, {"credit_terms": "cash"}, None, NOW) == [
        "credit_terms",
    ]


def test_hq_staff_and_a_store_never_logged_in_set_anything() -> None:
    changed = {"assigned_to_id": OTHER, "credit_terms": "60 days"}
    for writer in (BOSS, None):
        assert ownership.refused("customers", writer, changed, None, NOW) == []
        assert ownership.owner_of_new("customers", writer, None) is None
        assert ownership.fixed_owner("customers", writer) is None


def test_entities_without_an_owner_field_keep_the_proposed_owner() -> None:
    assert ownership.owner_of_new("contacts", ME, None) is None
    assert ownership.fixed_owner("contacts", ME) is None
