"""The send dialog: what stops a send (missing elements, named), who an email reaches and who it
does not (offered the text instead), the SMS/WeChat text with its segment count and Copy, the
PDF to save or print. Every send is logged against the notice by the service."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.shipments import Channel
from salesdesk.kit.changes import Changes
from salesdesk.services.shipments.records import SendPlan, Sent
from salesdesk.ui import messages
from salesdesk.ui.errors import environment_message

if TYPE_CHECKING:
    from salesdesk.services.shipments.service import ShipmentService
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

_ERROR_STYLE = "color: #b3261e;"


def mail_available() -> bool:
    """True once the mail outbox is part of this build (salesdesk/mail/)."""
    try:
        import salesdesk.mail.outbox  # noqa: F401  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return False
    return True


class SendDialog(QDialog):
    """Shows a :class:`SendPlan`; each button asks the page to send by one channel."""

    send_requested = Signal(object)  # Channel
    save_pdf_requested = Signal()
    print_requested = Signal()

    def __init__(self, parent: QWidget | None, plan: SendPlan) -> None:
        super().__init__(parent)
        self.setObjectName("sendNoticeDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(560)
        self.plan = plan
        title = self.tr("Send the updated notice") if plan.is_update else self.tr(
            "Send the shipment notice")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        head = QLabel(plan.subject)
        head.setObjectName("sendSubject")
        head.setStyleSheet("font-weight: 600;")
        head.setWordWrap(True)
        layout.addWidget(head)
        self.problems = QLabel("\n".join(messages.describe(e) for e in plan.problems))
        self.problems.setObjectName("sendProblems")
        self.problems.setStyleSheet(_ERROR_STYLE)
        self.problems.setWordWrap(True)
        self.problems.setVisible(bool(plan.problems))
        layout.addWidget(self.problems)

        reach = [r for r in plan.recipients if r not in plan.without_email]
        self.recipients = QLabel(
            self.tr("Email to: %1").replace(
                "%1", "、".join(f"{r.name} <{r.email}>" for r in reach) or "—"))
        self.recipients.setObjectName("sendRecipients")
        self.recipients.setWordWrap(True)
        layout.addWidget(self.recipients)
        self.no_email = QLabel(
            self.tr("No email address for %1: send them the text below instead (Copy text, "
                    "then paste it into SMS or WeChat).").replace(
                "%1", "、".join(r.name for r in plan.without_email)))
        self.no_email.setObjectName("sendWithoutEmail")
        self.no_email.setWordWrap(True)
        self.no_email.setStyleSheet("color: #9a6700;")
        self.no_email.setVisible(bool(plan.without_email))
        layout.addWidget(self.no_email)

        self.text = QPlainTextEdit(plan.text)
        self.text.setObjectName("sendText")
        self.text.setReadOnly(True)
        self.text.setMinimumHeight(150)
        layout.addWidget(self.text)
        self.segments = QLabel(
            self.tr("%1 characters, %2 SMS").replace("%1", str(len(plan.text)))
            .replace("%2", str(plan.segments)))
        self.segments.setObjectName("sendSegments")
        layout.addWidget(self.segments)
        self.status = QLabel()
        self.status.setObjectName("sendStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.email_button = QPushButton(
            self.tr("Send email (%1)").replace("%1", str(len(reach))))
        self.email_button.setObjectName("sendEmail")
        self.email_button.setEnabled(plan.sendable and bool(reach) and mail_available())
        self.copy_button = QPushButton(self.tr("Copy text"))
        self.copy_button.setObjectName("copyText")
        self.pdf_button = QPushButton(self.tr("Save PDF…"))
        self.pdf_button.setObjectName("savePdf")
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("printNotice")
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeSend")
        for b in (self.copy_button, self.pdf_button, self.print_button):
            b.setEnabled(plan.sendable)
        for b in (self.email_button, self.copy_button, self.pdf_button, self.print_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.email_button.clicked.connect(lambda: self._ask(Channel.EMAIL))
        self.copy_button.clicked.connect(self.copy)
        self.pdf_button.clicked.connect(self.save_pdf_requested.emit)
        self.print_button.clicked.connect(self.print_requested.emit)
        self.close_button.clicked.connect(self.accept)
        (self.copy_button if not self.email_button.isEnabled() else self.email_button).setFocus()

    def copy(self) -> None:
        """Copies the text for SMS or WeChat, and logs it (one send per recipient)."""
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.plan.text)
        self._ask(Channel.SMS)

    def _ask(self, channel: Channel) -> None:
        self.setEnabled(False)  # one send per click, until the page answers
        self.send_requested.emit(channel)

    def done_sending(self, text: str) -> None:
        self.setEnabled(True)
        self.status.setText(text)
        self.status.setStyleSheet("")

    def refused(self, text: str) -> None:
        self.setEnabled(True)
        self.status.setText(text)
        self.status.setStyleSheet(_ERROR_STYLE)


@dataclass(frozen=True)
class _Logged:
    """A PDF saved or printed, and its send logged (the pages refresh on ``changes``)."""

    what: object  # the file saved, or the pages printed
    changes: Changes


class SendFlow:
    """Opens the send dialog for a notice and runs what it asks on the writer."""

    def __init__(self, service: Callable[[], ShipmentService], runner: TaskRunner,
                 errors: ErrorReporter, parent: QWidget,
                 send_email: Callable[[uuid.UUID], Sent] | None = None) -> None:
        self._service_of = service  # built on first use: the page opens before SQLAlchemy
        self._runner = runner
        self._errors = errors
        self._parent = parent
        self._send_email = send_email
        self.after_email: Callable[[], None] | None = None  # the window's mail round
        self.dialog: SendDialog | None = None

    @property
    def _service(self) -> ShipmentService:
        return self._service_of()

    def open(self, notice_id: uuid.UUID) -> None:
        self._runner.run_write(lambda: self._service.plan_send(notice_id),
                               on_done=self._show, on_error=self._errors.handle)

    def _show(self, plan: SendPlan) -> None:
        dialog = SendDialog(self._parent, plan)
        self.dialog = dialog
        dialog.send_requested.connect(lambda channel: self._send(dialog, channel))
        dialog.save_pdf_requested.connect(lambda: self._save_pdf(dialog))
        dialog.print_requested.connect(lambda: self._print(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _failed(self, dialog: SendDialog) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            text = environment_message(exc)
            if text is None:
                dialog.setEnabled(True)
                self._errors.handle(exc)
            else:
                dialog.refused(text)
        return failed

    def _send(self, dialog: SendDialog, channel: Channel) -> None:
        notice_id = dialog.plan.notice_id
        if channel is Channel.EMAIL:
            send_email = self._send_email
            if send_email is None:
                return
            job: Callable[[], Any] = lambda: send_email(notice_id)  # noqa: E731
            said = dialog.tr("The email is in the outbox; it goes out as soon as the mail "
                             "server can be reached.")
        else:
            job = lambda: self._service.log_send(notice_id, channel)  # noqa: E731
            said = dialog.tr("Copied. Paste it into SMS or WeChat; the send is logged.")
        def done(_: object) -> None:
            dialog.done_sending(said)
            if channel is Channel.EMAIL and self.after_email is not None:
                self.after_email()  # out now if the server can be reached

        self._runner.run_write(job, on_done=done, on_error=self._failed(dialog),
                               initiator=dialog)

    def _save_pdf(self, dialog: SendDialog, target: Path | None = None) -> None:
        notice_id = dialog.plan.notice_id
        service = self._service

        def job() -> _Logged:
            pdf, name = service.pdf(notice_id)
            path = target if target is not None else Path(tempfile.gettempdir()) / name
            path.write_bytes(pdf)
            return _Logged(path, service.log_send(notice_id, Channel.PDF).changes)

        if target is None:
            name, _ = QFileDialog.getSaveFileName(
                dialog, dialog.tr("Save the notice as PDF"),
                str(Path.home() / f"{dialog.plan.customer_name}.pdf"),
                dialog.tr("PDF (*.pdf)"))
            if not name:
                return
            target = Path(name)
        self._runner.run_write(
            job, on_done=lambda done: dialog.done_sending(
                dialog.tr("Saved to %1").replace("%1", str(done.what))),
            on_error=self._failed(dialog), initiator=dialog)

    def save_pdf_to(self, target: Path) -> None:
        """Save PDF… with the file already chosen (tests)."""
        assert self.dialog is not None
        self._save_pdf(self.dialog, target)

    def _print(self, dialog: SendDialog) -> None:
        from salesdesk.ui.printing import choose_printer, print_pdf

        printer = choose_printer(dialog, dialog.tr("Print the shipment notice"))
        if printer is None:
            return
        notice_id = dialog.plan.notice_id
        service = self._service

        def job(state: Any) -> int:
            # Off the writer (printing takes seconds); the send is logged on it afterwards.
            pdf, name = service.pdf(notice_id)
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / name
                path.write_bytes(pdf)
                return print_pdf(path, printer, state)

        def printed(pages: int) -> None:
            self._runner.run_write(
                lambda: _Logged(pages, service.log_send(notice_id, Channel.PDF).changes),
                on_done=lambda _: dialog.done_sending(dialog.tr("Printed.")),
                on_error=self._failed(dialog), initiator=dialog)

        self._runner.run_io(job, with_state=True, on_done=printed,
                            on_error=self._failed(dialog), initiator=dialog)
