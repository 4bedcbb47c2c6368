"""The complaint's state machine, table-tested: every step from every status it may follow,
the refusals with their codes, and the pauses read back from the history."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from salesdesk.domain.complaints import (
    ComplaintState,
    ComplaintStatus,
    EventKind,
    HistoryEntry,
    PauseSpan,
    Step,
    apply,
    meets_first_contact,
    meets_resolution,
    pause_spans,
    received,
)
from salesdesk.domain.validation import ErrorCode, ValidationFailed

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 12, 3, 10, 0, tzinfo=SH)
S = ComplaintStatus
K = EventKind


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def step(kind: EventKind, minutes: int = 5, **kw: object) -> Step:
    return Step(kind, at(minutes), **kw)  # type: ignore[arg-type]  # the table's keywords


def walk(*steps: Step) -> ComplaintState:
    state = received()
    for s in steps:
        state = apply(state, s)
    return state


HAPPY = [
    (step(K.ACKNOWLEDGED, 1), S.ACKNOWLEDGED),
    (step(K.CONTACTED, 30), S.CONTACTED),
    (step(K.NOTE, 40, text="批号 B-0917 同批另有两家反映"), S.INVESTIGATING),
    (step(K.ESCALATED, 50, department="quality"), S.ESCALATED),
    (step(K.SOLUTION_PROPOSED, 60, text="免费更换 20 张"), S.SOLUTION_PROPOSED),
    (step(K.ACCEPTED, 70), S.ACCEPTED),
    (step(K.RESOLVED, 80, text="已更换"), S.RESOLVED),
    (step(K.SATISFACTION, 90, score=4, text="处理及时"), S.SATISFACTION_ASKED),
    (step(K.CLOSED, 100), S.CLOSED),
]


def test_the_whole_way_from_received_to_closed() -> None:
    state = received()
    for s, status in HAPPY:
        state = apply(state, s)
        assert state.status is status, s.kind
    assert (state.contacted_at, state.resolved_at, state.closed_at) == (at(30), at(80), at(100))
    assert (state.department, state.satisfaction, state.satisfaction_comment) == (
        "quality", 4, "处理及时")


def _at(status: ComplaintStatus) -> ComplaintState:
    """A complaint that reached ``status`` the ordinary way."""
    path = {s: i for i, (_, s) in enumerate(HAPPY)}
    if status is S.RECEIVED:
        return received()
    if status is S.REFUSED:
        return walk(*(s for s, _ in HAPPY[:5]), step(K.REFUSED, 70, reason="只肯退款"))
    if status is S.REOPENED:
        return walk(*(s for s, _ in HAPPY), step(K.REOPENED, 200, reason="又出现色差"))
    return walk(*(s for s, _ in HAPPY[: path[status] + 1]))


REFUSALS = [
    # (from status, step, refused field, code)
    (S.CONTACTED, step(K.CLOSED), "status", ErrorCode.NOT_RESOLVED),
    (S.RECEIVED, step(K.CLOSED), "status", ErrorCode.NOT_RESOLVED),
    (S.ACCEPTED, step(K.SATISFACTION, score=5), "status", ErrorCode.NOT_RESOLVED),
    (S.INVESTIGATING, step(K.RESOLVED), "status", ErrorCode.NO_SOLUTION),
    (S.CONTACTED, step(K.RESOLVED), "status", ErrorCode.NO_SOLUTION),
    (S.REFUSED, step(K.RESOLVED), "status", ErrorCode.NO_SOLUTION),
    (S.RECEIVED, step(K.SOLUTION_PROPOSED, text="换货"), "status", ErrorCode.NOT_CONTACTED),
    (S.CONTACTED, step(K.SOLUTION_PROPOSED), "text", ErrorCode.REQUIRED),
    (S.RESOLVED, step(K.REOPENED), "reason", ErrorCode.REASON_REQUIRED),
    (S.CLOSED, step(K.REOPENED, reason="  "), "reason", ErrorCode.REASON_REQUIRED),
    (S.CONTACTED, step(K.REOPENED, reason="x"), "status", ErrorCode.ALREADY_OPEN),
    (S.CONTACTED, step(K.RESUMED), "status", ErrorCode.NOT_PAUSED),
    (S.CONTACTED, step(K.PAUSED), "reason", ErrorCode.REASON_REQUIRED),
    (S.CLOSED, step(K.NOTE, text="x"), "status", ErrorCode.ALREADY_CLOSED),
    (S.CLOSED, step(K.CONTACTED), "status", ErrorCode.ALREADY_CLOSED),
    (S.RESOLVED, step(K.SATISFACTION, score=6), "score", ErrorCode.SCORE),
    (S.RESOLVED, step(K.SATISFACTION), "score", ErrorCode.SCORE),
    (S.CONTACTED, step(K.ESCALATED, department="marketing"), "department", ErrorCode.CHOICE),
    (S.CONTACTED, step(K.ACCEPTED), "status", ErrorCode.OUT_OF_ORDER),
    (S.CONTACTED, step(K.ACKNOWLEDGED), "status", ErrorCode.OUT_OF_ORDER),
    (S.RESOLVED, step(K.PAUSED, reason="等客户"), "status", ErrorCode.OUT_OF_ORDER),
    (S.RESOLVED, step(K.CONTACTED), "status", ErrorCode.OUT_OF_ORDER),
    (S.RECEIVED, step(K.RECEIVED), "status", ErrorCode.OUT_OF_ORDER),
    (S.CONTACTED, step(K.NOTE), "text", ErrorCode.REQUIRED),
]


@pytest.mark.parametrize(("status", "s", "field", "code"), REFUSALS,
                         ids=[f"{st}-{s.kind}-{c}" for st, s, _, c in REFUSALS])
def test_an_illegal_step_is_refused_with_its_reason(
    status: ComplaintStatus, s: Step, field: str, code: ErrorCode
) -> None:
    state = _at(status)
    assert state.status is status
    with pytest.raises(ValidationFailed) as refused:
        apply(state, s)
    [error] = refused.value.errors
    assert (error.field, error.code) == (field, code)


def test_pausing_twice_is_refused_and_resuming_clears_the_pause() -> None:
    paused = apply(_at(S.CONTACTED), step(K.PAUSED, 40, reason="等客户寄样品"))
    assert paused.is_paused and paused.paused_at == at(40) and paused.status is S.CONTACTED
    with pytest.raises(ValidationFailed) as refused:
        apply(paused, step(K.PAUSED, 50, reason="again"))
    assert refused.value.errors[0].code is ErrorCode.ALREADY_PAUSED
    resumed = apply(paused, step(K.RESUMED, 60))
    assert not resumed.is_paused and resumed.status is S.CONTACTED


def test_resolving_straight_from_paused_ends_the_pause() -> None:
    proposed = _at(S.SOLUTION_PROPOSED)
    paused = apply(proposed, step(K.PAUSED, 65, reason="等客户确认"))
    resolved = apply(paused, step(K.RESOLVED, 90))
    assert (resolved.status, resolved.paused_at, resolved.resolved_at) == (
        S.RESOLVED, None, at(90))


def test_a_message_from_the_customer_is_not_a_response() -> None:
    """Only a contact meets first contact; a thank-you after resolution moves nothing."""
    state = apply(received(), step(K.CUSTOMER_MESSAGE, 20, text="你们什么时候回复？"))
    assert state == received() and state.contacted_at is None
    resolved = _at(S.RESOLVED)
    assert apply(resolved, step(K.CUSTOMER_MESSAGE, 300, text="谢谢！")) == resolved
    closed = _at(S.CLOSED)
    assert apply(closed, step(K.CUSTOMER_MESSAGE, 300, text="谢谢！")) == closed
    assert [k for k in EventKind if meets_first_contact(k)] == [K.CONTACTED]
    assert [k for k in EventKind if meets_resolution(k)] == [K.RESOLVED]


def test_a_second_contact_keeps_the_first_contact_time() -> None:
    state = apply(_at(S.ESCALATED), step(K.CONTACTED, 300))
    assert (state.status, state.contacted_at) == (S.ESCALATED, at(30))


def test_reopening_clears_resolution_and_closing_and_a_note_moves_it_on() -> None:
    state = _at(S.REOPENED)
    assert (state.resolved_at, state.closed_at, state.contacted_at) == (None, None, at(30))
    assert apply(state, step(K.NOTE, 210, text="复查")).status is S.INVESTIGATING
    assert apply(state, step(K.SOLUTION_PROPOSED, 210, text="再换")).status is (
        S.SOLUTION_PROPOSED)


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="at"):
        apply(received(), Step(K.CONTACTED, datetime(2026, 12, 3, 10)))


def h(kind: EventKind, minutes: int, reason: str = "") -> HistoryEntry:
    return HistoryEntry(kind, at(minutes), reason)


PAUSES = [
    ([], []),
    ([h(K.PAUSED, 10, "等样品"), h(K.RESUMED, 70)], [PauseSpan(at(10), at(70), "等样品")]),
    ([h(K.PAUSED, 10, "等样品")], [PauseSpan(at(10), None, "等样品")]),
    # Resolving straight from paused ends the pause there.
    ([h(K.PAUSED, 10, "a"), h(K.RESOLVED, 50)], [PauseSpan(at(10), at(50), "a")]),
    # Out of order as synced: sorted by time; a second pause while paused keeps the first.
    ([h(K.RESUMED, 70), h(K.PAUSED, 30, "b"), h(K.PAUSED, 10, "a"), h(K.PAUSED, 100, "c")],
     [PauseSpan(at(10), at(70), "a"), PauseSpan(at(100), None, "c")]),
    # A resume with nothing paused is ignored; notes are not pauses.
    ([h(K.RESUMED, 5), h(K.NOTE, 6), h(K.PAUSED, 10, "a"), h(K.RESUMED, 20)],
     [PauseSpan(at(10), at(20), "a")]),
]


@pytest.mark.parametrize(("history", "spans"), PAUSES)
def test_pauses_are_read_back_from_the_history(
    history: list[HistoryEntry], spans: list[PauseSpan]
) -> None:
    assert pause_spans(history) == spans
