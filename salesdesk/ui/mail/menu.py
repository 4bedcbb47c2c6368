"""The window's Mail menu: Outbox and Mail settings…, and the automatic sending behind them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from salesdesk.ui.mail.outbox import OutboxWindow
from salesdesk.ui.mail.sending import MailSending
from salesdesk.ui.mail.settings import open_mail_settings

if TYPE_CHECKING:
    from salesdesk.services.container import AppServices
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner


class MailMenu(QObject):
    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 window: QWidget) -> None:
        super().__init__(window)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._window = window
        self.sending = MailSending(services, runner, errors, self)
        self.outbox: OutboxWindow | None = None
        self.menu = QMenu(window)
        self.menu.setObjectName("mailMenu")
        self.outbox_action = QAction(window)
        self.outbox_action.setObjectName("outboxAction")
        self.outbox_action.triggered.connect(self.open_outbox)
        self.settings_action = QAction(window)
        self.settings_action.setObjectName("mailSettingsAction")
        self.settings_action.triggered.connect(self.open_settings)
        self.menu.addAction(self.outbox_action)
        self.menu.addSeparator()
        self.menu.addAction(self.settings_action)
        self.retranslate()

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Mail"))
        self.outbox_action.setText(self.tr("&Outbox"))
        self.settings_action.setText(self.tr("Mail &settings…"))
        if self.outbox is not None:
            self.outbox.retranslate()

    def open_outbox(self) -> OutboxWindow:
        if self.outbox is None:
            self.outbox = OutboxWindow(self._services, self._runner, self._errors,
                                       self.sending, self._window)
        self.outbox.show()
        self.outbox.activateWindow()
        return self.outbox

    def open_settings(self) -> None:
        open_mail_settings(self._services.mail, self._runner, self._errors, self._window)
