"""The Outbox: every mail SalesDesk is sending or has sent, with its state in words (queued,
sending, sent at, failed with the server's reason, outcome unknown), "Send now" with progress
and cancel, and "Send again" for a mail that failed or whose outcome is unknown."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.kit.changes import Changes
from salesdesk.mail.outbox import RESENDABLE, MailState, MailView
from salesdesk.ui import messages

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from salesdesk.mail.sender import SendReport
    from salesdesk.services.container import AppServices
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.mail.sending import MailSending
    from salesdesk.ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
_STATE_COLOURS = {MailState.FAILED: "#b3261e", MailState.UNKNOWN: "#b26a00",
                  MailState.SENT: "#1e7b34"}


class OutboxModel(QAbstractTableModel):
    SUBJECT, TO, STATE, QUEUED, DETAIL = range(5)

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self.rows: list[MailView] = []

    def set_rows(self, rows: list[MailView]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Subject"), self.tr("To"), self.tr("State"), self.tr("Queued"),
                self.tr("Details"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        mail = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(mail, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DETAIL:
            return mail.last_error or None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            colour = _STATE_COLOURS.get(mail.state)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.UserRole:
            return mail.id
        return None

    def _text(self, mail: MailView, column: int) -> str:
        if column == self.SUBJECT:
            return mail.subject
        if column == self.TO:
            return ", ".join(mail.recipients)
        if column == self.STATE:
            return self.state_text(mail)
        if column == self.QUEUED:
            return self._time(mail.queued_at)
        return mail.last_error

    def state_text(self, mail: MailView) -> str:
        if mail.state is MailState.SENT:
            return self.tr("Sent %1").replace("%1", self._time(mail.sent_at or mail.updated_at))
        if mail.state is MailState.SENDING:
            return self.tr("Sending…")
        if mail.state is MailState.FAILED:
            return self.tr("Failed")
        if mail.state is MailState.UNKNOWN:
            return self.tr("Outcome unknown")
        if mail.attempts and mail.next_attempt_at > mail.updated_at:
            return self.tr("Queued, next try %1").replace("%1", self._time(mail.next_attempt_at))
        return self.tr("Queued")

    def _time(self, at: datetime) -> str:
        return at.astimezone(self._zone).strftime("%Y-%m-%d %H:%M")


class OutboxWindow(QDialog):
    """A window of its own (not modal), opened from Mail › Outbox."""

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 sending: MailSending, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxWindow")
        self.resize(900, 480)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._sending = sending
        self.model = OutboxModel(services.zone, self)
        self.table = QTableView()
        self.table.setObjectName("outboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(OutboxModel.SUBJECT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(OutboxModel.DETAIL, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        self.status.setObjectName("outboxStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("outboxProgress")
        self.progress.hide()
        self.send_now = QPushButton()
        self.send_now.setObjectName("outboxSendNow")
        self.send_again = QPushButton()
        self.send_again.setObjectName("outboxSendAgain")
        self.send_again.setEnabled(False)
        self.cancel = QPushButton()
        self.cancel.setObjectName("outboxCancel")
        self.cancel.hide()
        self.close_button = QPushButton()
        self.close_button.setObjectName("outboxClose")
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_now)
        buttons.addWidget(self.send_again)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel)
        buttons.addStretch()
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.send_now.clicked.connect(self._send_now)
        self.send_again.clicked.connect(self._send_again)
        self.cancel.clicked.connect(sending.cancel)
        self.close_button.clicked.connect(self.close)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        sending.started.connect(self._round_started)
        sending.progress.connect(self._round_progress)
        sending.finished.connect(self._round_finished)
        sending.failed.connect(lambda _exc: self._round_ended())
        runner.changes.changed.connect(self._on_changes)
        self.retranslate()
        if sending.running:
            self._round_started()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Outbox"))
        self.send_now.setText(self.tr("Send now"))
        self.send_again.setText(self.tr("Send again"))
        self.cancel.setText(self.tr("Cancel"))
        self.close_button.setText(self.tr("Close"))

    # --- reading -------------------------------------------------------------------------

    def refresh(self) -> None:
        self._runner.run_io(self._services.mail.outbox, on_done=self._show,
                            on_error=self._errors.handle)

    def _show(self, rows: list[MailView]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            for row, mail in enumerate(rows):
                if mail.id == selected.id:
                    self.table.selectRow(row)
        self._selection_changed()

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.mail or changes.store:
            self.refresh()

    def selected(self) -> MailView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        mail = self.selected()
        self.send_again.setEnabled(mail is not None and mail.state in RESENDABLE)

    # --- acting --------------------------------------------------------------------------

    def _send_now(self) -> None:
        self.status.clear()
        self._sending.send_now()

    def _send_again(self) -> None:
        mail = self.selected()
        if mail is None or mail.state not in RESENDABLE:
            return
        if mail.state is MailState.UNKNOWN:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Send again"), self.tr(
                "The connection was lost just after this mail was handed over, so the server "
                "may already have it and the recipient may get it twice. Send it again?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.accepted.connect(lambda: self._queue_again(mail.id))
            box.open()
            return
        self._queue_again(mail.id)

    def _queue_again(self, outbox_id: uuid.UUID) -> None:
        def queued(_changes: Changes) -> None:
            self._sending.send_now()

        self._runner.run_write(lambda: self._services.mail.send_again(outbox_id),
                               on_done=queued, on_error=self._errors.handle, initiator=self)

    # --- a round of sending (by this window or the timer) --------------------------------

    def _round_started(self) -> None:
        self.send_now.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel.show()
        self.status.setText(self.tr("Sending…"))

    def _round_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _round_finished(self, report: SendReport) -> None:
        self._round_ended()
        if report.problem is not None:
            self.status.setText(messages.known_text(report.problem) or str(report.problem))
        elif report.cancelled:
            self.status.setText(self.tr("Stopped; %1 still queued.").replace(
                "%1", str(report.left)))
        else:
            parts = [self.tr("Sent: %1.").replace("%1", str(report.sent))]
            for count, text in ((report.failed, self.tr("Failed: %1.")),
                                (report.unknown, self.tr("Outcome unknown: %1.")),
                                (report.retrying, self.tr("To be retried: %1."))):
                if count:
                    parts.append(text.replace("%1", str(count)))
            self.status.setText(" ".join(parts))
        self.refresh()

    def _round_ended(self) -> None:
        self.send_now.setEnabled(True)
        self.progress.hide()
        self.cancel.hide()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh()
