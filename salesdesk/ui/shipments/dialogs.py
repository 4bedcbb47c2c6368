"""The small shipment dialogs: whom a new notice is for, arrival, a new ETA."""

from __future__ import annotations

import uuid
from datetime import datetime, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit, QWidget

from salesdesk.services.shipments.records import Arrival
from salesdesk.ui import messages
from salesdesk.ui.promises.dialogs import FormDialog
from salesdesk.ui.shipments.compose import TimeEdit


class CustomerDialog(FormDialog):
    """Whom the new notice is for: type to find the customer."""

    def __init__(self, parent: QWidget | None, customers: list[tuple[uuid.UUID, str]]) -> None:
        super().__init__(parent, self.tr("New shipment notice"))
        self.setObjectName("noticeCustomerDialog")
        self.customer = QComboBox()
        self.customer.setObjectName("noticeCustomerChoice")
        self.customer.setEditable(True)
        self.customer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.customer.addItem("", None)
        for cid, name in customers:
            self.customer.addItem(name, cid)
        completer = self.customer.completer()
        assert completer is not None  # an editable combo has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.form.addRow(messages.field_label("customer"), self.customer)
        self.customer.setFocus()

    def value(self) -> uuid.UUID | None:
        chosen = self.customer.currentData()
        if self.customer.currentText() != self.customer.itemText(self.customer.currentIndex()):
            return None
        return chosen if isinstance(chosen, uuid.UUID) else None


class ArrivalDialog(FormDialog):
    """When it arrived (now unless changed), who received it, anything to remark."""

    def __init__(self, parent: QWidget | None, zone: tzinfo, what: str, now: datetime) -> None:
        super().__init__(parent, self.tr("Confirm arrival"))
        self.setObjectName("arrivalDialog")
        label = QLabel(what)
        label.setWordWrap(True)
        self.form.addRow(label)
        self.at = TimeEdit(zone, "arrivedAt")
        self.at.set_value(now)
        self.form.addRow(messages.field_label("arrived_at"), self.at)
        self.received_by = QLineEdit()
        self.received_by.setObjectName("receivedBy")
        self.form.addRow(messages.field_label("received_by"), self.received_by)
        self.remarks = QLineEdit()
        self.remarks.setObjectName("arrivalRemarks")
        self.form.addRow(messages.field_label("remarks"), self.remarks)
        self.received_by.setFocus()

    def value(self) -> Arrival | None:
        at = self.at.value()
        return None if at is None else Arrival(at, self.received_by.text(), self.remarks.text())


class EtaDialog(FormDialog):
    """A new ETA; on a notice already sent the updated notice is offered next."""

    def __init__(self, parent: QWidget | None, zone: tzinfo, what: str,
                 eta: datetime | None) -> None:
        super().__init__(parent, self.tr("Change the estimated arrival"))
        self.setObjectName("etaDialog")
        label = QLabel(what)
        label.setWordWrap(True)
        self.form.addRow(label)
        self.eta = TimeEdit(zone, "newEta")
        self.eta.set_value(eta)
        self.form.addRow(messages.field_label("eta"), self.eta)
        self.eta.setFocus()

    def value(self) -> datetime | None:
        return self.eta.value()
