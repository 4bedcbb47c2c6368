"""The Promises page's table: promise, customer, to whom, due, who delivers, status."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from salesdesk.domain.promises import PromiseStatus
from salesdesk.services.promises import PromiseRow
from salesdesk.ui import messages

OVERDUE_RED = QColor("#b3261e")
_INDEX = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("PromiseTable", text)


def due_text(row: PromiseRow, today: date) -> str:
    """The due date, and for an open promise how it stands: "2026-03-04 · overdue 3 days"."""
    shown = row.due.isoformat()
    if not row.is_open:
        return shown
    if row.days_overdue == 1:
        return _tr("%1 · overdue 1 day").replace("%1", shown)
    if row.days_overdue > 1:
        return (_tr("%1 · overdue %2 days").replace("%1", shown)
                .replace("%2", str(row.days_overdue)))
    if row.due == today:
        return _tr("%1 · today").replace("%1", shown)
    return shown


def delivers_text(row: PromiseRow) -> str:
    """Who must deliver: the salesperson who made it (by name), or the HQ department."""
    if row.department == "" and row.made_by:
        return row.made_by
    return messages.department_label(row.department)


def status_text(row: PromiseRow) -> str:
    label = messages.promise_status_label(row.status.value)
    return f"{label}: {row.reason}" if row.reason and row.status is not PromiseStatus.OPEN \
        else label


class PromiseTableModel(QAbstractTableModel):
    COLUMNS = 6

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PromiseRow] = []
        self._today = date.min

    def set_rows(self, rows: list[PromiseRow], today: date) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today
        self.endResetModel()

    def row_at(self, row: int) -> PromiseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = _INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _INDEX) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < self.COLUMNS:
            return None
        return (_tr("Promise"), _tr("Customer"), _tr("To whom"), _tr("Due"), _tr("Delivers"),
                _tr("Status"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (" ".join(row.description.split()), row.customer_name, row.to_whom,
                    due_text(row, self._today), delivers_text(row),
                    status_text(row))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return row.description
        if role == Qt.ItemDataRole.ForegroundRole and row.days_overdue > 0:
            return QBrush(OVERDUE_RED)
        return None
