"""Recording a complaint while the customer is still on the phone or in front of you: the form
on the left, the reception script on the right, filled as the salesperson types (the customer's
name, the complaint read back, its reference, the committed contact time in words, which
follows the severity). Saving shows the receipt: the reference, the committed time and the
short text for SMS or WeChat, ready to copy.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.complaint_clock import Severity
from salesdesk.domain.complaints import Channel, ComplaintCategory
from salesdesk.services.complaints.records import ComplaintDraft, Recorded
from salesdesk.services.complaints.script import ScriptFacts, receipt_text, reception_script
from salesdesk.ui import messages
from salesdesk.ui.complaints.words import category_label, channel_label, severity_label
from salesdesk.ui.promises.dialogs import (
    ContactsReader,
    FormDialog,
    chosen_customer,
    contacts_reader,
    customer_choice,
    index_of,
    run_dialog,
)

if TYPE_CHECKING:
    from salesdesk.services.container import AppServices
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

Committer = Callable[[str, str], str]  # (severity, language) -> the committed time in words


def app_language() -> str:
    app = QApplication.instance()
    value = app.property("salesdesk_language") if app is not None else None
    return str(value) if value else "en"


class RecordComplaintDialog(FormDialog):
    """``committed(severity, language)`` words the committed contact time (pure: asked on
    every change of severity); ``reference`` is the one the script reads out."""

    contacts_loaded = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        customers: list[tuple[uuid.UUID, str]],
        contacts: ContactsReader,
        committed: Committer,
        reference: str,
        *,
        customer_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent, self.tr("New complaint"))
        self.setObjectName("recordComplaintDialog")
        self.setMinimumWidth(900)
        self._contacts = contacts
        self._committed = committed
        self.reference = reference
        self.customer = customer_choice(customers, "complaintCustomer")
        self.contact = QComboBox()
        self.contact.setObjectName("complaintContact")
        self.contact_name = QLineEdit()
        self.contact_name.setObjectName("complaintContactName")
        self.contact_name.setPlaceholderText(self.tr("if not a contact on file"))
        self.channel = self._combo("complaintChannel", [(c.value, channel_label(c.value))
                                                        for c in Channel])
        self.category = self._combo("complaintCategory",
                                    [(c.value, category_label(c.value))
                                     for c in ComplaintCategory])
        self.severity = self._combo("complaintSeverity", [(s.value, severity_label(s.value))
                                                          for s in Severity])
        self.severity.setCurrentIndex(index_of(self.severity, Severity.NORMAL.value))
        self.description = QPlainTextEdit()
        self.description.setObjectName("complaintDescription")
        self.description.setPlaceholderText(self.tr("In the customer's own words"))
        self.description.setFixedHeight(110)
        self.batch_no = QLineEdit()
        self.batch_no.setObjectName("complaintBatch")
        self.files = QListWidget()
        self.files.setObjectName("complaintFiles")
        self.files.setFixedHeight(60)
        self.add_files = QPushButton(self.tr("Attach files…"))
        self.add_files.setObjectName("complaintAttach")
        files_row = QHBoxLayout()
        files_row.addWidget(self.files, 1)
        files_row.addWidget(self.add_files)
        for label, widget in ((messages.field_label("customer"), self.customer),
                              (self.tr("Contact"), self.contact),
                              (messages.field_label("contact_name"), self.contact_name),
                              (messages.field_label("channel"), self.channel),
                              (messages.field_label("category"), self.category),
                              (messages.field_label("severity"), self.severity),
                              (messages.field_label("complaint"), self.description),
                              (messages.field_label("batch_no"), self.batch_no)):
            self.form.addRow(label, widget)
        self.form.addRow(self.tr("Attachments"), files_row)

        # The script beside the form.
        self.layout_.removeItem(self.form)
        side = QVBoxLayout()
        self.script_title = QLabel(self.tr("Reception script — read it out"))
        self.script_title.setStyleSheet("font-weight: 600;")
        self.script = QLabel()
        self.script.setObjectName("receptionScript")
        self.script.setWordWrap(True)
        self.script.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.script.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.script.setMinimumWidth(380)
        self.script.setStyleSheet("background: #f6f8fb; padding: 10px; font-size: 14px;")
        side.addWidget(self.script_title)
        side.addWidget(self.script, 1)
        row = QHBoxLayout()
        row.addLayout(self.form, 3)
        row.addLayout(side, 2)
        self.layout_.insertLayout(0, row)

        self.customer.currentIndexChanged.connect(self._customer_changed)
        self.customer.currentTextChanged.connect(self.update_script)
        self.contact.currentIndexChanged.connect(self.update_script)
        self.contact_name.textChanged.connect(self.update_script)
        self.description.textChanged.connect(self.update_script)
        self.severity.currentIndexChanged.connect(self.update_script)
        self.add_files.clicked.connect(self.choose_files)
        if customer_id is not None:
            self.customer.setCurrentIndex(index_of(self.customer, customer_id))
        self._customer_changed()
        self.description.setFocus()

    @staticmethod
    def _combo(name: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for value, text in items:
            combo.addItem(text, value)
        return combo

    def _customer_changed(self) -> None:
        self.contact.clear()
        self.contact.addItem("—", None)
        chosen = self.customer.currentData()
        if isinstance(chosen, uuid.UUID):
            self._contacts(chosen, lambda found: self._show_contacts(chosen, found))
        self.update_script()

    def _show_contacts(self, customer_id: uuid.UUID, found: list[tuple[uuid.UUID, str]]) -> None:
        if self.customer.currentData() != customer_id:
            return
        for cid, name in found:
            self.contact.addItem(name, cid)
        self.contacts_loaded.emit()

    def committed_words(self) -> str:
        return self._committed(str(self.severity.currentData()), app_language())

    def facts(self) -> ScriptFacts:
        contact = self.contact_name.text().strip()
        if not contact and self.contact.currentData() is not None:
            contact = self.contact.currentText()
        return ScriptFacts(customer=self.customer.currentText(), contact=contact,
                           description=self.description.toPlainText(),
                           reference=self.reference, committed=self.committed_words())

    def update_script(self) -> None:
        lines = reception_script(self.facts(), app_language())
        self.script.setText("\n\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1)))

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        self.attach_files([Path(n) for n in names])

    def attach_files(self, paths: list[Path]) -> None:
        for path in paths:
            self.files.addItem(str(path))

    def value(self) -> ComplaintDraft:
        return ComplaintDraft(
            customer_id=chosen_customer(self.customer),
            description=self.description.toPlainText(),
            channel=str(self.channel.currentData()),
            category=str(self.category.currentData()),
            severity=str(self.severity.currentData()),
            contact_id=self.contact.currentData(),
            contact_name=self.contact_name.text(),
            batch_no=self.batch_no.text(),
            reference=self.reference,
            attachments=tuple(Path(self.files.item(i).text())
                              for i in range(self.files.count())),
        )

    def succeeded(self, result: object = None) -> None:
        facts = self.facts()
        super().succeeded(result)
        if isinstance(result, Recorded):
            receipt = ReceiptDialog(self.parentWidget(), result,
                                    ScriptFacts(facts.customer, facts.contact, facts.description,
                                                result.reference, facts.committed))
            receipt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.receipt = receipt
            receipt.open()


class ReceiptDialog(QDialog):
    """What the customer is given: the reference, the committed time, and the SMS/WeChat
    text to copy."""

    def __init__(self, parent: QWidget | None, recorded: Recorded, facts: ScriptFacts) -> None:
        super().__init__(parent)
        self.setObjectName("complaintReceiptDialog")
        self.setWindowTitle(self.tr("Complaint recorded"))
        self.recorded = recorded
        layout = QVBoxLayout(self)
        self.summary = QLabel(
            self.tr("Reference %1. %2.").replace("%1", recorded.reference)
            .replace("%2", facts.committed))
        self.summary.setObjectName("receiptSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Text for SMS or WeChat:")))
        self.text = QPlainTextEdit(receipt_text(facts, app_language()))
        self.text.setObjectName("receiptText")
        self.text.setReadOnly(True)
        self.text.setFixedHeight(90)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy = buttons.addButton(self.tr("Copy text"),
                                      QDialogButtonBox.ButtonRole.ActionRole)
        self.copy.setObjectName("copyReceipt")
        self.copy.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def record_complaint(services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                     parent: QWidget, *, customer_id: uuid.UUID | None = None,
                     opened: Callable[[RecordComplaintDialog], None] | None = None) -> None:
    """Opens the record dialog once the customers and the reference to read out are read;
    saving records the complaint on the writer and shows the receipt."""
    complaints, promises = services.complaints, services.promises

    def show(found: tuple[list[tuple[uuid.UUID, str]], str]) -> None:
        reader = contacts_reader(runner, errors, promises)
        dialog = RecordComplaintDialog(
            parent, found[0], reader, lambda sev, lang: complaints.committed(sev, lang).words,
            found[1], customer_id=customer_id)
        if opened is not None:
            opened(dialog)
        run_dialog(runner, errors, dialog, complaints.record)

    runner.run_write(lambda: (promises.customers(), complaints.next_reference()),
                     on_done=show, on_error=errors.handle)


class NewComplaintButton(QPushButton):
    """"New complaint…" beside a customer (the customer view's hook): the record dialog for
    the customer ``shown()`` names (none: the dialog asks which)."""

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 shown: Callable[[], uuid.UUID | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerNewComplaint")
        self._services, self._runner, self._errors, self._shown = services, runner, errors, shown
        self.dialog: RecordComplaintDialog | None = None
        self.clicked.connect(self._open)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setText(self.tr("New complaint…"))

    def _open(self) -> None:
        def opened(dialog: RecordComplaintDialog) -> None:
            self.dialog = dialog

        record_complaint(self._services, self._runner, self._errors, self.window(),
                         customer_id=self._shown(), opened=opened)
