"""The Promises page's dialogs: a new promise, close (kept or broken), a reason (cancel,
reopen), a new due date.

Each dialog only collects what the user typed and emits ``submitted``; the page runs the
change on the writer and either closes the dialog (:meth:`FormDialog.succeeded`) or shows
the service's refusal in it, naming the field (:meth:`FormDialog.refused`), so the domain's
rules are the only rules and nothing typed is lost.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.people import Department
from salesdesk.domain.promises import PromiseStatus
from salesdesk.ui import messages
from salesdesk.ui.errors import environment_message

if TYPE_CHECKING:
    from salesdesk.services.promises import PromiseDraft, PromiseService
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

_ERROR_STYLE = "color: #b3261e;"
ContactsReader = Callable[[uuid.UUID, Callable[[list[tuple[uuid.UUID, str]]], None]], None]


def index_of(combo: QComboBox, value: object) -> int:
    """The first item whose data equals ``value`` (0 when none): ``QComboBox.findData``
    compares Python objects such as UUIDs by identity, not by value."""
    for i in range(combo.count()):
        if combo.itemData(i) == value:
            return i
    return 0


def customer_choice(customers: list[tuple[uuid.UUID, str]], name: str) -> QComboBox:
    """An editable combo of customers (none chosen first) that completes on any part of a
    name, as people type a Chinese company name: the new promise's and new complaint's."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("", None)
    for cid, text in customers:
        combo.addItem(text, cid)
    completer = combo.completer()
    assert completer is not None  # an editable combo has one
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


def chosen_customer(combo: QComboBox) -> uuid.UUID | None:
    """The customer chosen: what was typed must name one exactly (else None: the service
    says it is required)."""
    chosen = combo.currentData()
    if combo.currentText() != combo.itemText(combo.currentIndex()):
        return None
    return chosen if isinstance(chosen, uuid.UUID) else None


def fill_combo(combo: QComboBox, items: list[tuple[object, str]]) -> None:
    """Replaces the items (data, text), keeping the current choice when it is still there,
    without signalling a change."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for data, text in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(index_of(combo, current))
    combo.blockSignals(False)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(value: date, name: str) -> QDateEdit:
    edit = QDateEdit(to_qdate(value))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class FormDialog(QDialog):
    """A small form with an error line and OK / Cancel; OK emits ``submitted``."""

    submitted = Signal(object)

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.layout_.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("dialogOk")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)

    def value(self) -> object:
        raise NotImplementedError

    def _submit(self) -> None:
        self.ok.setEnabled(False)  # until the page answers: one change per click
        self.submitted.emit(self.value())

    def succeeded(self, _result: object = None) -> None:
        self.accept()

    def refused(self, exc: BaseException, bug: Callable[[BaseException], None]) -> None:
        """Shows why the change was refused (the field and the problem); a bug goes to
        ``bug``, which shows the crash dialog."""
        self.ok.setEnabled(True)
        text = environment_message(exc)
        if text is None:
            bug(exc)
            return
        self.error.setText(text)
        self.error.show()


class NewPromiseDialog(FormDialog):
    """What, to whom, by when and who delivers. ``customers``: (id, name) to choose from;
    ``contacts(customer_id, done)`` reads a customer's contacts off the GUI thread and calls
    ``done`` with them."""

    contacts_loaded = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        customers: list[tuple[uuid.UUID, str]],
        contacts: ContactsReader,
        today: date,
        customer_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent, self.tr("New promise"))
        self.setObjectName("newPromiseDialog")
        self._contacts = contacts
        self.customer = customer_choice(customers, "promiseCustomer")
        self.contact = QComboBox()
        self.contact.setObjectName("promiseContact")
        self.made_to = QLineEdit()
        self.made_to.setObjectName("promiseMadeTo")
        self.made_to.setPlaceholderText(self.tr("if not a contact on file"))
        self.description = QPlainTextEdit()
        self.description.setObjectName("promiseDescription")
        self.description.setFixedHeight(80)
        self.due = date_edit(today, "promiseDue")
        self.department = QComboBox()
        self.department.setObjectName("promiseDepartment")
        for value in ("", *(d.value for d in Department)):
            self.department.addItem(messages.department_label(value), value)
        for key, widget in (("customer", self.customer), ("contact_id", self.contact),
                            ("made_to", self.made_to), ("description", self.description),
                            ("due", self.due), ("department", self.department)):
            self.form.addRow(messages.field_label(key), widget)
        self.customer.currentIndexChanged.connect(self._customer_changed)
        if customer_id is not None:
            self.customer.setCurrentIndex(index_of(self.customer, customer_id))
        self._customer_changed()
        self.description.setFocus()

    def _customer_changed(self) -> None:
        self.contact.clear()
        self.contact.addItem("—", None)
        chosen = self.customer.currentData()
        if isinstance(chosen, uuid.UUID):
            self._contacts(chosen, lambda found: self._show_contacts(chosen, found))

    def _show_contacts(self, customer_id: uuid.UUID, found: list[tuple[uuid.UUID, str]]) -> None:
        if self.customer.currentData() != customer_id:
            return  # another customer was chosen meanwhile
        for cid, name in found:
            self.contact.addItem(name, cid)
        self.contacts_loaded.emit()

    def value(self) -> PromiseDraft:
        from salesdesk.services.promises import PromiseDraft  # SQLAlchemy: not at first paint

        return PromiseDraft(
            customer_id=chosen_customer(self.customer),
            description=self.description.toPlainText(),
            due=from_qdate(self.due.date()),
            contact_id=self.contact.currentData(),
            made_to=self.made_to.text(),
            department=str(self.department.currentData()),
        )


class CloseDialog(FormDialog):
    """Kept or broken; broken needs a reason (the service says so if it is missing)."""

    def __init__(self, parent: QWidget | None, promise: str) -> None:
        super().__init__(parent, self.tr("Close the promise"))
        self.setObjectName("closePromiseDialog")
        what = QLabel(promise)
        what.setWordWrap(True)
        self.form.addRow(what)
        self.kept = QRadioButton(messages.promise_status_label("kept"))
        self.kept.setObjectName("closeKept")
        self.broken = QRadioButton(messages.promise_status_label("broken"))
        self.broken.setObjectName("closeBroken")
        self.kept.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.kept)
        group.addButton(self.broken)
        self.form.addRow(self.kept)
        self.form.addRow(self.broken)
        self.reason = QLineEdit()
        self.reason.setObjectName("closeReason")
        self.reason.setPlaceholderText(self.tr("why it was not kept"))
        self.form.addRow(messages.field_label("reason"), self.reason)

    def value(self) -> tuple[PromiseStatus, str]:
        outcome = PromiseStatus.KEPT if self.kept.isChecked() else PromiseStatus.BROKEN
        return outcome, self.reason.text()


class ReasonDialog(FormDialog):
    """A reason, for cancelling or reopening a promise."""

    def __init__(self, parent: QWidget | None, title: str, promise: str, hint: str) -> None:
        super().__init__(parent, title)
        self.setObjectName("promiseReasonDialog")
        what = QLabel(promise)
        what.setWordWrap(True)
        self.form.addRow(what)
        self.reason = QLineEdit()
        self.reason.setObjectName("promiseReason")
        self.reason.setPlaceholderText(hint)
        self.form.addRow(messages.field_label("reason"), self.reason)

    def value(self) -> str:
        return self.reason.text()


class DueDialog(FormDialog):
    def __init__(self, parent: QWidget | None, promise: str, due: date) -> None:
        super().__init__(parent, self.tr("Change the due date"))
        self.setObjectName("promiseDueDialog")
        what = QLabel(promise)
        what.setWordWrap(True)
        self.form.addRow(what)
        self.due = date_edit(due, "promiseNewDue")
        self.form.addRow(messages.field_label("due"), self.due)

    def value(self) -> date:
        return from_qdate(self.due.date())


def run_dialog(runner: TaskRunner, errors: ErrorReporter, dialog: FormDialog,
               change: Callable[[Any], object]) -> None:
    """Opens ``dialog`` (window-modal); each OK runs ``change`` with its value on the writer:
    done closes the dialog, a refusal is shown in it."""

    def submitted(value: object) -> None:
        runner.run_write(lambda: change(value), on_done=dialog.succeeded,
                         on_error=lambda exc: dialog.refused(exc, errors.handle),
                         initiator=dialog)

    dialog.submitted.connect(submitted)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def contacts_reader(runner: TaskRunner, errors: ErrorReporter,
                    service: PromiseService) -> ContactsReader:
    """Reads a customer's contacts on the writer for :class:`NewPromiseDialog`."""

    def read(customer_id: uuid.UUID, done: Callable[[list[tuple[uuid.UUID, str]]], None],
             ) -> None:
        runner.run_write(lambda: service.contacts(customer_id), on_done=done,
                         on_error=errors.handle)

    return read
