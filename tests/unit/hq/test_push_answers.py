"""What HQ keeps of a push's answers, and the batches it refuses before touching a row."""

from __future__ import annotations

import uuid

import pytest

from salesdesk.domain.people import Role
from salesdesk.hq.accounts import Actor
from salesdesk.hq.answers import ApiError
from salesdesk.hq.db import Database
from salesdesk.hq.push import push, result_to_store, stored_result
from salesdesk.sync.protocol import (
    ErrorCode,
    FieldConflict,
    Op,
    OpResult,
    OpStatus,
    PushRequest,
    RejectCode,
    RowState,
)


def test_a_stored_answer_reads_back_as_given() -> None:
    """``op_result`` keeps a plain "applied" as ``{}``: every other answer, whichever field
    makes it differ, must come back whole. (A new field of OpResult must be listed here.)"""
    assert set(OpResult.model_fields) == {
        "op_id", "status", "reason", "code", "conflicts", "current", "gone"}
    plain = OpResult(op_id=7, status=OpStatus.APPLIED)
    conflict = FieldConflict(field="name", lost_value="甲", won_value="乙", won_by="hq",
                             lost_by="zhang")
    state = RowState(entity="customers", id=uuid.uuid4(), version=3, deleted=False,
                     fields={"name": "乙"})
    answers = [
        plain,
        plain.model_copy(update={"status": OpStatus.DUPLICATE}),
        plain.model_copy(update={"reason": "already applied"}),
        plain.model_copy(update={"code": RejectCode.REASSIGNED}),
        plain.model_copy(update={"conflicts": [conflict]}),
        plain.model_copy(update={"current": state}),
        plain.model_copy(update={"gone": True}),
    ]
    stored = [result_to_store(a) for a in answers]
    assert stored[0] == {} and all(stored[1:])
    assert [stored_result(7, s) for s in stored] == answers


def _ops(*op_ids: int) -> list[Op]:
    return [
        Op(op_id=i, entity="customers", row_id=uuid.uuid4(), op="insert",
           changes={"name": f"客户{i}"}, hlc=f"{1_700_000_000_000 + i:013d}-00000-laptop")
        for i in op_ids
    ]


@pytest.mark.parametrize(
    ("op_ids", "after", "message"),
    [
        ((3, 2), None, "op ids must increase within a batch"),
        ((3, 3), None, "op ids must increase within a batch"),
        ((4, 5), 4, "after_op_id must come before the batch"),
    ],
)
def test_a_malformed_batch_is_refused_before_any_write(
    hq_db: Database, op_ids: tuple[int, ...], after: int | None, message: str
) -> None:
    actor = Actor(uuid.uuid4(), "zhang", Role.SALES)
    request = PushRequest(client_id=uuid.uuid4(), ops=_ops(*op_ids), after_op_id=after)
    with pytest.raises(ApiError) as refused:
        push(hq_db, actor, request)
    assert (refused.value.status, refused.value.code) == (422, ErrorCode.INVALID)
    assert refused.value.message == message
