"""A shipment notice by email against a real SMTP server on loopback (aiosmtpd): the send's log
and the mail are queued in one transaction; the mail arrives with the subject, both bodies and
the PDF whose text holds the five elements in Chinese; the outbox's result is written onto the
send (sent; a refused recipient failed with the server's words); with mail not set up nothing
is logged."""

from __future__ import annotations

import email
import email.policy
import re
import subprocess
import uuid
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from salesdesk.db.models import Contact, Customer
from salesdesk.db.session import unit_of_work
from salesdesk.domain.clock import utcnow
from salesdesk.domain.shipments import DispatchResult, ShipmentStatus
from salesdesk.mail.outbox import MailNotConfigured
from salesdesk.paths import Paths
from salesdesk.services.container import AppServices
from salesdesk.services.shipments.mailing import send_email
from salesdesk.services.shipments.records import LineDraft, NoticeDraft
from salesdesk.settings import Settings
from tests.mailtest.server import SmtpServer, smtp_server
from tests.store_sql import query


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def services(data_dir: Path, smtp: SmtpServer) -> Iterator[AppServices]:
    settings = Settings(smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_security="none",
                        smtp_sender="张三 <zhang@salesdesk.cn>")
    app = AppServices(Paths.default(data_dir), settings)
    yield app
    app.close()


def notice(services: AppServices, *emails: str) -> uuid.UUID:
    with unit_of_work(services.factory) as session:
        customer = Customer(name="苏州墙煌建材有限公司")
        session.add(customer)
        session.flush()
        contacts = [Contact(customer_id=customer.id, name=f"联系人{i}", email=e)
                    for i, e in enumerate(emails)]
        session.add_all(contacts)
        session.flush()
        customer_id, contact_ids = customer.id, tuple(c.id for c in contacts)
    now = utcnow()
    return services.shipments.save(NoticeDraft(
        customer_id, (LineDraft("镀锌卷 DX51D 1.0×1250", "25.5", "t", "B2612"),), contact_ids,
        ship_time=now, truck_plate="粤B·12345", driver_name="张师傅",
        driver_phone="13800138000", eta=now + timedelta(days=2))).id


def received(smtp: SmtpServer) -> list[EmailMessage]:
    return [email.message_from_bytes(d.content, policy=email.policy.default)  # type: ignore[misc,unused-ignore]
            for d in smtp.inbox.deliveries]


def test_a_notice_by_email_arrives_with_both_bodies_and_the_pdf(services, smtp, tmp_path):
    notice_id = notice(services, "wang@qianghuang.cn", "")  # the second has no address
    sent = send_email(services.shipments, services.mail.sender_address, notice_id)
    # Queued with its log in one transaction, one send logged per address reached.
    assert len(sent.dispatch_ids) == 1 and sent.outbox_id is not None
    [(result, outbox)] = query(services.paths.store,
                               "SELECT d.result, d.outbox_id FROM shipment_dispatches d")
    assert result == "queued" and outbox == sent.outbox_id.hex
    assert query(services.paths.store, "SELECT state FROM mail_outbox") == [("queued",)]
    detail = services.shipments.detail(notice_id)
    assert detail.status is ShipmentStatus.SENT and detail.first_eta is not None

    report = services.mail.send_due()
    assert report is not None
    [mail] = received(smtp)
    assert mail["Subject"].startswith("发货通知：苏州墙煌建材有限公司 预计")
    assert mail["To"] == "wang@qianghuang.cn"
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    for part in ("镀锌卷 DX51D 1.0×1250 25.5吨", "车号：粤B12345", "司机联系电话：13800138000",
                 "发货时间：", "预计到达时间："):
        assert part in text, part
    for part in ("镀锌卷 DX51D 1.0×1250", "25.5吨", "粤B12345", "13800138000", "预计到达时间"):
        assert part in html, part
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_filename() == f"发货通知-{detail.notice_no}-苏州墙煌建材有限公司.pdf"
    pdf = tmp_path / "n.pdf"
    pdf.write_bytes(attachment.get_content())
    words = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                               capture_output=True, text=True).stdout)
    for part in ("产品规格和数量", "镀锌卷DX51D1.0×1250", "发货时间", "车号", "粤B12345",
                 "司机联系电话", "13800138000", "预计到达时间"):
        assert part in words, part
    # The outbox's result is on the send, and it travels to HQ like any change.
    [send] = services.shipments.detail(notice_id).dispatches
    assert send.result is DispatchResult.SENT and send.result_at is not None
    ops = query(services.paths.store,
                "SELECT op, changes FROM outbox WHERE entity = 'shipment_dispatches'")
    assert [op for op, _ in ops] == ["insert", "update"] and '"sent"' in str(ops[1][1])


def test_a_refused_recipient_fails_that_send_with_the_servers_words(services, smtp):
    smtp.inbox.refuse["nobody@qianghuang.cn"] = "550 5.1.1 mailbox unavailable"
    notice_id = notice(services, "nobody@qianghuang.cn")
    send_email(services.shipments, services.mail.sender_address, notice_id)
    services.mail.send_due()
    [send] = services.shipments.detail(notice_id).dispatches
    assert send.result is DispatchResult.FAILED
    assert "550" in send.detail and "mailbox unavailable" in send.detail


def test_without_mail_settings_nothing_is_logged_or_queued(data_dir):
    services = AppServices(Paths.default(data_dir), Settings())
    try:
        notice_id = notice(services, "wang@qianghuang.cn")
        with pytest.raises(MailNotConfigured):
            send_email(services.shipments, services.mail.sender_address, notice_id)
        assert query(services.paths.store, "SELECT count(*) FROM shipment_dispatches") == [(0,)]
        assert query(services.paths.store, "SELECT count(*) FROM mail_outbox") == [(0,)]
        assert services.shipments.detail(notice_id).status is ShipmentStatus.DRAFT
    finally:
        services.close()


def test_a_connection_dropped_after_data_leaves_the_send_outcome_unknown(services, smtp):
    smtp.inbox.drop_after_data = 1
    notice_id = notice(services, "wang@qianghuang.cn")
    send_email(services.shipments, services.mail.sender_address, notice_id)
    services.mail.send_due()
    [send] = services.shipments.detail(notice_id).dispatches
    assert send.result is DispatchResult.UNKNOWN  # not retried blindly: the user decides
    services.mail.send_due()
    assert len(smtp.inbox.deliveries) == 1  # the server has it once; nothing sent again
