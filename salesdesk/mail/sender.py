"""Sending the mail outbox over SMTP: one connection reused for every due mail.

Each mail is claimed (SENDING, committed) before the server hears of it and settled after the
server's answer, each in its own short transaction — never a transaction open across the
network. What the answer means (``outbox.py`` has the states):

* 250 after DATA → SENT; the server has it.
* 5xx (to MAIL, to every recipient, or after DATA) → FAILED with the server's words; the rest
  of the outbox still goes. Recipients refused while others were accepted: SENT to those,
  with the refusals as the detail.
* 4xx, or the connection lost or timed out before the DATA terminator went out → QUEUED again
  with a backoff (FAILED after ``outbox.MAX_ATTEMPTS``); the server never had the message.
* The connection lost or timed out after the terminator went out, before the reply → UNKNOWN:
  the server may have accepted it. Never retried by itself.
* The server unreachable, TLS or the login refused, no password → nothing claimed; every due
  mail stays QUEUED with the reason, no attempt counted (offline first), and the report says
  why (a :class:`KnownError` the UI words).
"""

from __future__ import annotations

import base64
import contextlib
import re
import smtplib
import ssl
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from typing import Literal

from sqlalchemy.orm import sessionmaker

from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain.clock import utcnow
from salesdesk.kit.changes import Changes
from salesdesk.kit.errors import KnownError
from salesdesk.kit.jobs import JobState
from salesdesk.mail import outbox
from salesdesk.mail.message import address_of
from salesdesk.mail.outbox import MailNotConfigured
from salesdesk.settings import Settings

Security = Literal["none", "starttls", "tls"]
SECURITIES: tuple[Security, ...] = ("none", "starttls", "tls")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: Security
    sender: str  # the From address, "name <a@b.cn>" or "a@b.cn"
    login: str  # "" = the server needs no login
    timeout_s: float = 30
    ca_file: str = ""  # a company CA to trust besides the system's ("" = the system's only)

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpSettings:
        security = settings.smtp_security
        return cls(
            host=settings.smtp_host.strip(),
            port=settings.smtp_port,
            security=security if security in SECURITIES else "tls",
            sender=settings.smtp_sender.strip(),
            login=settings.smtp_login.strip(),
            ca_file=settings.smtp_ca_file,
        )

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender and 0 < self.port < 65536)

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"


def password_name(settings: SmtpSettings) -> str:
    """The name the SMTP password is kept under in the keyring (salesdesk/secrets.py)."""
    return f"smtp:{settings.login}@{settings.host}:{settings.port}"


class MailUnreachable(KnownError):
    """No connection (network, refused, timeout, TLS): mail stays queued."""

    code = "mail.unreachable"

    def __init__(self, server: str, reason: str) -> None:
        super().__init__(f"{server}: {reason}", server=server, reason=reason)


class MailLoginRefused(KnownError):
    code = "mail.login_refused"

    def __init__(self, login: str, reason: str) -> None:
        super().__init__(f"{login}: {reason}", login=login, reason=reason)


class MailNoPassword(KnownError):
    code = "mail.no_password"

    def __init__(self, login: str) -> None:
        super().__init__(login, login=login)


@dataclass(frozen=True)
class SendReport:
    """What one round of :meth:`MailSender.send_due` did."""

    sent: int = 0
    failed: int = 0
    unknown: int = 0  # outcome unknown this round
    retrying: int = 0  # back in the queue after a temporary failure
    recovered: int = 0  # found SENDING from a previous run: now UNKNOWN
    left: int = 0  # not tried: cancelled, or the server became unreachable
    cancelled: bool = False
    problem: KnownError | None = None  # why nothing (more) could be sent

    @property
    def changes(self) -> Changes:
        touched = self.sent or self.failed or self.unknown or self.retrying or self.recovered
        return Changes(mail=bool(touched or self.problem or self.left))


class _Kind(Enum):
    SENT = "sent"
    FAILED = "failed"
    RETRY = "retry"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class _Outcome:
    kind: _Kind
    detail: str = ""
    broken: bool = False  # the connection cannot be used for the next mail


class _LostAfterData(Exception):
    """The DATA terminator went out; then the connection was lost or timed out."""


class MailSender:
    """Sends due mail from the outbox; one round at a time (a second waits for the first)."""

    def __init__(
        self,
        factory: sessionmaker[LocalSession],
        settings: SmtpSettings,
        password: Callable[[], str | None],
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._factory = factory
        self.settings = settings
        self._password = password
        self._clock = clock
        self._round = threading.Lock()
        self._recovered = False

    def count_due(self) -> int:
        with self._factory() as session:
            return outbox.count_due(session, self._clock())

    def send_due(self, state: JobState | None = None, *, waiting_too: bool = False) -> SendReport:
        """Sends every due QUEUED mail (every queued one with ``waiting_too``: "Send now")
        over one connection; a job for ``kit/jobs.py`` (progress per mail; cancel between
        mails). Mail left SENDING by a run that died becomes UNKNOWN first, once."""
        state = state or JobState()
        with self._round:
            report = SendReport(recovered=self._recover())
            with unit_of_work(self._factory) as session:
                ids = outbox.due_ids(session, self._clock(), waiting_too=waiting_too)
            if not ids:
                return report
            return self._send(ids, state, report)

    def _recover(self) -> int:
        if self._recovered:
            return 0
        with unit_of_work(self._factory) as session:
            found = outbox.recover_interrupted(session, self._clock())
        self._recovered = True
        return found

    def _send(self, ids: list[uuid.UUID], state: JobState, report: SendReport) -> SendReport:
        counts = {kind: 0 for kind in _Kind}
        smtp: smtplib.SMTP | None = None
        left: Sequence[uuid.UUID] = ()
        problem: KnownError | None = None
        try:
            for done, outbox_id in enumerate(ids):
                state.progress(done, len(ids))
                if state.cancelled:
                    left = ids[done:]
                    break
                if smtp is None:
                    try:
                        smtp = self._connect()
                    except KnownError as exc:
                        left, problem = ids[done:], exc
                        self._note_unreachable(left, exc.detail)
                        break
                with unit_of_work(self._factory) as session:
                    envelope = outbox.claim(session, outbox_id, self._clock())
                if envelope is None:
                    continue
                outcome = self._transact(smtp, envelope)
                counts[self._settle(outbox_id, outcome)] += 1
                if outcome.broken:
                    _close(smtp)
                    smtp = None
            else:
                state.progress(len(ids), len(ids))
        finally:
            if smtp is not None:
                _quit(smtp)
        return replace(
            report,
            sent=counts[_Kind.SENT],
            failed=counts[_Kind.FAILED],
            unknown=counts[_Kind.UNKNOWN],
            retrying=counts[_Kind.RETRY],
            left=len(left),
            cancelled=state.cancelled and bool(left),
            problem=problem,
        )

    def _note_unreachable(self, ids: Sequence[uuid.UUID], detail: str) -> None:
        with unit_of_work(self._factory) as session:
            outbox.note_unreachable(session, ids, self._clock(), detail)

    def _settle(self, outbox_id: uuid.UUID, outcome: _Outcome) -> _Kind:
        with unit_of_work(self._factory) as session:
            now = self._clock()
            if outcome.kind is _Kind.SENT:
                outbox.mark_sent(session, outbox_id, now, outcome.detail)
            elif outcome.kind is _Kind.FAILED:
                outbox.mark_failed(session, outbox_id, now, outcome.detail)
            elif outcome.kind is _Kind.UNKNOWN:
                outbox.mark_unknown(session, outbox_id, now, outcome.detail)
            else:
                state = outbox.retry_later(session, outbox_id, now, outcome.detail)
                if state is outbox.MailState.FAILED:
                    return _Kind.FAILED
        return outcome.kind

    # --- SMTP ----------------------------------------------------------------------------

    def _connect(self) -> smtplib.SMTP:
        """A connection ready for MAIL FROM: greeted, TLS as set, logged in if a login is set.

        Raises:
            MailNotConfigured, MailUnreachable, MailNoPassword, MailLoginRefused.
        """
        s = self.settings
        if not s.configured:
            raise MailNotConfigured("no server or sender")
        password = None
        if s.login:
            password = self._password()
            if not password:
                raise MailNoPassword(s.login)
        smtp: smtplib.SMTP | None = None
        try:
            if s.security == "tls":
                smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout_s,
                                        context=self._tls())
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout_s)
            smtp.ehlo()
            if s.security == "starttls":
                smtp.starttls(context=self._tls())
                smtp.ehlo()
        except (OSError, smtplib.SMTPException) as exc:  # refused, timeout, DNS, TLS, 4xx/5xx
            if smtp is not None:
                _close(smtp)
            raise MailUnreachable(s.server, _reason(exc)) from exc
        if s.login and password:
            try:
                _login(smtp, s.login, password)
            except (smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError) as exc:
                _quit(smtp)
                raise MailLoginRefused(s.login, _reason(exc)) from exc
            except (OSError, smtplib.SMTPException) as exc:
                _close(smtp)
                raise MailUnreachable(s.server, _reason(exc)) from exc
        return smtp

    def _tls(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.settings.ca_file:
            context.load_verify_locations(self.settings.ca_file)
        return context

    def _transact(self, smtp: smtplib.SMTP, envelope: outbox.Envelope) -> _Outcome:
        """One mail over an open connection; never raises for what the server or the
        network does."""
        try:
            code, reply = smtp.mail(address_of(envelope.sender))
            if code != 250:  # SMTP's "OK"
                return _refused(smtp, _answer(code, reply), temporary=_temporary(code))
            accepted: list[str] = []
            refused: list[str] = []
            for recipient in envelope.recipients:
                code, reply = smtp.rcpt(address_of(recipient))
                if code in (250, 251):
                    accepted.append(recipient)
                elif _temporary(code):
                    return _refused(smtp, f"{recipient}: {_answer(code, reply)}", temporary=True)
                else:
                    refused.append(f"{recipient}: {_answer(code, reply)}")
            if not accepted:
                return _refused(smtp, "; ".join(refused), temporary=False)
            code, reply = _data(smtp, envelope.message)
        except _LostAfterData as exc:
            return _Outcome(_Kind.UNKNOWN, f"connection lost after the message was sent: {exc}",
                            broken=True)
        except (OSError, smtplib.SMTPException) as exc:
            return _Outcome(_Kind.RETRY, _reason(exc), broken=True)
        if code == 250:  # SMTP's "OK"
            return _Outcome(_Kind.SENT, "; ".join(refused))
        if code == 354:  # DATA refused: the server said something else
            return _refused(smtp, _answer(code, reply), temporary=True)
        return _Outcome(_Kind.RETRY if _temporary(code) else _Kind.FAILED, _answer(code, reply),
                        broken=code == 421)  # the server is closing


def _login(smtp: smtplib.SMTP, login: str, password: str) -> None:
    """smtplib's login; a login or password that is not ASCII (口令…) goes as AUTH PLAIN in
    UTF-8 (RFC 4616), which smtplib cannot send (it encodes them as ASCII)."""
    if (login + password).isascii():
        smtp.login(login, password)
        return
    smtp.ehlo_or_helo_if_needed()
    if "PLAIN" not in smtp.esmtp_features.get("auth", "").upper().split():
        raise smtplib.SMTPNotSupportedError(
            "the server offers no AUTH PLAIN, the one way to send a password that is not ASCII")
    token = base64.b64encode(b"\0" + login.encode() + b"\0" + password.encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", "PLAIN " + token)
    if code not in (235, 503):  # 503: already authenticated
        raise smtplib.SMTPAuthenticationError(code, reply)


_LEADING_DOT = re.compile(rb"(?m)^\.")


def _data(smtp: smtplib.SMTP, message: bytes) -> tuple[int, bytes]:
    """smtplib's DATA, telling apart a connection lost before the terminator went out (the
    server cannot have the message) from one lost after (it may)."""
    smtp.putcmd("data")
    code, reply = smtp.getreply()
    if code != 354:  # "start mail input"
        return code, reply
    body = _LEADING_DOT.sub(b"..", message)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    smtp.send(body + b".\r\n")
    try:
        return smtp.getreply()
    except (OSError, smtplib.SMTPException) as exc:
        raise _LostAfterData(_reason(exc)) from exc


def _refused(smtp: smtplib.SMTP, detail: str, *, temporary: bool) -> _Outcome:
    """A transaction the server refused before the message: reset for the next one."""
    kind = _Kind.RETRY if temporary else _Kind.FAILED
    try:
        smtp.rset()
    except (OSError, smtplib.SMTPException):
        return _Outcome(kind, detail, broken=True)
    return _Outcome(kind, detail)


def _temporary(code: int) -> bool:
    return 400 <= code < 500  # SMTP's transient failures


def _answer(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return f"{code} {text}".strip()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return _answer(exc.smtp_code, exc.smtp_error)
    return str(exc) or type(exc).__name__


def _quit(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        _close(smtp)


def _close(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError):
        smtp.close()
