"""Mail for the UI: the SMTP settings (the password in the keyring only), the outbox as plain
rows, "Send again", and sending as a job (``mail/`` does the work).

A feature that sends mail with its own record (a shipment dispatch) calls
``mail.outbox.enqueue`` inside its own transaction with :attr:`MailService.sender_address`;
:meth:`MailService.queue` is for a mail that is about nothing else.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import sessionmaker

from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain.clock import utcnow
from salesdesk.domain.validation import (
    Checker,
    ErrorCode,
    FieldError,
    ValidationFailed,
    is_email,
)
from salesdesk.kit.changes import Changes
from salesdesk.kit.jobs import JobState
from salesdesk.mail import outbox
from salesdesk.mail.message import OutgoingMail, address_of
from salesdesk.mail.outbox import MailView
from salesdesk.mail.sender import SECURITIES, MailSender, SendReport, SmtpSettings, password_name
from salesdesk.secrets import SecretStore
from salesdesk.settings import Settings

DEFAULT_PORTS = {"tls": 465, "starttls": 587, "none": 25}


@dataclass(frozen=True)
class MailSettingsSaved:
    password_persistent: bool  # False: no keyring; the password lasts this session only

    @property
    def changes(self) -> Changes:
        return Changes(mail=True)


class MailService:
    def __init__(
        self,
        factory: sessionmaker[LocalSession],
        settings: Settings,
        secrets: SecretStore,
        save_settings: Callable[[], None],
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._factory = factory
        self._settings = settings
        self._secrets = secrets
        self._save_settings = save_settings
        self._clock = clock
        self._sender: MailSender | None = None

    # --- settings ------------------------------------------------------------------------

    @property
    def smtp(self) -> SmtpSettings:
        return SmtpSettings.from_settings(self._settings)

    @property
    def sender_address(self) -> str:
        """The From of every mail queued now ("" when mail is not set up)."""
        return self.smtp.sender

    def has_password(self) -> bool:
        smtp = self.smtp
        return bool(smtp.login and self._secrets.get(password_name(smtp)))

    def save_settings(self, smtp: SmtpSettings, password: str | None) -> MailSettingsSaved:
        """Checks and stores the settings; ``password`` (None: keep the stored one) goes to
        the keyring only.

        Raises:
            ValidationFailed: per field (``smtp_host``, ``smtp_port``, ``smtp_security``,
                ``smtp_sender``, ``smtp_login``); nothing is saved.
        """
        check = Checker()
        check.required("smtp_host", smtp.host)
        check.max_length("smtp_host", smtp.host, 253)
        if any(c.isspace() or c in "/:@" for c in smtp.host.strip()):
            check.errors.append(_error("smtp_host", ErrorCode.CHOICE, value=smtp.host))
        check.positive_int("smtp_port", smtp.port, 65535)
        check.choice("smtp_security", smtp.security, set(SECURITIES), optional=False)
        check.required("smtp_sender", smtp.sender)
        if smtp.sender.strip() and not is_email(address_of(smtp.sender)):
            check.errors.append(_error("smtp_sender", ErrorCode.EMAIL))
        check.max_length("smtp_login", smtp.login, 320)
        if check.errors:
            raise ValidationFailed(check.errors)
        s = self._settings
        s.smtp_host, s.smtp_port, s.smtp_security = smtp.host.strip(), smtp.port, smtp.security
        s.smtp_sender, s.smtp_login = smtp.sender.strip(), smtp.login.strip()
        self._save_settings()
        if self._sender is not None:
            self._sender.settings = self.smtp  # the next round uses these
        persistent = True
        saved = self.smtp
        if password is not None and saved.login:
            persistent = self._secrets.set(password_name(saved), password)
        return MailSettingsSaved(persistent)

    # --- the outbox ----------------------------------------------------------------------

    def outbox(self, limit: int = 500) -> list[MailView]:
        with self._factory() as session:
            return outbox.mail_list(session, limit)

    def count_due(self) -> int:
        with self._factory() as session:
            return outbox.count_due(session, self._clock())

    def queue(self, mail: OutgoingMail) -> uuid.UUID:
        """Queues a mail about nothing else, in its own transaction."""
        with unit_of_work(self._factory) as session:
            return outbox.enqueue(session, mail, sender=self.sender_address, now=self._clock())

    def send_again(self, outbox_id: uuid.UUID) -> Changes:
        """A failed mail, or one whose outcome is unknown, queued again as it was."""
        with unit_of_work(self._factory) as session:
            outbox.send_again(session, outbox_id, self._clock())
        return Changes(mail=True)

    def send_due(self, state: JobState | None = None, *, waiting_too: bool = False) -> SendReport:
        """A job: sends what is due (everything queued with ``waiting_too``)."""
        return self._mail_sender().send_due(state, waiting_too=waiting_too)

    def _mail_sender(self) -> MailSender:
        # One sender for the process: its rounds never overlap, and only its first round
        # takes mail left SENDING for a run that died (a second sender would take this one's).
        if self._sender is None:
            self._sender = MailSender(self._factory, self.smtp,
                                      lambda: self._secrets.get(password_name(self.smtp)),
                                      self._clock)
        return self._sender


def _error(name: str, code: ErrorCode, **params: str | int) -> FieldError:
    return FieldError(name, code, dict(params))
