"""The Shipments page's table: the rows of one view (on the road, arriving today, late,
delivered, drafts, all), read once per change by the service; dates and the countdown are
worded only for the rows painted."""

from __future__ import annotations

import uuid
from datetime import datetime, tzinfo
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

from salesdesk.domain.shipments import ShipmentStatus
from salesdesk.services.shipments.records import ShipmentList, ShipmentRow, View
from salesdesk.ui.shipments.words import countdown, status_label

LATE_RED = QColor("#b3261e")
_INDEX = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


def local_text(moment: datetime | None, zone: tzinfo) -> str:
    return "" if moment is None else f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


class ShipmentTableModel(QAbstractTableModel):
    COLUMNS = 8

    def __init__(self, zone: tzinfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._rows: list[ShipmentRow] = []
        self._now = datetime.min
        self.counts: dict[View, int] = {}

    def set_listing(self, listing: ShipmentList) -> None:
        self.beginResetModel()
        self._rows = listing.rows
        self._now = listing.now
        self.counts = listing.counts
        self.endResetModel()

    def row_at(self, row: int) -> ShipmentRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, notice_id: uuid.UUID) -> int:
        for i, r in enumerate(self._rows):
            if r.id == notice_id:
                return i
        return -1

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
        return (
            QCoreApplication.translate("ShipmentTable", "Customer"),
            QCoreApplication.translate("ShipmentTable", "Goods"),
            QCoreApplication.translate("ShipmentTable", "Truck"),
            QCoreApplication.translate("ShipmentTable", "Driver"),
            QCoreApplication.translate("ShipmentTable", "Shipped"),
            QCoreApplication.translate("ShipmentTable", "ETA"),
            QCoreApplication.translate("ShipmentTable", "Arrives"),
            QCoreApplication.translate("ShipmentTable", "Status"),
        )[section]

    def is_late(self, row: ShipmentRow) -> bool:
        return row.status is ShipmentStatus.SENT and row.eta is not None and row.eta < self._now

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            col = index.column()
            if col == 6:
                if row.status is ShipmentStatus.ARRIVED:
                    return local_text(row.arrived_at, self._zone)
                return countdown(row.eta, self._now) if row.in_transit else ""
            return (row.customer_name, row.goods, row.truck_plate, row.driver,
                    local_text(row.ship_time, self._zone), local_text(row.eta, self._zone),
                    None, status_label(row.status))[col]
        if role == Qt.ItemDataRole.ForegroundRole and self.is_late(row):
            return QBrush(LATE_RED)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
