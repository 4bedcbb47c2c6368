"""The Shipments page's table: one model over every notice read once; the view (on the road,
arriving today, delivered, drafts, all) and the customer filter only choose which of those rows
show, so switching is instant with 50,000 notices."""

from __future__ import annotations

import uuid
from datetime import datetime, tzinfo
from enum import StrEnum
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
from salesdesk.services.shipments.records import ShipmentRow
from salesdesk.ui.shipments.words import countdown, status_label

LATE_RED = QColor("#b3261e")
_INDEX = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


class View(StrEnum):
    ON_ROAD = "on_road"
    TODAY = "today"  # on the road, ETA today (local)
    LATE = "late"
    DELIVERED = "delivered"
    DRAFTS = "drafts"
    ALL = "all"


def local_text(moment: datetime | None, zone: tzinfo) -> str:
    return "" if moment is None else f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


class ShipmentTableModel(QAbstractTableModel):
    COLUMNS = 8

    def __init__(self, zone: tzinfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._all: list[ShipmentRow] = []
        self._rows: list[ShipmentRow] = []
        self._now = datetime.min
        self._view = View.ON_ROAD
        self._customer: uuid.UUID | None = None
        self.counts: dict[View, int] = {}

    def set_rows(self, rows: list[ShipmentRow], now: datetime) -> None:
        self._all = rows
        self._now = now
        today = now.astimezone(self._zone).date()
        counts = dict.fromkeys(View, 0)
        for r in rows:
            for view in self._views_of(r, today):
                counts[view] += 1
        self.counts = counts
        self._refilter()

    def _views_of(self, r: ShipmentRow, today: object) -> list[View]:
        views = [View.ALL]
        if r.status is ShipmentStatus.SENT:
            views.append(View.ON_ROAD)
            if r.eta is not None and r.eta < self._now:
                views.append(View.LATE)
            elif r.eta is not None and r.eta.astimezone(self._zone).date() == today:
                views.append(View.TODAY)
        elif r.status is ShipmentStatus.ARRIVED:
            views.append(View.DELIVERED)
        elif r.status is ShipmentStatus.DRAFT:
            views.append(View.DRAFTS)
        return views

    def set_filter(self, view: View, customer: uuid.UUID | None) -> None:
        self._view, self._customer = view, customer
        self._refilter()

    def _refilter(self) -> None:
        today = self._now.astimezone(self._zone).date() if self._all else None
        self.beginResetModel()
        self._rows = [
            r for r in self._all
            if (self._customer is None or r.customer_id == self._customer)
            and self._view in self._views_of(r, today)
        ]
        if self._view in (View.ON_ROAD, View.TODAY, View.LATE):
            self._rows.sort(key=lambda r: r.eta or self._now)  # the next arrival first
        self.endResetModel()

    def row_at(self, row: int) -> ShipmentRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, notice_id: uuid.UUID) -> int:
        for i, r in enumerate(self._rows):
            if r.id == notice_id:
                return i
        return -1

    def customers(self) -> list[tuple[uuid.UUID, str]]:
        """Every customer with a notice, by name (the filter's choices)."""
        found = {r.customer_id: r.customer_name for r in self._all}
        return sorted(found.items(), key=lambda item: item[1])

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
