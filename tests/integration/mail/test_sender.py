"""The outbox sent to a real SMTP server on loopback (aiosmtpd): what arrives, and what the
outbox says after each way a send can go wrong. Deliveries are counted at the server."""

from __future__ import annotations

import email
import email.policy
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from salesdesk.db.models import MailOutboxEntry
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.kit.jobs import JobState
from salesdesk.mail import outbox
from salesdesk.mail.message import Attachment, OutgoingMail
from salesdesk.mail.outbox import MailState, OutboxResult
from salesdesk.mail.sender import MailSender, MailUnreachable, SmtpSettings
from tests.mailtest.server import Inbox, Login, SmtpServer, free_port, self_signed, smtp_server

SENDER = "张三 <zhang@salesdesk.cn>"
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 120 + b"\n%%EOF\n"
PDF_NAME = "发货通知单_浙江墙煌建材有限公司.pdf"
ABOUT = "test_dispatches"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def results() -> Iterator[list[OutboxResult]]:
    seen: list[OutboxResult] = []

    def listener(session: Session, result: OutboxResult) -> None:
        seen.append(result)

    outbox.on_result(ABOUT, listener)
    yield seen
    outbox.remove_listener(ABOUT, listener)


def _settings(port: int, timeout_s: float = 5) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, security="none", sender=SENDER, login="",
                        timeout_s=timeout_s)


def _sender(factory: sessionmaker[LocalSession], port: int, clock: Clock,
            timeout_s: float = 5) -> MailSender:
    return MailSender(factory, _settings(port, timeout_s), lambda: None, clock)


def _queue(factory: sessionmaker[LocalSession], clock: Clock, *to: str,
           subject: str = "发货通知：SO-2026-118") -> uuid.UUID:
    mail = OutgoingMail(
        to=to or ("王经理 <wang@qianghuang.cn>",),
        subject=subject,
        text="王经理您好：\n铝板 12 吨已于今天 08:30 发出，车号浙A·12345。\n",
        html="<p>王经理您好：</p><p>铝板 <b>12 吨</b>已于今天 08:30 发出。</p>",
        attachments=(Attachment(PDF_NAME, PDF),),
        about=ABOUT,
        about_id=uuid.uuid4(),
    )
    with unit_of_work(factory) as s:
        return outbox.enqueue(s, mail, sender=SENDER, now=clock())


def _row(factory: sessionmaker[LocalSession], oid: uuid.UUID) -> MailOutboxEntry:
    with factory() as s:
        row = s.get(MailOutboxEntry, oid)
        assert row is not None
        _ = row.message
        return row


def _parse(content: bytes) -> EmailMessage:
    msg = email.message_from_bytes(content, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def test_a_queued_mail_arrives_whole(
    factory: sessionmaker[LocalSession], smtp: SmtpServer, clock: Clock,
    results: list[OutboxResult],
) -> None:
    oid = _queue(factory, clock)
    clock.now += timedelta(seconds=3)
    report = _sender(factory, smtp.port, clock).send_due(JobState())
    assert (report.sent, report.failed, report.unknown, report.problem) == (1, 0, 0, None)
    (delivery,) = smtp.inbox.deliveries
    assert delivery.mail_from == "zhang@salesdesk.cn"
    assert delivery.rcpt_tos == ["wang@qianghuang.cn"]
    msg = _parse(delivery.content)
    assert str(msg["Subject"]) == "发货通知：SO-2026-118"
    text, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert text is not None and html is not None
    assert "车号浙A·12345" in text.get_content()
    assert "<b>12 吨</b>" in html.get_content()
    (attachment,) = msg.iter_attachments()
    assert attachment.get_filename() == PDF_NAME
    assert attachment.get_content() == PDF
    row = _row(factory, oid)
    assert msg["Message-ID"] == row.message_id
    assert (row.state, row.sent_at, row.attempts) == ("sent", clock.now, 1)
    assert [(r.outbox_id, r.state, r.at) for r in results] == [(oid, MailState.SENT, clock.now)]


def test_with_the_server_down_mail_waits_and_is_later_sent_exactly_once(
    factory: sessionmaker[LocalSession], clock: Clock,
) -> None:
    port = free_port()  # nobody listens there yet
    oid = _queue(factory, clock)
    sender = _sender(factory, port, clock)
    report = sender.send_due(JobState())
    assert isinstance(report.problem, MailUnreachable)
    assert report.left == 1 and report.sent == 0
    row = _row(factory, oid)
    assert (row.state, row.attempts) == ("queued", 0)
    assert "refused" in row.last_error.lower()
    with smtp_server(port=port) as server:
        clock.now += timedelta(minutes=5)
        assert sender.send_due(JobState()).sent == 1
        assert sender.send_due(JobState()).sent == 0
        assert sender.send_due(JobState(), waiting_too=True).sent == 0
    assert server.inbox.count == 1
    assert _row(factory, oid).state == MailState.SENT


def test_a_connection_lost_after_data_is_unknown_and_never_resent_by_itself(
    factory: sessionmaker[LocalSession], smtp: SmtpServer, clock: Clock,
    results: list[OutboxResult],
) -> None:
    smtp.inbox.drop_after_data = 1
    lost = _queue(factory, clock, subject="第一封")
    other = _queue(factory, clock, subject="第二封")
    sender = _sender(factory, smtp.port, clock)
    report = sender.send_due(JobState())
    assert (report.unknown, report.sent) == (1, 1)  # the rest of the outbox still went
    row = _row(factory, lost)
    assert row.state == MailState.UNKNOWN and "after the message was sent" in row.last_error
    assert _row(factory, other).state == MailState.SENT
    assert smtp.inbox.count == 2  # the server had it: that is why the outcome is unknown
    clock.now += timedelta(days=1)
    assert sender.send_due(JobState(), waiting_too=True).sent == 0
    assert _restarted(factory, smtp, clock).send_due(JobState()).sent == 0
    assert smtp.inbox.count == 2
    with unit_of_work(factory) as s:
        outbox.send_again(s, lost, clock())
    assert sender.send_due(JobState()).sent == 1
    assert smtp.inbox.count == 3
    first, _, again = smtp.inbox.deliveries
    assert first.content == again.content  # the very same message, Message-ID and all
    assert _row(factory, lost).message_id == _parse(again.content)["Message-ID"]
    assert [(r.outbox_id, r.state) for r in results if r.outbox_id == lost] == [
        (lost, MailState.UNKNOWN), (lost, MailState.SENT)]


def test_a_reply_that_never_comes_after_data_is_unknown(
    factory: sessionmaker[LocalSession], smtp: SmtpServer, clock: Clock,
) -> None:
    smtp.inbox.delay_after_data_s = 1.5
    oid = _queue(factory, clock)
    report = _sender(factory, smtp.port, clock, timeout_s=0.5).send_due(JobState())
    assert report.unknown == 1
    assert _row(factory, oid).state == MailState.UNKNOWN


def test_a_refused_recipient_fails_that_mail_and_the_rest_goes(
    factory: sessionmaker[LocalSession], smtp: SmtpServer, clock: Clock,
) -> None:
    reason = "550 5.1.1 <nobody@qianghuang.cn>: Recipient address rejected: User unknown"
    smtp.inbox.refuse["nobody@qianghuang.cn"] = reason
    first = _queue(factory, clock, "wang@qianghuang.cn")
    refused = _queue(factory, clock, "nobody@qianghuang.cn")
    partly = _queue(factory, clock, "nobody@qianghuang.cn", "li@qianghuang.cn")
    last = _queue(factory, clock, "li@qianghuang.cn")
    report = _sender(factory, smtp.port, clock).send_due(JobState())
    assert (report.sent, report.failed) == (3, 1)
    row = _row(factory, refused)
    assert row.state == MailState.FAILED
    assert row.last_error == f"nobody@qianghuang.cn: {reason}"
    assert [_row(factory, o).state for o in (first, partly, last)] == ["sent"] * 3
    assert _row(factory, partly).last_error == f"nobody@qianghuang.cn: {reason}"
    assert [d.rcpt_tos for d in smtp.inbox.deliveries] == [
        ["wang@qianghuang.cn"], ["li@qianghuang.cn"], ["li@qianghuang.cn"]]


def test_a_temporary_refusal_waits_its_backoff_then_goes(
    factory: sessionmaker[LocalSession], smtp: SmtpServer, clock: Clock,
) -> None:
    smtp.inbox.data_replies.append("451 4.3.0 Mail server temporarily rejected message")
    oid = _queue(factory, clock)
    sender = _sender(factory, smtp.port, clock)
    assert sender.send_due(JobState()).retrying == 1
    row = _row(factory, oid)
    assert (row.state, row.attempts) == ("queued", 1)
    assert row.next_attempt_at == clock.now + timedelta(minutes=1)
    assert row.last_error.startswith("451 4.3.0")
    assert sender.send_due(JobState()).sent == 0  # not before its time
    clock.now += timedelta(minutes=1)
    assert sender.send_due(JobState()).sent == 1
    assert smtp.inbox.count == 1


def _restarted(factory: sessionmaker[LocalSession], smtp: SmtpServer, clock: Clock) -> MailSender:
    return _sender(factory, smtp.port, clock)


def test_a_mail_left_sending_when_the_app_died_is_unknown_not_resent(
    factory: sessionmaker[LocalSession], smtp: SmtpServer, clock: Clock,
    results: list[OutboxResult],
) -> None:
    oid = _queue(factory, clock)
    with unit_of_work(factory) as s:  # the app claimed it, then died
        assert outbox.claim(s, oid, clock()) is not None
    report = _restarted(factory, smtp, clock).send_due(JobState(), waiting_too=True)
    assert (report.recovered, report.sent) == (1, 0)
    row = _row(factory, oid)
    assert row.state == MailState.UNKNOWN and row.last_error == outbox.INTERRUPTED
    assert smtp.inbox.count == 0
    assert [r.state for r in results] == [MailState.UNKNOWN]


def test_cancel_stops_between_mails_and_leaves_the_rest_queued(
    factory: sessionmaker[LocalSession], smtp: SmtpServer, clock: Clock,
) -> None:
    ids = [_queue(factory, clock) for _ in range(3)]

    class CancelAfterOne(JobState):
        def progress(self, done: int, total: int, message: str = "") -> None:
            super().progress(done, total, message)
            if done == 1:
                self.cancel()

    report = _sender(factory, smtp.port, clock).send_due(CancelAfterOne())
    assert (report.sent, report.left, report.cancelled) == (1, 2, True)
    assert [_row(factory, o).state for o in ids] == ["sent", "queued", "queued"]


def test_one_connection_carries_every_mail(
    factory: sessionmaker[LocalSession], clock: Clock,
) -> None:
    inbox = Inbox()
    with smtp_server(inbox) as server:
        for _ in range(5):
            _queue(factory, clock)
        sessions: list[object] = []
        original = inbox.handle_DATA

        async def counting(srv, session, envelope):
            sessions.append(session)
            return await original(srv, session, envelope)

        inbox.handle_DATA = counting  # type: ignore[method-assign]  # a spy on the real hook
        assert _sender(factory, server.port, clock).send_due(JobState()).sent == 5
    assert len({id(s) for s in sessions}) == 1


@pytest.mark.parametrize("mode", ["starttls", "tls"])
def test_login_over_tls_with_the_password_from_the_keyring(
    factory: sessionmaker[LocalSession], clock: Clock, tmp_path: Path, mode: str,
) -> None:
    import keyring

    from salesdesk.mail.sender import MailLoginRefused, password_name
    from salesdesk.secrets import SecretStore
    from tests.memory_keyring import MemoryKeyring

    cert, key = self_signed(tmp_path)
    login = Login("zhang@salesdesk.cn", "口令-s3cret", cert, key, mode)  # type: ignore[arg-type]  # parametrized
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        with smtp_server(login=login) as server:
            settings = SmtpSettings(host="127.0.0.1", port=server.port, security=mode,  # type: ignore[arg-type]  # parametrized
                                    sender=SENDER, login="zhang@salesdesk.cn", timeout_s=5,
                                    ca_file=str(cert))
            secrets = SecretStore()
            oid = _queue(factory, clock)
            sender = MailSender(factory, settings, lambda: secrets.get(password_name(settings)),
                                clock)
            secrets.set(password_name(settings), "wrong")
            report = sender.send_due(JobState())
            assert isinstance(report.problem, MailLoginRefused)
            assert _row(factory, oid).state == MailState.QUEUED and server.inbox.count == 0
            assert "535" in _row(factory, oid).last_error
            assert SecretStore().get(password_name(settings)) == "wrong"  # in the keyring
            secrets.set(password_name(settings), "口令-s3cret")
            assert sender.send_due(JobState()).sent == 1
            assert server.inbox.count == 1
    finally:
        keyring.set_keyring(previous)
