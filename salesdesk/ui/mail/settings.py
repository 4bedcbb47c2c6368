"""Mail settings: the SMTP server, encryption, the sender's address and login; the password
goes to the OS keyring (services/mail.py), never to the settings file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from salesdesk.mail.sender import SmtpSettings
from salesdesk.services.mail import DEFAULT_PORTS, MailSettingsSaved
from salesdesk.ui.promises.dialogs import FormDialog, index_of

if TYPE_CHECKING:
    from salesdesk.services.mail import MailService
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner


class MailSettingsDialog(FormDialog):
    """What the settings become is the value; the page (``open_mail_settings``) saves it."""

    def __init__(self, parent: QWidget | None, smtp: SmtpSettings, has_password: bool) -> None:
        super().__init__(parent, self.tr("Mail settings"))
        self.setObjectName("mailSettingsDialog")
        self.host = QLineEdit(smtp.host)
        self.host.setObjectName("smtpHost")
        self.host.setPlaceholderText("smtp.exmail.qq.com")
        self.security = QComboBox()
        self.security.setObjectName("smtpSecurity")
        for label, value in ((self.tr("SSL/TLS"), "tls"), (self.tr("STARTTLS"), "starttls"),
                             (self.tr("None (not encrypted)"), "none")):
            self.security.addItem(label, value)
        self.security.setCurrentIndex(max(index_of(self.security, smtp.security), 0))
        self.port = QSpinBox()
        self.port.setObjectName("smtpPort")
        self.port.setRange(1, 65535)
        self.port.setValue(smtp.port)
        self.sender_edit = QLineEdit(smtp.sender)
        self.sender_edit.setObjectName("smtpSender")
        self.sender_edit.setPlaceholderText(self.tr("Zhang San <zhang@example.cn>"))
        self.login = QLineEdit(smtp.login)
        self.login.setObjectName("smtpLogin")
        self.login.setPlaceholderText(self.tr("usually your address; empty if none is needed"))
        self.password = QLineEdit()
        self.password.setObjectName("smtpPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("stored in the system keyring; leave empty to keep it") if has_password
            else self.tr("stored in the system keyring"))
        self._previous_security: str = smtp.security
        self.security.currentIndexChanged.connect(self._security_changed)
        self.form.addRow(self.tr("Mail server"), self.host)
        self.form.addRow(self.tr("Encryption"), self.security)
        self.form.addRow(self.tr("Port"), self.port)
        self.form.addRow(self.tr("Your address"), self.sender_edit)
        self.form.addRow(self.tr("Login"), self.login)
        self.form.addRow(self.tr("Password"), self.password)

    def _security_changed(self) -> None:
        """The usual port follows the encryption, unless the user chose another."""
        new = str(self.security.currentData())
        if self.port.value() == DEFAULT_PORTS.get(self._previous_security):
            self.port.setValue(DEFAULT_PORTS[new])
        self._previous_security = new

    def value(self) -> tuple[SmtpSettings, str | None]:
        smtp = SmtpSettings(
            host=self.host.text().strip(),
            port=self.port.value(),
            security=self.security.currentData(),
            sender=self.sender_edit.text().strip(),
            login=self.login.text().strip(),
        )
        return smtp, (self.password.text() or None)


def open_mail_settings(service: MailService, runner: TaskRunner, errors: ErrorReporter,
                       parent: QWidget) -> MailSettingsDialog:
    """Opens the dialog (window-modal); OK saves on the writer, a refusal names the field."""
    dialog = MailSettingsDialog(parent, service.smtp, service.has_password())

    def saved(result: MailSettingsSaved) -> None:
        dialog.succeeded()
        if not result.password_persistent:
            errors.inform(dialog.tr(
                "This computer has no keyring, so the mail password is kept only until "
                "SalesDesk closes."), warning=True)

    def submitted(value: tuple[SmtpSettings, str | None]) -> None:
        runner.run_write(lambda: service.save_settings(*value), on_done=saved,
                         on_error=lambda exc: dialog.refused(exc, errors.handle),
                         initiator=dialog)

    dialog.submitted.connect(submitted)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
