"""The built message, read back from its bytes with the email package as a client would."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import EmailMessage

from salesdesk.mail.message import Attachment, OutgoingMail, build

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40  # binary, every byte value
LONG_NAME = "发货通知单_浙江墙煌建材有限公司_2026-12-03_第一批次货物.pdf"


def _mail(*attachments: Attachment) -> OutgoingMail:
    return OutgoingMail(
        to=("王经理 <wang@qianghuang.cn>", "li@qianghuang.cn"),
        subject="发货通知：SO-2026-118 已发货",
        text="王经理您好：\n您订购的铝板已于今天发出。\n.\n车号：浙A·12345\n",
        html="<p>王经理您好：</p><p>您订购的铝板已于今天发出。</p>",
        attachments=attachments,
    )


def _parse(raw: bytes) -> EmailMessage:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def _raw_header(part_bytes: str, name: str) -> str:
    """A header of the attachment part as written, unfolded (RFC 5322: CRLF + WSP → WSP)."""
    match = re.search(rf"^{name}:(.*?)\r\n(?=\S)", part_bytes, re.M | re.S)
    assert match, name
    return re.sub(r"\r\n(?=[ \t])", "", match.group(1))


def test_the_structure_headers_and_bodies_read_back() -> None:
    raw = build(_mail(Attachment(LONG_NAME, PDF)), sender="张三 <zhang@salesdesk.cn>",
                message_id="<n1@salesdesk.cn>",
                date=datetime(2026, 12, 3, 8, 30, tzinfo=UTC)).as_bytes()
    msg = _parse(raw)
    assert msg.get_content_type() == "multipart/mixed"
    alternative, attachment = msg.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in alternative.iter_parts()] == ["text/plain", "text/html"]
    assert str(msg["Subject"]) == "发货通知：SO-2026-118 已发货"
    assert str(msg["From"]) == "张三 <zhang@salesdesk.cn>"
    assert [a.addr_spec for a in msg["To"].addresses] == ["wang@qianghuang.cn", "li@qianghuang.cn"]
    assert msg["Message-ID"] == "<n1@salesdesk.cn>"
    assert msg["Date"].datetime == datetime(2026, 12, 3, 8, 30, tzinfo=UTC)
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert text is not None and html is not None
    assert text.get_content().replace("\r\n", "\n") == _mail().text
    assert html.get_content().rstrip("\r\n") == _mail().html
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == PDF
    # Nothing 8-bit on the wire; lines within 78 characters.
    assert raw.isascii()
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78


def test_a_chinese_file_name_is_written_in_both_forms() -> None:
    for name in (LONG_NAME, "通知.pdf"):
        raw = build(_mail(Attachment(name, PDF)), sender="zhang@salesdesk.cn",
                    message_id="<n2@salesdesk.cn>").as_bytes()
        # RFC 2231 (what the email package, Thunderbird and Gmail read).
        (attachment,) = _parse(raw).iter_attachments()
        assert attachment.get_filename() == name
        part = raw.decode("ascii").split("Content-Type: application/pdf")[1]
        part = "Content-Type: application/pdf" + part
        disposition = _raw_header(part, "Content-Disposition")
        assert re.search(r"filename\*(0\*)?=UTF-8''%", disposition)
        # RFC 2047 inside the quoted name and filename (what Outlook and webmail read).
        for header, param in (("Content-Type", "name"), ("Content-Disposition", "filename")):
            value = re.search(rf'\b{param}="([^"]*)"', _raw_header(part, header))
            assert value, (header, part)
            assert value.group(1).startswith("=?UTF-8?B?")
            assert str(make_header(decode_header(value.group(1)))) == name


def test_an_ascii_name_stays_plain_and_no_attachment_means_no_mixed() -> None:
    raw = build(_mail(Attachment("notice.pdf", PDF)), sender="zhang@salesdesk.cn",
                message_id="<n3@salesdesk.cn>").as_bytes()
    assert b'filename="notice.pdf"' in raw and b"filename*" not in raw
    plain = _parse(build(_mail(), sender="zhang@salesdesk.cn",
                         message_id="<n4@salesdesk.cn>").as_bytes())
    assert plain.get_content_type() == "multipart/alternative"
