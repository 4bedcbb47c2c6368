"""The mail outbox on a real migrated store: queued in the caller's transaction, local only,
the same bytes and Message-ID however often it is sent, listeners settled with the state."""

from __future__ import annotations

import email
import email.policy
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from salesdesk.db.models import AppSetting, MailOutboxEntry, OutboxEntry
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.mail import outbox
from salesdesk.mail.message import Attachment, OutgoingMail
from salesdesk.mail.outbox import MailState, OutboxResult

NOW = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
SENDER = "张三 <zhang@salesdesk.cn>"
NOTICE = uuid.UUID("0193a1b2-0000-7000-8000-000000000001")


def _mail(**kw: object) -> OutgoingMail:
    values: dict[str, object] = {
        "to": ("wang@qianghuang.cn",), "subject": "发货通知", "text": "货已发出",
        "html": "<p>货已发出</p>",
        "attachments": (Attachment("发货通知单.pdf", b"%PDF-1.4 x"),),
        "about": "test_notices", "about_id": NOTICE,
    }
    values.update(kw)
    return OutgoingMail(**values)  # type: ignore[arg-type]  # the fields above


def _enqueue(factory: sessionmaker[LocalSession], **kw: object) -> uuid.UUID:
    with unit_of_work(factory) as s:
        return outbox.enqueue(s, _mail(**kw), sender=SENDER, now=NOW)


def _row(factory: sessionmaker[LocalSession], oid: uuid.UUID) -> MailOutboxEntry:
    with factory() as s:
        row = s.get(MailOutboxEntry, oid)
        assert row is not None
        _ = row.message  # deferred: loaded while the session is open
        return row


@pytest.fixture
def results() -> Iterator[list[OutboxResult]]:
    seen: list[OutboxResult] = []

    def listener(session: Session, result: OutboxResult) -> None:
        seen.append(result)
        # Writes in the settling transaction: commits with the state or not at all.
        session.merge(AppSetting(key=f"log:{result.outbox_id}", value=result.state.value))

    outbox.on_result("test_notices", listener)
    outbox.on_result("test_notices", listener)  # twice: still called once
    yield seen
    outbox.remove_listener("test_notices", listener)


def test_enqueue_stores_the_built_message_and_nothing_for_hq(
    factory: sessionmaker[LocalSession],
) -> None:
    oid = _enqueue(factory)
    row = _row(factory, oid)
    assert row.state == MailState.QUEUED and row.attempts == 0
    assert row.next_attempt_at == NOW and row.queued_at == NOW
    assert row.recipients == ["wang@qianghuang.cn"] and row.about_id == NOTICE
    assert row.message_id.endswith("@salesdesk.cn>")
    msg = email.message_from_bytes(row.message, policy=email.policy.default)
    assert msg["Message-ID"] == row.message_id
    assert str(msg["Subject"]) == "发货通知"
    with factory() as s:  # local only: the sync outbox has nothing
        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 0


def test_enqueue_is_the_callers_transaction(factory: sessionmaker[LocalSession]) -> None:
    with pytest.raises(RuntimeError), unit_of_work(factory) as s:
        outbox.enqueue(s, _mail(), sender=SENDER, now=NOW)
        raise RuntimeError("the dispatch failed after the mail was queued")
    with factory() as s:
        assert s.scalar(select(func.count()).select_from(MailOutboxEntry)) == 0


@pytest.mark.parametrize(("kw", "error"), [
    ({"to": ()}, outbox.NoRecipient),
    ({"to": ("wang at qianghuang",)}, outbox.BadAddress),
    ({"to": ("a@b",)}, outbox.BadAddress),
    ({"sender": ""}, outbox.MailNotConfigured),
    ({"sender": "zhang"}, outbox.BadAddress),
])
def test_enqueue_refuses_mail_nobody_can_receive_or_send(
    factory: sessionmaker[LocalSession], kw: dict[str, object], error: type[Exception]
) -> None:
    sender = str(kw.pop("sender", SENDER))
    with pytest.raises(error), unit_of_work(factory) as s:
        outbox.enqueue(s, _mail(**kw), sender=sender, now=NOW)


def test_send_again_keeps_the_row_the_bytes_and_the_message_id(
    factory: sessionmaker[LocalSession], results: list[OutboxResult]
) -> None:
    oid = _enqueue(factory)
    before = _row(factory, oid)
    with unit_of_work(factory) as s:
        assert outbox.claim(s, oid, NOW) is not None
        outbox.mark_unknown(s, oid, NOW, "connection lost after DATA")
    with pytest.raises(outbox.NotResendable), unit_of_work(factory) as s:
        outbox.send_again(s, oid, NOW)
        outbox.send_again(s, oid, NOW)  # queued now: not again (and all of it rolls back)
    assert _row(factory, oid).state == MailState.UNKNOWN
    later = NOW + timedelta(hours=1)
    with unit_of_work(factory) as s:
        outbox.send_again(s, oid, later)
    again = _row(factory, oid)
    assert again.state == MailState.QUEUED and again.attempts == 0
    assert again.next_attempt_at == later
    assert again.message == before.message and again.message_id == before.message_id
    with factory() as s:
        assert outbox.due_ids(s, later) == [oid]
        assert s.scalar(select(func.count()).select_from(MailOutboxEntry)) == 1


def test_listeners_settle_in_the_same_transaction(
    factory: sessionmaker[LocalSession], results: list[OutboxResult]
) -> None:
    oid = _enqueue(factory)
    with unit_of_work(factory) as s:
        outbox.claim(s, oid, NOW)
    with pytest.raises(RuntimeError), unit_of_work(factory) as s:
        outbox.mark_sent(s, oid, NOW)
        raise RuntimeError("the commit did not happen")
    with factory() as s:
        assert s.get(AppSetting, f"log:{oid}") is None
    assert _row(factory, oid).state == MailState.SENDING
    with unit_of_work(factory) as s:
        outbox.mark_sent(s, oid, NOW, "")
    assert [(r.outbox_id, r.about_id, r.recipients, r.state) for r in results[-1:]] == [
        (oid, NOTICE, ("wang@qianghuang.cn",), MailState.SENT)]
    with factory() as s:
        log = s.get(AppSetting, f"log:{oid}")
        assert log is not None and log.value == "sent"
    assert _row(factory, oid).sent_at == NOW


def test_temporary_failures_back_off_then_fail(
    factory: sessionmaker[LocalSession], results: list[OutboxResult]
) -> None:
    oid = _enqueue(factory)
    now = NOW
    waits = []
    for _ in range(outbox.MAX_ATTEMPTS - 1):
        with unit_of_work(factory) as s:
            assert outbox.due_ids(s, now) == [oid]
            outbox.claim(s, oid, now)
            assert outbox.retry_later(s, oid, now, "451 4.3.0 try later") == MailState.QUEUED
        row = _row(factory, oid)
        waits.append(row.next_attempt_at - now)
        with factory() as s:
            assert outbox.due_ids(s, now) == []  # not before its time
            assert outbox.due_ids(s, now, waiting_too=True) == [oid]  # "send now" does
        now = row.next_attempt_at
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60)]
    assert results == []
    with unit_of_work(factory) as s:
        outbox.claim(s, oid, now)
        assert outbox.retry_later(s, oid, now, "451 4.3.0 try later") == MailState.FAILED
    row = _row(factory, oid)
    assert (row.state, row.last_error, row.attempts) == ("failed", "451 4.3.0 try later", 8)
    assert [r.state for r in results] == [MailState.FAILED]


def test_a_mail_left_sending_becomes_unknown_and_is_not_due(
    factory: sessionmaker[LocalSession], results: list[OutboxResult]
) -> None:
    sending, queued = _enqueue(factory), _enqueue(factory)
    with unit_of_work(factory) as s:
        outbox.claim(s, sending, NOW)
    with unit_of_work(factory) as s:
        assert outbox.recover_interrupted(s, NOW) == 1
    assert _row(factory, sending).state == MailState.UNKNOWN
    assert _row(factory, queued).state == MailState.QUEUED
    with factory() as s:
        assert outbox.due_ids(s, NOW, waiting_too=True) == [queued]
        assert [v.state for v in outbox.mail_list(s)] == [MailState.QUEUED, MailState.UNKNOWN]
        assert outbox.count_due(s, NOW) == 1
    assert [(r.outbox_id, r.state) for r in results] == [(sending, MailState.UNKNOWN)]


def test_unreachable_keeps_mail_queued_with_the_reason(
    factory: sessionmaker[LocalSession],
) -> None:
    oid = _enqueue(factory)
    with unit_of_work(factory) as s:
        outbox.note_unreachable(s, [oid], NOW, "[Errno 111] Connection refused")
    row = _row(factory, oid)
    assert (row.state, row.attempts) == ("queued", 0)
    assert row.last_error == "[Errno 111] Connection refused"
