"""The Sync page: server and login, Sync now with progress and cancel, and lost conflicts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from salesdesk.ui import messages

if TYPE_CHECKING:
    from salesdesk.services.container import AppServices
    from salesdesk.services.sync import Conflict, SyncOutcome, SyncStatus
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import Handle, TaskRunner


def _plain_http_to_network(url: str) -> bool:
    """Whether ``url`` is plain HTTP to anything but this computer (a name is not looked up:
    only ``localhost`` and loopback addresses count as this computer)."""
    import ipaddress
    from urllib.parse import urlsplit

    parts = urlsplit(url if "://" in url else "http://" + url)
    if parts.scheme.lower() != "http":
        return False
    host = (parts.hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


class SyncPage(QWidget):
    logged_in = Signal()
    sync_finished = Signal(object)  # SyncOutcome, or None when it failed or was cancelled
    status_changed = Signal(object)  # SyncStatus

    def __init__(
        self,
        services: AppServices,
        runner: TaskRunner,
        errors: ErrorReporter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._handle: Handle | None = None
        self._status: SyncStatus | None = None
        self._login_attempts = 0  # a status read before the latest attempt keeps its message
        self._logging_in = False  # a status arriving meanwhile leaves Log in disabled
        self._build()
        self.retranslate()
        s = services.settings
        self.server.setText(s.hq_url)
        self.username.setText(s.hq_username)
        self.ca_file.setText(s.hq_ca_file)

    # --- construction -----------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.account_box = QGroupBox()
        form = QFormLayout(self.account_box)
        self.server = QLineEdit()
        self.server.setObjectName("syncServer")
        self.server.setPlaceholderText("https://hq.example.com")
        self.username = QLineEdit()
        self.username.setObjectName("syncUsername")
        self.password = QLineEdit()
        self.password.setObjectName("syncPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        ca_row = QHBoxLayout()
        self.ca_file = QLineEdit()
        self.ca_file.setObjectName("syncCaFile")
        self.ca_browse = QPushButton()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(self.ca_browse)
        self.server_label, self.username_label = QLabel(), QLabel()
        self.password_label, self.ca_label = QLabel(), QLabel()
        form.addRow(self.server_label, self.server)
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        form.addRow(self.ca_label, ca_row)
        buttons = QHBoxLayout()
        self.login_button = QPushButton()
        self.login_button.setObjectName("syncLogin")
        self.logout_button = QPushButton()
        self.logout_button.setObjectName("syncLogout")
        self.logout_button.setEnabled(False)  # until the status says who is logged in
        buttons.addWidget(self.login_button)
        buttons.addWidget(self.logout_button)
        buttons.addStretch()
        form.addRow(buttons)
        self.account_state = QLabel()
        self.account_state.setObjectName("syncAccountState")
        self.account_state.setWordWrap(True)
        form.addRow(self.account_state)
        layout.addWidget(self.account_box)

        self.sync_box = QGroupBox()
        box = QVBoxLayout(self.sync_box)
        row = QHBoxLayout()
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("syncNow")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.setEnabled(False)
        row.addWidget(self.sync_button)
        row.addWidget(self.cancel_button)
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        row.addWidget(self.progress, 1)
        box.addLayout(row)
        self.counts = QLabel()
        self.counts.setObjectName("syncCounts")
        box.addWidget(self.counts)
        self.last_sync = QLabel()
        self.last_sync.setObjectName("syncLast")
        box.addWidget(self.last_sync)
        self.pending = QLabel()
        self.pending.setObjectName("syncPending")
        box.addWidget(self.pending)
        layout.addWidget(self.sync_box)

        self.conflicts_box = QGroupBox()
        cbox = QVBoxLayout(self.conflicts_box)
        self.conflicts = QTableWidget(0, 7)
        self.conflicts.setObjectName("syncConflicts")
        self.conflicts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflicts.verticalHeader().hide()
        self.conflicts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.conflicts.horizontalHeader().setStretchLastSection(True)
        cbox.addWidget(self.conflicts)
        layout.addWidget(self.conflicts_box, 1)

        self.login_button.clicked.connect(self.login)
        self.logout_button.clicked.connect(self.logout)
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button.clicked.connect(self.cancel)
        self.ca_browse.clicked.connect(self._choose_ca)
        self.password.returnPressed.connect(self.login)

    # --- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.account_box.setTitle(self.tr("HQ account"))
        self.server_label.setText(self.tr("Server address"))
        self.username_label.setText(self.tr("Username"))
        self.password_label.setText(self.tr("Password"))
        self.ca_label.setText(self.tr("Company CA file (optional)"))
        self.ca_browse.setText(self.tr("Browse…"))
        self.login_button.setText(self.tr("Log in"))
        self.logout_button.setText(self.tr("Log out"))
        self.sync_box.setTitle(self.tr("Synchronise"))
        self.sync_button.setText(self.tr("Sync now"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.conflicts_box.setTitle(self.tr("Changes of yours that HQ overwrote or refused"))
        self.conflicts.setHorizontalHeaderLabels([
            self.tr("When"), self.tr("Customer"), self.tr("Field"), self.tr("Your value"),
            self.tr("Kept value"), self.tr("By"), self.tr("Why"),
        ])
        if self._status is not None:
            self._show_status(self._status)

    # --- status -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Reads the sync status off the GUI thread and shows it.

        The status can arrive late (the writer thread may be busy); if the user tried to log
        in meanwhile, the account line keeps that attempt's message instead of the older state.
        """
        asked = self._login_attempts
        self._runner.run_write(
            self._services.sync.status,
            on_done=lambda status: self._show_status(
                status, account=asked == self._login_attempts),
            on_error=self._errors.handle,
        )

    def _account_text(self, status: SyncStatus) -> str:
        if not status.logged_in:
            return self.tr("Not logged in.")
        text = self.tr("Logged in to %1 as %2.").replace("%1", status.server_url).replace(
            "%2", status.username)
        if not status.token_persistent:
            text += " " + self.tr(
                "This computer has no keyring, so the login is kept only until SalesDesk "
                "closes; you will be asked to log in again next time.")
        return text

    def _when(self, moment: object) -> str:
        from datetime import datetime

        if not isinstance(moment, datetime):
            return ""
        return moment.astimezone().strftime("%Y-%m-%d %H:%M")  # shown in local time

    def _show_status(self, status: SyncStatus, *, account: bool = True) -> None:
        self._status = status
        if account:
            self.account_state.setText(self._account_text(status))
        self.login_button.setEnabled(not status.logged_in and not self._logging_in)
        self.password.setEnabled(not status.logged_in)
        self.logout_button.setEnabled(status.logged_in)
        self.sync_button.setEnabled(status.logged_in and self._handle is None)
        self.last_sync.setText(
            self.tr("Last successful sync: %1").replace("%1", self._when(status.last_synced))
            if status.last_synced else self.tr("Never synced."))
        self.pending.setText(self.tr("Local changes waiting to be sent: %1").replace(
            "%1", str(status.pending_changes)))
        self.conflicts.setRowCount(len(status.conflicts))
        for row, c in enumerate(status.conflicts):
            values = [
                self._when(c.at),
                c.record or self.tr("(no longer on this computer)"),
                self._conflict_field(c), c.lost_value, c.won_value,
                c.won_by if c.reason is None else self.tr("HQ"),
                self._conflict_reason(c),
            ]
            for col, value in enumerate(values):
                self.conflicts.setItem(row, col, QTableWidgetItem(value))
        self.status_changed.emit(status)

    def _conflict_field(self, c: Conflict) -> str:
        if c.field == "*":
            if c.entity == "contacts":
                return self.tr("New contact")
            if c.entity == "customers":
                return self.tr("New customer")
            return self.tr("New record")
        if c.field == "deleted_at":
            return self.tr("Deleted")
        return messages.field_label(c.field)

    def _conflict_reason(self, c: Conflict) -> str:
        """Why the value was not kept, in words (never HQ's code or raw data)."""
        if c.reason is None:
            return self.tr("Changed at HQ or by a colleague too; by the sync rules their "
                           "change was kept.")
        if c.reason == "reassigned":
            return self.tr("HQ had reassigned this customer to another salesperson before you "
                           "made this change.")
        return self.tr("HQ refused the change (%1).").replace("%1", c.detail)

    # --- actions ----------------------------------------------------------------------

    def _choose_ca(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Company CA file"), "",
            self.tr("Certificates (*.pem *.crt);;All files (*)"))
        if name:
            self.ca_file.setText(name)

    def login(self) -> None:
        url, user, password = self.server.text().strip(), self.username.text().strip(), \
            self.password.text()
        missing = [label for label, value in ((self.tr("Server address"), url),
                                               (self.tr("Username"), user),
                                               (self.tr("Password"), password)) if not value]
        if missing:
            self.account_state.setText(self.tr("Please fill in: %1").replace(
                "%1", ", ".join(missing)))
            return
        if self._status is not None and self._status.logged_in:
            return  # Log out first (the button is disabled; Enter in the field lands here)
        if _plain_http_to_network(url) and not self._confirm_plain_http(url):
            self.account_state.setText(self.tr(
                "Not logged in: the password was not sent. Use the https:// address of HQ."))
            return
        self._login_attempts += 1
        self._logging_in = True
        self.login_button.setEnabled(False)
        self.account_state.setText(self.tr("Logging in…"))
        ca = self.ca_file.text().strip()

        def done(_outcome: object) -> None:  # the runner announces what it changed
            self._logging_in = False
            self.password.clear()
            self.refresh()  # leaves Log in disabled while logged in
            self.logged_in.emit()

        def failed(exc: BaseException) -> None:
            self._logging_in = False
            self.login_button.setEnabled(True)
            self._sync_error(exc)

        self._runner.run_io(lambda: self._services.sync.login(url, user, password, ca),
                            on_done=done, on_error=failed)

    def _confirm_plain_http(self, url: str) -> bool:
        """Asks before a password goes unencrypted over the network; Cancel is the default."""
        box = QMessageBox(self)
        box.setObjectName("plainHttpWarning")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Unencrypted connection"))
        box.setText(self.tr(
            "The address %1 is not encrypted (http://): your password would travel over the "
            "network readable by anyone on it, such as others on a hotel or café Wi-Fi.")
            .replace("%1", url))
        box.setInformativeText(self.tr(
            "Use the https:// address of HQ if it has one. Send the password anyway?"))
        send = box.addButton(self.tr("Send anyway"), QMessageBox.ButtonRole.AcceptRole)
        send.setObjectName("plainHttpSend")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is send

    def logout(self) -> None:
        self._runner.run_io(self._services.sync.logout, on_done=lambda _: self.refresh(),
                            on_error=self._errors.handle)

    def sync_now(self) -> None:
        if self._handle is not None:
            return
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.counts.setText(self.tr("Synchronising…"))
        self._handle = self._runner.run_io(
            self._services.sync.sync_now, with_state=True, on_done=self._synced,
            on_error=self._sync_failed, on_progress=self._on_progress)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self.counts.setText(self.tr("Cancelling…"))

    @property
    def busy(self) -> bool:
        return self._handle is not None

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)
        self.counts.setText(message)

    def _finish(self) -> None:
        self._handle = None
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)

    def _synced(self, outcome: SyncOutcome) -> None:
        self._finish()
        self.progress.setValue(1)
        self.counts.setText(self._outcome_text(outcome))
        self.refresh()
        self.sync_finished.emit(outcome)

    def _outcome_text(self, outcome: SyncOutcome) -> str:
        """What a sync did, as counts after labels (no plural to get wrong in either
        language); refused changes are counted among those sent, and said to be refused."""
        sent = outcome.pushed + outcome.rejected
        if sent == 0 and outcome.pulled == 0 and not (
                outcome.attachments_sent or outcome.attachments_received
                or outcome.attachments_waiting or outcome.attachments_refused):
            return self.tr("Up to date: nothing to send or receive.")
        parts = [self.tr("Changes sent: %1").replace("%1", str(sent))]
        if outcome.rejected:
            parts[0] = self.tr("Changes sent: %1 (refused by HQ: %2)").replace(
                "%1", str(sent)).replace("%2", str(outcome.rejected))
        parts.append(self.tr("Records received: %1").replace("%1", str(outcome.pulled)))
        if outcome.conflicts:
            parts.append(self.tr("Changes of yours overwritten: %1").replace(
                "%1", str(outcome.conflicts)))
        for label, count in (
            (self.tr("Attachments sent: %1"), outcome.attachments_sent),
            (self.tr("Attachments received: %1"), outcome.attachments_received),
            (self.tr("Attachments waiting for the next sync: %1"), outcome.attachments_waiting),
            (self.tr("Attachments refused by HQ (over the size limit or damaged): %1"),
             outcome.attachments_refused),
        ):
            if count:
                parts.append(label.replace("%1", str(count)))
        return self.tr("; ").join(parts) + self.tr(".")

    def _sync_failed(self, exc: BaseException) -> None:
        self._finish()
        self._sync_error(exc)
        self.refresh()
        self.sync_finished.emit(None)

    def _sync_error(self, exc: BaseException) -> None:
        """Says what went wrong and what to do: a sync failure's words (its code's, from
        ``ui/messages.py``) on the page, anything else through the error reporter."""
        from salesdesk.kit.errors import KnownError
        from salesdesk.kit.jobs import Cancelled

        if isinstance(exc, Cancelled):
            self.counts.setText(self.tr("Sync cancelled. What was already exchanged is kept; "
                                        "the next sync continues from there."))
            return
        text = (
            messages.known_text(exc)
            if isinstance(exc, KnownError) and exc.code.startswith("sync.") else None
        )
        if text is None:
            self._errors.handle(exc)
            return
        self.counts.setText(text)
        self.account_state.setText(text)
        self._errors.last_message = text
