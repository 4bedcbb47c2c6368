"""The visit-outcome form's two tables (competitor quotes, promises made) and their cells: a
due date with a calendar, and a choice from a list (a contact or a typed name; a
department)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from salesdesk.domain.people import Department
from salesdesk.domain.promises import PromiseStatus
from salesdesk.services.visits.outcome_records import ContactChoice, PromiseDraft, QuoteDraft
from salesdesk.ui import messages

ID_ROLE = Qt.ItemDataRole.UserRole  # a cell's stored value (an id, a department) beside its label


# --- table cells --------------------------------------------------------------------------


class DateDelegate(QStyledItemDelegate):
    """A due date: a date editor with a calendar, shown as 2026-12-10 whatever the locale."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("yyyy-MM-dd")
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QDateEdit) and isinstance(value, QDate):
            editor.setDate(value)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QDateEdit):
            model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)

    def displayText(self, value: Any, locale: Any) -> str:
        if isinstance(value, QDate):
            return value.toString("yyyy-MM-dd")
        return super().displayText(value, locale)


class ChoiceDelegate(QStyledItemDelegate):
    """A cell chosen from a list (value in ``UserRole``, label shown). ``editable``: a name
    typed that is not in the list is kept as text with an empty value (a promise made to
    someone who is not a stored contact)."""

    def __init__(self, choices: Any, *, editable: bool, parent: QObject) -> None:
        super().__init__(parent)
        self._choices = choices  # () -> list[(value, label)]
        self._editable = editable

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(self._editable)
        for value, label in self._choices():
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if not isinstance(editor, QComboBox):
            return
        found = editor.findData(index.data(ID_ROLE) or "")
        if found >= 0 and (index.data(ID_ROLE) or not self._editable):
            editor.setCurrentIndex(found)
        elif self._editable:
            editor.setEditText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if not isinstance(editor, QComboBox):
            return
        text = editor.currentText().strip()
        found = editor.findText(text, Qt.MatchFlag.MatchFixedString) if text else -1
        value = str(editor.itemData(found) or "") if found >= 0 else ""
        if not self._editable and found < 0:
            value = str(editor.currentData() or "")
        model.setData(index, value, ID_ROLE)
        model.setData(index, text, Qt.ItemDataRole.DisplayRole)


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


# --- the form's two tables ----------------------------------------------------------------

STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # a recorded promise's status
_BAD = QBrush(QColor("#f9dedc"))


class RowsTable(QTableWidget):
    """A small editable table, one record a row: typing edits the current cell, Tab moves
    along the row (and on to the next), a bad cell is marked with its message."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, name: str) -> None:
        super().__init__(0, len(self.COLUMNS))
        self.setObjectName(name)
        self.setMinimumHeight(110)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(  # typing edits the current cell; moving alone does not
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setTabKeyNavigation(True)

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([messages.field_label(c) for c in self.COLUMNS])

    def start_editing(self, row: int) -> None:
        """Puts the cursor in the row's first cell, ready for typing."""
        self.setFocus()
        self.setCurrentCell(row, 0)
        item = self.item(row, 0)
        if item is not None and self.state() != QAbstractItemView.State.EditingState:
            self.editItem(item)

    def commit_editor(self) -> None:
        """Commits the cell being typed in (Ctrl+Enter or Esc must lose nothing)."""
        editor = QApplication.focusWidget()  # or a part of it (a combo's line edit)
        while editor is not None and editor.parentWidget() is not self.viewport():
            editor = editor.parentWidget()
        if editor is not None and self.state() == QAbstractItemView.State.EditingState:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def column_of(self, key: str) -> int:
        key = "made_to" if key == "contact_id" else key
        return self.COLUMNS.index(key) if key in self.COLUMNS else 0

    def mark(self, row: int, key: str, message: str) -> None:
        item = self.item(row, self.column_of(key))
        if item is not None:
            item.setBackground(_BAD)
            item.setToolTip(message)

    def clear_marks(self) -> None:
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                item = self.item(row, column)
                if item is not None:
                    item.setBackground(QBrush())

    def _id(self, row: int) -> uuid.UUID | None:
        first = self.item(row, 0)
        value = first.data(ID_ROLE) if first is not None else ""
        return uuid.UUID(value) if value else None


class QuotesTable(RowsTable):
    """Competitor quotes: competitor, product/spec, their price, ours, currency, unit."""

    COLUMNS = ("competitor", "product_text", "their_price", "our_price", "currency", "unit")

    def append(self, quote: QuoteDraft) -> int:
        row = self.rowCount()
        self.insertRow(row)
        for column, key in enumerate(self.COLUMNS):
            item = QTableWidgetItem(getattr(quote, key))
            if column == 0:
                item.setData(ID_ROLE, str(quote.id) if quote.id else "")
            self.setItem(row, column, item)
        return row

    def remove_current(self) -> bool:
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)
        return True

    def quotes(self) -> list[QuoteDraft]:
        return [
            QuoteDraft(id=self._id(row),
                       **{k: cell_text(self, row, c) for c, k in enumerate(self.COLUMNS)})
            for row in range(self.rowCount())
        ]


class PromisesTable(RowsTable):
    """Promises made: what, to whom (a contact, or a name typed), due, who delivers. A
    recorded promise that is closed is shown read-only (the Promises page changes it)."""

    COLUMNS = ("description", "made_to", "due", "department")

    def __init__(self, name: str, contacts: Callable[[], list[ContactChoice]]) -> None:
        super().__init__(name)
        self._contacts = contacts
        self.setItemDelegateForColumn(1, ChoiceDelegate(self._contact_choices, editable=True,
                                                        parent=self))
        self.setItemDelegateForColumn(2, DateDelegate(self))
        self.setItemDelegateForColumn(3, ChoiceDelegate(self._department_choices,
                                                        editable=False, parent=self))

    def _contact_choices(self) -> list[tuple[str, str]]:
        return [("", "")] + [(str(c.id), c.name) for c in self._contacts()]

    @staticmethod
    def _department_choices() -> list[tuple[str, str]]:
        values = ["", *(d.value for d in Department)]
        return [(v, messages.department_label(v)) for v in values]

    def retranslate(self) -> None:
        super().retranslate()
        for row in range(self.rowCount()):
            item = self.item(row, 3)
            if item is not None:
                item.setText(messages.department_label(str(item.data(ID_ROLE) or "")))

    def append(self, made: PromiseDraft) -> int:
        row = self.rowCount()
        self.insertRow(row)
        names = {c.id: c.name for c in self._contacts()}
        first = QTableWidgetItem(made.description)
        first.setData(ID_ROLE, str(made.id) if made.id else "")
        first.setData(STATUS_ROLE, made.status)
        whom = QTableWidgetItem(names.get(made.contact_id, "") if made.contact_id
                                else made.made_to)
        whom.setData(ID_ROLE, str(made.contact_id) if made.contact_id else "")
        due = QTableWidgetItem()
        if made.due is not None:
            due.setData(Qt.ItemDataRole.EditRole,
                        QDate(made.due.year, made.due.month, made.due.day))
        department = QTableWidgetItem(messages.department_label(made.department))
        department.setData(ID_ROLE, made.department)
        closed = made.status != PromiseStatus.OPEN.value
        for column, item in enumerate((first, whom, due, department)):
            if closed:  # the promises ledger's to change, not the outcome's
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(QCoreApplication.translate(
                    "OutcomeDialog", "This promise is closed; it is changed on the Promises "
                    "page."))
            self.setItem(row, column, item)
        return row

    def remove_current(self) -> bool:
        """Removes the current row; False (and nothing removed) for a closed promise."""
        row = self.currentRow()
        if row < 0:
            return True
        first = self.item(row, 0)
        if first is not None and (first.data(STATUS_ROLE) or "open") != "open":
            return False
        self.removeRow(row)
        return True

    def promises(self) -> list[PromiseDraft]:
        return [self._promise(row) for row in range(self.rowCount())]

    def _promise(self, row: int) -> PromiseDraft:
        first, whom, due, department = (self.item(row, c) for c in range(4))
        contact = whom.data(ID_ROLE) if whom is not None else ""
        due_value = due.data(Qt.ItemDataRole.EditRole) if due is not None else None
        return PromiseDraft(
            description=first.text() if first is not None else "",
            due=date(due_value.year(), due_value.month(), due_value.day())
            if isinstance(due_value, QDate) else None,
            contact_id=uuid.UUID(contact) if contact else None,
            made_to="" if contact or whom is None else whom.text(),
            department=str(department.data(ID_ROLE) or "") if department is not None else "",
            id=self._id(row),
            status=str(first.data(STATUS_ROLE) or PromiseStatus.OPEN.value)
            if first is not None else PromiseStatus.OPEN.value,
        )
