"""The mail outbox: offline first, effectively once.

A mail is queued (:func:`enqueue`) in the transaction of whatever decided to send it — a
shipment dispatch and its mail commit together or not at all — and the sender
(``mail/sender.py``) delivers it when the network is there. The Message-ID is fixed and the
message's bytes stored when it is queued, so whatever happens later, the same message is sent.

States (:class:`MailState`)::

    QUEUED ──claim──▶ SENDING ──250──▶ SENT
      ▲                  │ ├──5xx──▶ FAILED ──send_again──▶ QUEUED
      └──4xx, dropped────┘ └──connection lost after the DATA terminator──▶ UNKNOWN
         before DATA ended (backoff; FAILED after MAX_ATTEMPTS)         (send_again: QUEUED)

A row is SENDING (committed) before the server is spoken to: found SENDING when the app starts
again, the app died mid-send and the server may have the message, so it becomes UNKNOWN, like a
connection lost after DATA. UNKNOWN is never retried by the machine; the user decides ("Send
again"), and the same row with the same Message-ID is sent (a receiving system that keeps
Message-IDs can tell it is the same message).

When a row settles (SENT, FAILED, UNKNOWN), the listeners registered for its ``about`` with
:func:`on_result` are called in the same transaction, so a log of the send elsewhere (on a
shipment notice, which syncs to HQ) commits with the state or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salesdesk.db.models import MailOutboxEntry
from salesdesk.domain.clock import require_aware
from salesdesk.domain.ids import uuid7
from salesdesk.kit.errors import KnownError
from salesdesk.mail.message import OutgoingMail, address_of, build, domain_of

MAX_ATTEMPTS = 8  # temporary failures (4xx, connection dropped before DATA ended), then FAILED
FIRST_BACKOFF = timedelta(minutes=1)  # doubled after each temporary failure
MAX_BACKOFF = timedelta(minutes=60)


class MailState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"  # outcome unknown: the server may have the message (lost after DATA)


SETTLED = frozenset({MailState.SENT, MailState.FAILED, MailState.UNKNOWN})
RESENDABLE = frozenset({MailState.FAILED, MailState.UNKNOWN})


@dataclass(frozen=True)
class OutboxResult:
    """How a mail ended, for whatever it is about (:func:`on_result`)."""

    outbox_id: uuid.UUID
    about_id: uuid.UUID | None
    recipients: tuple[str, ...]
    state: MailState
    detail: str  # the server's reply (code and text) or what went wrong; "" when plainly sent
    at: datetime
    about: str = ""
    message_id: str = ""


ResultListener = Callable[[Session, OutboxResult], None]
_listeners: dict[str, list[ResultListener]] = {}


def on_result(about: str, listener: ResultListener) -> None:
    """Calls ``listener`` whenever a mail about ``about`` settles (SENT, FAILED, UNKNOWN), in
    the transaction that settles it: what it writes commits with the state. Registering the
    same listener again changes nothing."""
    listeners = _listeners.setdefault(about, [])
    if listener not in listeners:
        listeners.append(listener)


def remove_listener(about: str, listener: ResultListener) -> None:
    """Undoes :func:`on_result` (tests, a feature switched off)."""
    listeners = _listeners.get(about, [])
    if listener in listeners:
        listeners.remove(listener)


class MailError(KnownError):
    """A mail that cannot be queued or sent again as asked (the family; no code itself)."""


class MailNotConfigured(MailError):
    """No sender address (or no server) is set: Mail settings first."""

    code = "mail.not_configured"


class NoRecipient(MailError):
    code = "mail.no_recipient"


class BadAddress(MailError):
    code = "mail.bad_address"

    def __init__(self, address: str) -> None:
        super().__init__(f"not an email address: {address!r}", address=address)


class NotResendable(MailError):
    """Only a failed mail or one whose outcome is unknown may be sent again."""

    code = "mail.not_resendable"

    def __init__(self, state: str) -> None:
        super().__init__(f"the mail is {state}", state=state)


class MailMissing(MailError):
    code = "mail.missing"


def check_address(address: str) -> str:
    """The bare address of a recipient or sender; :class:`BadAddress` if it is none."""
    bare = address_of(address)
    local, at, domain = bare.rpartition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in bare):
        raise BadAddress(address)
    return bare


def enqueue(session: Session, mail: OutgoingMail, *, sender: str, now: datetime) -> uuid.UUID:
    """Queues ``mail`` in the caller's transaction and returns its outbox id.

    The Message-ID (``<…@sender's domain>``) and the Date are fixed now and the built message
    stored: every later attempt sends these very bytes.

    Raises:
        MailNotConfigured: ``sender`` is empty (mail is not set up).
        NoRecipient: ``mail.to`` is empty.
        BadAddress: a recipient or the sender is not an email address.
    """
    require_aware("now", now)
    if not sender.strip():
        raise MailNotConfigured("no sender address")
    if not mail.to:
        raise NoRecipient
    for address in (*mail.to, sender):
        check_address(address)
    message_id = make_msgid(domain=domain_of(sender))
    raw = build(mail, sender=sender, message_id=message_id, date=now).as_bytes()
    outbox_id = uuid7()
    session.add(
        MailOutboxEntry(
            id=outbox_id,
            message_id=message_id,
            about=mail.about,
            about_id=mail.about_id,
            sender=sender,
            recipients=list(mail.to),
            subject=mail.subject,
            message=raw,
            state=MailState.QUEUED,
            attempts=0,
            next_attempt_at=now,
            last_error="",
            queued_at=now,
            sent_at=None,
            updated_at=now,
        )
    )
    return outbox_id


def send_again(session: Session, outbox_id: uuid.UUID, now: datetime) -> None:
    """A failed mail, or one whose outcome is unknown, queued again as it was: the same row,
    the same bytes, the same Message-ID; its attempts start again.

    Raises:
        MailMissing: no such mail.
        NotResendable: the mail is queued, being sent or sent.
    """
    row = session.get(MailOutboxEntry, outbox_id)
    if row is None:
        raise MailMissing(str(outbox_id))
    if row.state not in RESENDABLE:
        raise NotResendable(row.state)
    row.state = MailState.QUEUED
    row.attempts = 0
    row.next_attempt_at = now
    row.updated_at = now


# --- what the sender does ----------------------------------------------------------------


@dataclass(frozen=True)
class Envelope:
    """What the sender needs to send one claimed mail."""

    outbox_id: uuid.UUID
    sender: str
    recipients: tuple[str, ...]
    message: bytes


def due_ids(session: Session, now: datetime, *, waiting_too: bool = False) -> list[uuid.UUID]:
    """Queued mail due by ``now`` (all queued mail with ``waiting_too``: the user said "send
    now"), oldest first."""
    query = select(MailOutboxEntry.id).where(MailOutboxEntry.state == MailState.QUEUED)
    if not waiting_too:
        query = query.where(MailOutboxEntry.next_attempt_at <= now)
    return list(session.scalars(query.order_by(MailOutboxEntry.queued_at, MailOutboxEntry.id)))


def claim(session: Session, outbox_id: uuid.UUID, now: datetime) -> Envelope | None:
    """Marks a queued mail SENDING (the caller commits before talking to the server); None if
    it is no longer queued (sent again by the user meanwhile, or already taken)."""
    row = session.get(MailOutboxEntry, outbox_id)
    if row is None or row.state != MailState.QUEUED:
        return None
    row.state = MailState.SENDING
    row.attempts += 1
    row.updated_at = now
    return Envelope(row.id, row.sender, tuple(row.recipients), row.message)


def mark_sent(session: Session, outbox_id: uuid.UUID, now: datetime, detail: str = "") -> None:
    """Accepted by the server (``detail``: recipients it refused, if some were)."""
    row = _row(session, outbox_id)
    row.sent_at = now
    _settle(session, row, MailState.SENT, detail, now)


def mark_failed(session: Session, outbox_id: uuid.UUID, now: datetime, detail: str) -> None:
    """Refused for good (a 5xx reply, or too many temporary failures)."""
    _settle(session, _row(session, outbox_id), MailState.FAILED, detail, now)


def mark_unknown(session: Session, outbox_id: uuid.UUID, now: datetime, detail: str) -> None:
    """The server may have it: never sent again without the user."""
    _settle(session, _row(session, outbox_id), MailState.UNKNOWN, detail, now)


def retry_later(session: Session, outbox_id: uuid.UUID, now: datetime, detail: str) -> MailState:
    """A temporary failure before the server had the message: queued again after a backoff
    doubling from a minute (at most an hour), or FAILED after :data:`MAX_ATTEMPTS`."""
    row = _row(session, outbox_id)
    if row.attempts >= MAX_ATTEMPTS:
        _settle(session, row, MailState.FAILED, detail, now)
        return MailState.FAILED
    row.state = MailState.QUEUED
    row.next_attempt_at = now + backoff(row.attempts)
    row.last_error = detail
    row.updated_at = now
    return MailState.QUEUED


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th temporary failure: 1, 2, 4 … minutes, at most 60."""
    return min(FIRST_BACKOFF * (1 << min(max(attempts - 1, 0), 16)), MAX_BACKOFF)


def note_unreachable(
    session: Session, outbox_ids: Sequence[uuid.UUID], now: datetime, detail: str
) -> None:
    """The server could not be reached (no network, refused, login refused): the mail stays
    queued with the reason shown, no attempt counted — a laptop offline for days loses
    nothing and fails nothing; the next round tries again."""
    for outbox_id in outbox_ids:
        row = session.get(MailOutboxEntry, outbox_id)
        if row is not None and row.state == MailState.QUEUED:
            row.last_error = detail
            row.updated_at = now


INTERRUPTED = "SalesDesk stopped while sending this mail; the server may have it."


def recover_interrupted(session: Session, now: datetime) -> int:
    """Mail left SENDING by a process that died mid-send becomes UNKNOWN (never resent by
    itself). Call once at start-up, before any sending; returns how many."""
    rows = session.scalars(
        select(MailOutboxEntry).where(MailOutboxEntry.state == MailState.SENDING)
    ).all()
    for row in rows:
        _settle(session, row, MailState.UNKNOWN, INTERRUPTED, now)
    return len(rows)


def _row(session: Session, outbox_id: uuid.UUID) -> MailOutboxEntry:
    row = session.get(MailOutboxEntry, outbox_id)
    if row is None:
        raise MailMissing(str(outbox_id))
    return row


def _settle(
    session: Session, row: MailOutboxEntry, state: MailState, detail: str, now: datetime
) -> None:
    row.state = state
    row.last_error = detail
    row.updated_at = now
    result = OutboxResult(
        outbox_id=row.id,
        about_id=row.about_id,
        recipients=tuple(row.recipients),
        state=state,
        detail=detail,
        at=now,
        about=row.about,
        message_id=row.message_id,
    )
    for listener in list(_listeners.get(row.about, ())):
        listener(session, result)


# --- what the user sees ------------------------------------------------------------------


@dataclass(frozen=True)
class MailView:
    """One mail as the Outbox lists it (plain data: no session, no ORM object)."""

    id: uuid.UUID
    subject: str
    recipients: tuple[str, ...]
    state: MailState
    attempts: int
    queued_at: datetime
    next_attempt_at: datetime
    sent_at: datetime | None
    updated_at: datetime
    last_error: str
    about: str
    about_id: uuid.UUID | None
    message_id: str


def mail_list(session: Session, limit: int = 500) -> list[MailView]:
    """The newest ``limit`` mails, newest first (the message bytes are not read)."""
    rows = session.scalars(
        select(MailOutboxEntry)
        .order_by(MailOutboxEntry.queued_at.desc(), MailOutboxEntry.id.desc())
        .limit(limit)
    )
    return [_view(row) for row in rows]


def mail_of(session: Session, about_id: uuid.UUID) -> list[MailView]:
    """Every mail about one record (a shipment dispatch), oldest first."""
    rows = session.scalars(
        select(MailOutboxEntry)
        .where(MailOutboxEntry.about_id == about_id)
        .order_by(MailOutboxEntry.queued_at, MailOutboxEntry.id)
    )
    return [_view(row) for row in rows]


def count_due(session: Session, now: datetime) -> int:
    """Queued mail due by ``now`` (the automatic round skips the network when there is none)."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(MailOutboxEntry)
            .where(MailOutboxEntry.state == MailState.QUEUED)
            .where(MailOutboxEntry.next_attempt_at <= now)
        )
        or 0
    )


def message_bytes(session: Session, outbox_id: uuid.UUID) -> bytes:
    """The stored message, exactly as it is sent."""
    return _row(session, outbox_id).message


def _view(row: MailOutboxEntry) -> MailView:
    return MailView(
        id=row.id,
        subject=row.subject,
        recipients=tuple(row.recipients),
        state=MailState(row.state),
        attempts=row.attempts,
        queued_at=row.queued_at,
        next_attempt_at=row.next_attempt_at,
        sent_at=row.sent_at,
        updated_at=row.updated_at,
        last_error=row.last_error,
        about=row.about,
        about_id=row.about_id,
        message_id=row.message_id,
    )
