"""The Complaints page's table over the open complaints read once: time left (amber near
breach, red breached, grey paused), reference, customer, category, severity, status, department,
received. Every cell is computed from the row already read: painting 20,000 costs no query and
no clock arithmetic."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from salesdesk.services.complaints.records import BoardRow, BoardRows
from salesdesk.ui import messages
from salesdesk.ui.complaints.words import (
    category_label,
    left_text,
    severity_label,
    status_label,
)

BREACHED = QColor("#f4c7c3")  # red
NEAR = QColor("#fbe3a6")  # amber
PAUSED = QColor("#e3e5e8")  # grey
_INDEX = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


class ComplaintBoardModel(QAbstractTableModel):
    COLUMNS = 8

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = BoardRows.empty()
        self._zone = ZoneInfo("Asia/Shanghai")
        self._cache: dict[int, tuple[str, ...]] = {}

    def set_rows(self, rows: BoardRows, zone: ZoneInfo) -> None:
        self.beginResetModel()
        self._rows = rows
        self._zone = zone
        self._cache = {}
        self.endResetModel()

    def rows(self) -> BoardRows:
        return self._rows

    def row_at(self, row: int) -> BoardRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = _INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _INDEX) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < self.COLUMNS:
            return None
        return (
            QCoreApplication.translate("ComplaintTable", "Time left"),
            QCoreApplication.translate("ComplaintTable", "Reference"),
            QCoreApplication.translate("ComplaintTable", "Customer"),
            QCoreApplication.translate("ComplaintTable", "Category"),
            QCoreApplication.translate("ComplaintTable", "Severity"),
            QCoreApplication.translate("ComplaintTable", "Status"),
            QCoreApplication.translate("ComplaintTable", "Department"),
            QCoreApplication.translate("ComplaintTable", "Received"),
        )[section]

    def _local(self, at: datetime | None) -> str:
        return "" if at is None else at.astimezone(self._zone).strftime("%Y-%m-%d %H:%M")

    def _texts(self, i: int, row: BoardRow) -> tuple[str, ...]:
        found = self._cache.get(i)
        if found is None:
            found = (
                left_text(row.left, row.paused),
                row.reference,
                row.customer_name,
                category_label(row.category),
                severity_label(row.severity),
                status_label(row.status.value),
                messages.department_label(row.department) if row.department else "",
                self._local(row.received_at),
            )
            self._cache[i] = found
        return found

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(index.row(), row)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.paused:
                return QBrush(PAUSED)
            if row.breached:
                return QBrush(BREACHED)
            if row.near:
                return QBrush(NEAR)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            due = self._local(row.due)
            which = (
                QCoreApplication.translate("ComplaintTable", "First contact due %1")
                if row.first_contact
                else QCoreApplication.translate("ComplaintTable", "Resolution due %1")
            ).replace("%1", due)
            return which
        return None
