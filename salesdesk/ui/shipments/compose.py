"""The compose dialog: customer, recipients, the lines, the truck and the times, with the five
elements checked off as they are filled in.

Keyboard first: the lines table takes typing at once and grows a row as the last one is filled;
Tab walks the form in reading order. The dialog only collects what was typed; the service
validates (every problem named by field, in the error line) and nothing typed is lost.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from salesdesk.domain.shipments import (
    Element,
    NoticeFacts,
    NoticeLine,
    Unit,
    missing_elements,
    parse_quantity,
    parse_unit,
)
from salesdesk.services.shipments.records import LineDraft, NoticeDraft, Recipient
from salesdesk.ui import messages
from salesdesk.ui.promises.dialogs import FormDialog, index_of
from salesdesk.ui.shipments.words import element_label

# The "not set" value of a time field (shown as —).
NOT_SET = QDateTime(QDate(2000, 1, 1), QTime(0, 0))
UNITS = (Unit.TONNE, Unit.KG, Unit.COIL, Unit.PIECE, Unit.SQUARE_METRE)
_OK, _MISSING = "#1a7f37", "#b3261e"


def unit_text(unit: str) -> str:
    words = {
        Unit.TONNE: QCoreApplication.translate("Shipments", "t"),
        Unit.KG: QCoreApplication.translate("Shipments", "kg"),
        Unit.COIL: QCoreApplication.translate("Shipments", "coil"),
        Unit.PIECE: QCoreApplication.translate("Shipments", "piece"),
        Unit.SQUARE_METRE: "m²",
    }
    return words.get(Unit(unit), unit) if unit in set(Unit) else unit


class TimeEdit(QDateTimeEdit):
    """A date and time in the salesperson's zone, or not set yet ("—")."""

    def __init__(self, zone: tzinfo, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._zone = zone
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.setMinimumDateTime(NOT_SET)
        self.setSpecialValueText("—")
        self.set_value(None)

    def set_value(self, value: datetime | None) -> None:
        if value is None:
            self.setDateTime(NOT_SET)
            return
        local = value.astimezone(self._zone)
        self.setDateTime(QDateTime(QDate(local.year, local.month, local.day),
                                   QTime(local.hour, local.minute)))

    def value(self) -> datetime | None:
        shown = self.dateTime()
        if shown == NOT_SET:
            return None
        d, t = shown.date(), shown.time()
        local = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self._zone)
        return local.astimezone(UTC)


Product = tuple[uuid.UUID, str, str, str]  # id, code, spec text, unit


class SpecDelegate(QStyledItemDelegate):
    """The spec cell's editor completes from the catalogue ("code spec"); a product chosen
    puts its spec in the cell, remembers the product and sets the line's unit."""

    def __init__(self, products: list[Product], dialog: ComposeDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._by_label = {f"{code} {spec}": (pid, spec, unit)
                          for pid, code, spec, unit in products}

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("lineSpecEditor")
        completer = QCompleter(list(self._by_label), editor)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        editor.setCompleter(completer)
        return editor

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        self._dialog.take_spec(index.row(), editor.text())

    def product(self, text: str) -> tuple[uuid.UUID, str, str] | None:
        return self._by_label.get(text.strip())


class ComposeDialog(FormDialog):
    """New or edit. ``customers``: (id, name) to choose from (a new notice); ``contacts``: the
    chosen customer's contacts (recipients)."""

    checklist_changed = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        zone: tzinfo,
        draft: NoticeDraft,
        *,
        customer_name: str,
        contacts: list[Recipient],
        title: str,
        products: list[Product] | None = None,
    ) -> None:
        super().__init__(parent, title)
        self.setObjectName("composeNoticeDialog")
        self.setMinimumWidth(760)
        self._draft = draft
        self._zone = zone
        customer = QLabel(customer_name)
        customer.setObjectName("noticeCustomer")
        customer.setStyleSheet("font-weight: 600;")
        self.form.addRow(messages.field_label("customer"), customer)

        self.recipients = QListWidget()
        self.recipients.setObjectName("noticeRecipients")
        self.recipients.setMaximumHeight(86)
        for c in contacts:
            reach = c.email or c.mobile or "—"
            item = QListWidgetItem(f"{c.name} {c.role}  ·  {reach}".replace("  ·", " ·"))
            item.setData(Qt.ItemDataRole.UserRole, c.contact_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.contact_id in draft.recipient_ids
                               else Qt.CheckState.Unchecked)
            self.recipients.addItem(item)
        self.form.addRow(messages.field_label("recipient_ids"), self.recipients)

        self.lines = QTableWidget(0, 4)
        self.lines.setObjectName("noticeLines")
        self.lines.setHorizontalHeaderLabels([
            messages.field_label("spec"), messages.field_label("quantity"),
            messages.field_label("unit"), messages.field_label("batch_no")])
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.lines.setTabKeyNavigation(True)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 90), (2, 80), (3, 110)):
            self.lines.setColumnWidth(col, width)
        self.lines.setMinimumHeight(150)
        for line in draft.lines:
            self._add_line(line)
        self._add_line(None)
        self.spec_delegate = SpecDelegate(products or [], self)
        self.lines.setItemDelegateForColumn(0, self.spec_delegate)
        self.lines.itemChanged.connect(self._line_changed)
        self.form.addRow(messages.field_label("lines"), self.lines)

        self.order_ref = self._line_edit("noticeOrderRef", draft.order_ref, "order_ref")
        self.ship_time = TimeEdit(zone, "noticeShipTime")
        self.ship_time.set_value(draft.ship_time)
        self.form.addRow(messages.field_label("ship_time"), self.ship_time)
        self.carrier = self._line_edit("noticeCarrier", draft.carrier, "carrier")
        self.truck_plate = self._line_edit("noticeTruckPlate", draft.truck_plate, "truck_plate")
        self.truck_plate.setPlaceholderText("粤B·12345")
        self.driver_name = self._line_edit("noticeDriverName", draft.driver_name, "driver_name")
        self.driver_phone = self._line_edit("noticeDriverPhone", draft.driver_phone,
                                            "driver_phone")
        self.driver_phone.setPlaceholderText("138 0013 8000")
        self.eta = TimeEdit(zone, "noticeEta")
        self.eta.set_value(draft.eta)
        self.form.addRow(messages.field_label("eta"), self.eta)
        self.language = QComboBox()
        self.language.setObjectName("noticeLanguage")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(index_of(self.language, draft.language))
        self.form.addRow(messages.field_label("language"), self.language)
        self.remarks = QPlainTextEdit(draft.remarks)
        self.remarks.setObjectName("noticeRemarks")
        self.remarks.setFixedHeight(52)
        self.remarks.setTabChangesFocus(True)
        self.form.addRow(messages.field_label("remarks"), self.remarks)

        checks = QHBoxLayout()
        self.checks: dict[Element, QLabel] = {}
        for element in Element:
            label = QLabel()
            label.setObjectName(f"check_{element.value}")
            self.checks[element] = label
            checks.addWidget(label)
        checks.addStretch(1)
        self.layout_.insertLayout(1, checks)
        for edit in (self.truck_plate, self.driver_phone):
            edit.textChanged.connect(self.update_checklist)
        for time_edit in (self.ship_time, self.eta):
            time_edit.dateTimeChanged.connect(self.update_checklist)
        self.update_checklist()
        self.lines.setCurrentCell(0, 0)
        self.lines.setFocus()

    def _line_edit(self, name: str, value: str, field: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setObjectName(name)
        self.form.addRow(messages.field_label(field), edit)
        return edit

    # --- lines --------------------------------------------------------------------------------

    def _add_line(self, line: LineDraft | None) -> None:
        row = self.lines.rowCount()
        self.lines.blockSignals(True)
        self.lines.insertRow(row)
        values = ("", "", "") if line is None else (line.spec, line.quantity, line.batch_no)
        for col, text in zip((0, 1, 3), values, strict=True):
            item = QTableWidgetItem(text)
            if col == 0 and line is not None and line.product_id is not None:
                item.setData(Qt.ItemDataRole.UserRole, line.product_id)
            self.lines.setItem(row, col, item)
        unit = QComboBox()
        unit.setObjectName(f"lineUnit{row}")
        for u in UNITS:
            unit.addItem(unit_text(u), u.value)
        unit.setCurrentIndex(index_of(unit, line.unit if line is not None else Unit.TONNE))
        self.lines.setCellWidget(row, 2, unit)
        self.lines.blockSignals(False)

    def take_spec(self, row: int, text: str) -> None:
        """What was typed in a spec cell: a catalogue product's label becomes its spec, its
        id and its unit; free text stays as typed (and no product)."""
        item = self.lines.item(row, 0)
        if item is None:
            return
        found = self.spec_delegate.product(text)
        if found is None:
            item.setData(Qt.ItemDataRole.UserRole, None)
            item.setText(text)
            return
        product_id, spec, unit = found
        item.setData(Qt.ItemDataRole.UserRole, product_id)
        item.setText(spec)
        combo = self.lines.cellWidget(row, 2)
        if isinstance(combo, QComboBox) and parse_unit(unit) is not None:
            combo.setCurrentIndex(index_of(combo, str(parse_unit(unit))))

    def _line_changed(self, item: QTableWidgetItem) -> None:
        if item.row() == self.lines.rowCount() - 1 and item.text().strip():
            self._add_line(None)  # always room for one more
        self.update_checklist()

    def line_values(self) -> tuple[LineDraft, ...]:
        found = []
        for row in range(self.lines.rowCount()):
            texts = []
            for col in (0, 1, 3):
                item = self.lines.item(row, col)
                texts.append(item.text() if item is not None else "")
            unit = self.lines.cellWidget(row, 2)
            unit_value = unit.currentData() if isinstance(unit, QComboBox) else Unit.TONNE
            spec_item = self.lines.item(row, 0)
            product = spec_item.data(Qt.ItemDataRole.UserRole) if spec_item else None
            if not any(t.strip() for t in texts):
                continue
            found.append(LineDraft(texts[0], texts[1], str(unit_value), texts[2],
                                   product if isinstance(product, uuid.UUID) else None))
        return tuple(found)

    def set_line(self, row: int, spec: str, quantity: str, unit: str = Unit.TONNE,
                 batch: str = "") -> None:
        """Types a line (tests, and pasting from the catalogue)."""
        while self.lines.rowCount() <= row:
            self._add_line(None)
        for col, text in ((0, spec), (1, quantity), (3, batch)):
            item = self.lines.item(row, col)
            if item is not None:
                item.setText(text)
        combo = self.lines.cellWidget(row, 2)
        if isinstance(combo, QComboBox):
            combo.setCurrentIndex(index_of(combo, unit))

    # --- the five elements --------------------------------------------------------------------

    def missing(self) -> list[Element]:
        lines = tuple(NoticeLine(x.spec, parse_quantity(x.quantity), x.unit)
                      for x in self.line_values())
        facts = NoticeFacts(lines, self.ship_time.value(), self.truck_plate.text(),
                            self.driver_phone.text(), self.eta.value())
        return missing_elements(facts)

    def update_checklist(self) -> None:
        missing = set(self.missing())
        for element, label in self.checks.items():
            ok = element not in missing
            label.setText(("✓ " if ok else "✗ ") + element_label(element))
            label.setStyleSheet(f"color: {_OK if ok else _MISSING};")
            label.setProperty("complete", ok)
        self.checklist_changed.emit()

    def value(self) -> NoticeDraft:
        chosen = []
        for i in range(self.recipients.count()):
            item = self.recipients.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(item.data(Qt.ItemDataRole.UserRole))
        return NoticeDraft(
            customer_id=self._draft.customer_id, lines=self.line_values(),
            recipient_ids=tuple(chosen), order_ref=self.order_ref.text(),
            ship_time=self.ship_time.value(), carrier=self.carrier.text(),
            truck_plate=self.truck_plate.text(), driver_name=self.driver_name.text(),
            driver_phone=self.driver_phone.text(), eta=self.eta.value(),
            remarks=self.remarks.toPlainText(), language=str(self.language.currentData()),
            id=self._draft.id,
        )

