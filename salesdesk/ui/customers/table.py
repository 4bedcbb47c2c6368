"""The customer list as a Qt item model that never holds more than the pages it has shown.

Rows arrive a page at a time through Qt's ``canFetchMore``/``fetchMore``: the view asks for
more as the user scrolls, so 100,000 customers cost what one screen costs. A new query (search
text, filter, sort) resets the model and loads the first page at once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import CustomerQuery, CustomerRow
from salesdesk.ui import messages
from salesdesk.ui.messages import category_label, tier_label

Index = QModelIndex | QPersistentModelIndex

# (sort key understood by the reader, header in English for the translator)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Company"),
    ("tier", "Tier"),
    ("category", "Category"),
    ("region", "Region"),
    ("city", "City"),
    ("salesperson", "Salesperson"),
    ("contact", "Contact"),
    ("phone", "Phone"),
    ("sales_12m", "Sales, 12 months (CNY)"),
)
SORTABLE = {"name", "tier", "category", "region", "city", "salesperson", "sales_12m"}


def header_text(key: str) -> str:
    texts = {
        "name": QCoreApplication.translate("CustomerTable", "Company"),
        "tier": QCoreApplication.translate("CustomerTable", "Tier"),
        "category": QCoreApplication.translate("CustomerTable", "Category"),
        "region": QCoreApplication.translate("CustomerTable", "Region"),
        "city": QCoreApplication.translate("CustomerTable", "City"),
        "salesperson": QCoreApplication.translate("CustomerTable", "Salesperson"),
        "contact": QCoreApplication.translate("CustomerTable", "Contact"),
        "phone": QCoreApplication.translate("CustomerTable", "Phone"),
        "sales_12m": QCoreApplication.translate("CustomerTable", "Sales, 12 months (CNY)"),
    }
    return texts[key]


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _texts(row: CustomerRow) -> tuple[str, ...]:
    """What each column shows for ``row``, in COLUMNS order."""
    salesperson = row.salesperson
    if not salesperson and row.assigned_to_id:
        salesperson = messages.person_label(None, row.assigned_to_id)
    return (
        row.name,
        tier_label(row.tier),
        category_label(row.category),
        row.region,
        row.city,
        salesperson,
        row.contact,
        row.phone,
        _money(row.sales_12m),
    )


# Roles as the view passes them (plain ints): a repaint asks each visible cell for about
# seven roles, so data() answers the common ones without touching enums.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ID = int(Qt.ItemDataRole.UserRole) + 1
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
_ALIGNED = {
    i: _RIGHT if key == "sales_12m" else _CENTRE
    for i, (key, _) in enumerate(COLUMNS)
    if key in ("sales_12m", "tier")
}


class CustomerTableModel(QAbstractTableModel):
    """Pages of :class:`CustomerRow` for a :class:`CustomerQuery`."""

    PAGE = 200
    # A new query (a keystroke) loads only what a maximised window shows (24 px rows); the
    # view fetches the next PAGE as soon as the user scrolls, or if this does not fill it.
    # The page sets ``first_page`` to what its list shows now: each row loaded costs the
    # keystroke ~40 us (query and conversion).
    FIRST_PAGE = 60
    IdRole = _ID

    # Emitted after a new query's first page is in (with the number of rows loaded).
    reloaded = Signal(int)

    def __init__(self, browser: CustomerBrowser, parent: Any = None) -> None:
        super().__init__(parent)
        self._browser = browser
        self._query = CustomerQuery()
        self._rows: list[CustomerRow] = []
        # Each row's column texts, made when the row is first painted (a repaint asks for
        # every visible cell, so this keeps formatting and translation out of it).
        self._texts: list[tuple[str, ...] | None] = []
        self._exhausted = True
        self.first_page = self.FIRST_PAGE

    # --- queries ----------------------------------------------------------------------

    @property
    def query(self) -> CustomerQuery:
        return self._query

    def set_browser(self, browser: CustomerBrowser) -> None:
        """Points the model at another store (after a restore) and reloads."""
        self._browser = browser
        self.refresh()

    def set_query(self, query: CustomerQuery) -> None:
        self.beginResetModel()
        self._query = query
        self._rows = self._browser.page(query, 0, self.first_page)
        self._texts = [None] * len(self._rows)
        self._exhausted = len(self._rows) < self.first_page
        self.endResetModel()
        self.reloaded.emit(len(self._rows))

    def refresh(self) -> None:
        """Reloads after a save, keeping as many rows loaded as before."""
        wanted = max(self.PAGE, len(self._rows))
        self.beginResetModel()
        self._rows = self._browser.page(self._query, 0, wanted)
        self._texts = [None] * len(self._rows)
        self._exhausted = len(self._rows) < wanted
        self.endResetModel()
        self.reloaded.emit(len(self._rows))

    def row_at(self, row: int) -> CustomerRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, customer_id: Any) -> int:
        for i, r in enumerate(self._rows):
            if r.id == customer_id:
                return i
        return -1

    # --- Qt model interface -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted:
            return
        more = self._browser.page(self._query, len(self._rows), self.PAGE)
        self._exhausted = len(more) < self.PAGE
        if more:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self._texts.extend([None] * len(more))
            self.endInsertRows()

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row = index.row()
        if not 0 <= row < len(self._rows) or not index.isValid():
            return None
        if role == _DISPLAY:
            texts = self._texts[row]
            if texts is None:
                texts = self._texts[row] = _texts(self._rows[row])
            return texts[index.column()]
        if role == _ALIGNMENT:
            return _ALIGNED.get(index.column())
        if role == _TOOLTIP and index.column() == 0:
            return self._rows[row].short_name or None
        if role == _ID:
            return str(self._rows[row].id)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return header_text(COLUMNS[section][0])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0]
        if key not in SORTABLE:
            return
        from dataclasses import replace

        self.set_query(
            replace(self._query, sort=key, descending=order == Qt.SortOrder.DescendingOrder)
        )

    def retranslate(self) -> None:
        self._texts = [None] * len(self._rows)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            )
