"""The editor's contacts grid: a row per contact, each invalid cell marked where it is."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from salesdesk.services.customers.records import ContactDraft
from salesdesk.ui import messages

CONTACT_COLUMNS = ("name", "role", "mobile", "landline", "email", "wechat", "is_primary")
_ERROR_BG = QColor("#fde7e9")


class ContactsTable(QTableWidget):
    """Edits a customer's contacts in place; remembers each row's stored id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(CONTACT_COLUMNS), parent)
        self.setObjectName("contactsTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()
        self.setMinimumHeight(130)
        self._ids: list[uuid.UUID | None] = []

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [messages.field_label("contact_name" if c == "name" else c) for c in CONTACT_COLUMNS]
        )

    # --- data in and out --------------------------------------------------------------

    def set_contacts(self, contacts: list[ContactDraft]) -> None:
        self.setRowCount(0)
        self._ids = []
        for contact in contacts:
            self._append(contact)

    def _append(self, contact: ContactDraft) -> None:
        row = self.rowCount()
        self.insertRow(row)
        self._ids.append(contact.id)
        for col, key in enumerate(CONTACT_COLUMNS):
            if key == "is_primary":
                item = QTableWidgetItem()
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setCheckState(
                    Qt.CheckState.Checked if contact.is_primary else Qt.CheckState.Unchecked
                )
            else:
                item = QTableWidgetItem(str(getattr(contact, key)))
            self.setItem(row, col, item)

    def add_contact(self) -> None:
        """A new row (the primary contact if it is the first), its name cell being edited."""
        self._append(ContactDraft(is_primary=self.rowCount() == 0))
        self.setCurrentCell(self.rowCount() - 1, 0)
        item = self.item(self.rowCount() - 1, 0)
        if item is not None:
            self.editItem(item)

    def remove_current(self) -> None:
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)
            del self._ids[row]

    def contacts(self) -> list[ContactDraft]:
        contacts = []
        for row in range(self.rowCount()):
            values: dict[str, Any] = {}
            for col, key in enumerate(CONTACT_COLUMNS):
                item = self.item(row, col)
                if key == "is_primary":
                    values[key] = bool(item and item.checkState() == Qt.CheckState.Checked)
                else:
                    values[key] = item.text().strip() if item else ""
            contacts.append(ContactDraft(id=self._ids[row], **values))
        return contacts

    # --- errors -----------------------------------------------------------------------

    @staticmethod
    def column_of(key: str) -> int:
        return CONTACT_COLUMNS.index(key) if key in CONTACT_COLUMNS else 0

    def clear_marks(self) -> None:
        for row in range(self.rowCount()):
            for col in range(self.columnCount()):
                item = self.item(row, col)
                if item is not None:
                    item.setBackground(QColor(0, 0, 0, 0))
                    item.setToolTip("")

    def mark(self, row: int, key: str, text: str) -> None:
        """Marks the cell of contact ``row``'s field ``key`` as invalid, saying why."""
        item = self.item(row, self.column_of(key))
        if item is not None:
            item.setBackground(_ERROR_BG)
            item.setToolTip(text)

    def select(self, row: int, key: str) -> None:
        self.setCurrentCell(row, self.column_of(key))
        self.setFocus()
