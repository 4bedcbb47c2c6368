"""Composing a message: plain text and HTML alternatives, attachments, UTF-8 throughout.

An attachment's file name is often Chinese (发货通知单.pdf), and mail clients disagree on how
to read one: RFC 2231 (``filename*=UTF-8''…``) is the standard that Thunderbird, Apple Mail and
Gmail read; Outlook and many Chinese webmail clients read the RFC 2047 encoded word inside the
quoted ``name``/``filename`` instead. Both forms are written, so every common client shows the
name; a parser that knows RFC 2231 prefers it.
"""

from __future__ import annotations

import base64
import email.policy
import uuid
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from urllib.parse import quote

# CRLF line ends, lines folded at 78, and non-ASCII bodies transfer-encoded (base64 or
# quoted-printable), never sent as 8-bit data a server without 8BITMIME could mangle.
POLICY = email.policy.SMTP.clone(cte_type="7bit")

# Header lines stay within 78 characters (longer ones the email package would refold into
# RFC 2231 alone): 39 bytes of UTF-8 (13 Chinese characters) per encoded word, 52 characters
# of base64; 48 characters of a percent-encoded name per RFC 2231 continuation.
_WORD = 39
_LINE = 48


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime_type: str = "application/pdf"


@dataclass(frozen=True)
class OutgoingMail:
    to: tuple[str, ...]
    subject: str
    text: str
    html: str
    attachments: tuple[Attachment, ...] = ()
    about: str = ""  # what the mail is about, e.g. "shipment_dispatches" (outbox.on_result)
    about_id: uuid.UUID | None = None


def address_of(sender: str) -> str:
    """The bare address of ``"Name <a@b.cn>"`` or ``"a@b.cn"``."""
    return parseaddr(sender)[1] or sender.strip()


def domain_of(sender: str) -> str:
    """The domain of a sender's address (for the Message-ID), ``localhost`` if it has none."""
    _, _, domain = address_of(sender).rpartition("@")
    return domain or "localhost"


def build(
    mail: OutgoingMail, *, sender: str, message_id: str, date: datetime | None = None
) -> EmailMessage:
    """The message: multipart/mixed(multipart/alternative(text/plain, text/html),
    attachments…), or just the alternative when there are no attachments.

    ``date`` (aware) becomes the Date header; the outbox passes the time it queued the
    message, so the bytes it stores are the bytes it sends, however often.
    """
    msg = EmailMessage(policy=POLICY)
    msg["From"] = sender
    msg["To"] = ", ".join(mail.to)
    msg["Subject"] = mail.subject
    if date is not None:
        msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id
    msg.set_content(mail.text, subtype="plain", charset="utf-8")
    msg.add_alternative(mail.html, subtype="html", charset="utf-8")
    if mail.attachments:
        msg.make_mixed()
        for attachment in mail.attachments:
            msg.attach(_attachment_part(attachment))
    return msg


def _attachment_part(attachment: Attachment) -> EmailMessage:
    maintype, _, subtype = attachment.mime_type.partition("/")
    part = EmailMessage(policy=POLICY)
    part.set_content(attachment.content, maintype, subtype or "octet-stream")
    del part["MIME-Version"]  # a part, not a message
    # Written as prepared (set_raw): the email package would rewrite the encoded words into
    # RFC 2231 alone.
    del part["Content-Type"]
    encoded = rfc2047_words(attachment.filename)
    part.set_raw("Content-Type", f'{attachment.mime_type};\n name="{encoded}"')
    disposition = f'attachment;\n filename="{encoded}"'
    if encoded != attachment.filename:  # not plain ASCII: the RFC 2231 form too
        disposition += ";\n" + rfc2231_param("filename", attachment.filename)
    part.set_raw("Content-Disposition", disposition)
    return part


def rfc2047_words(text: str) -> str:
    """``text`` as RFC 2047 base64 encoded words (as is if plain ASCII without quotes),
    split on whole characters, one per folded line (the folding space between two encoded
    words is dropped when they are decoded)."""
    if text.isascii() and '"' not in text and "\\" not in text:
        return text
    words: list[str] = []
    chunk = b""
    for char in text:
        raw = char.encode("utf-8")
        if len(chunk) + len(raw) > _WORD:
            words.append(chunk.decode("utf-8"))
            chunk = b""
        chunk += raw
    if chunk:
        words.append(chunk.decode("utf-8"))
    return "\n ".join(
        f"=?UTF-8?B?{base64.b64encode(w.encode('utf-8')).decode('ascii')}?=" for w in words
    )


def rfc2231_param(name: str, value: str) -> str:
    """``name*=UTF-8''…`` percent-encoded, continued over lines (``name*0*=``, ``name*1*=``…)
    when long, each piece whole characters; each line starts with a space (a folded header)."""
    encoded = [quote(char, safe="") for char in value]
    if sum(map(len, encoded)) <= _LINE:
        return f" {name}*=UTF-8''{''.join(encoded)}"
    pieces: list[str] = [""]
    for char in encoded:
        if len(pieces[-1]) + len(char) > _LINE:
            pieces.append("")
        pieces[-1] += char
    lines = [f" {name}*0*=UTF-8''{pieces[0]}"]
    lines += [f" {name}*{i}*={piece}" for i, piece in enumerate(pieces[1:], start=1)]
    return ";\n".join(lines)
