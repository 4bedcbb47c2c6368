"""The Shipments page: notices on the road with an ETA countdown (late in red), arriving today,
late, delivered, drafts, by customer; the on-time rate on top; compose, send, new from previous,
change the ETA (the update with its apology follows), confirm arrival.

Each read is one view's rows (on the road: every one, from the ``(status, eta)`` index; a view
of many: its newest 2,000) with every view's count in one pass, so the page paints quickly with
50,000 notices in the store (benchmarks/shipments.py). Reads and writes run on the writer
through the task runner; the page refreshes on ``Changes.shipments`` (its own included).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.shipments import ShipmentStatus
from salesdesk.domain.validation import ErrorCode, FieldError, ValidationFailed
from salesdesk.kit.changes import Changes
from salesdesk.services.shipments.records import (
    NoticeDetail,
    NoticeDraft,
    OnTimeRates,
    Recipient,
    Saved,
    ShipmentList,
    ShipmentRow,
    View,
)
from salesdesk.ui.promises.dialogs import FormDialog, index_of, run_dialog
from salesdesk.ui.shipments.compose import ComposeDialog, Product
from salesdesk.ui.shipments.dialogs import ArrivalDialog, CustomerDialog, EtaDialog
from salesdesk.ui.shipments.send import SendFlow
from salesdesk.ui.shipments.table import ShipmentTableModel
from salesdesk.ui.shipments.words import rate_text

if TYPE_CHECKING:
    from salesdesk.services.container import AppServices
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

_VIEWS = (View.ON_ROAD, View.TODAY, View.LATE, View.DELIVERED, View.DRAFTS, View.ALL)


@dataclass(frozen=True)
class _Around:
    """What the page shows around its table, read after the rows are painted."""

    rates: OnTimeRates
    customers: list[tuple[uuid.UUID, str]]


class ShipmentsPage(QWidget):
    loaded = Signal()  # the table shows the store as of the last read

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._stale = True
        self.dialog: FormDialog | None = None  # the open form (tests click through it)
        self.sending = SendFlow(lambda: services.shipments, runner, errors, self,
                                send_email=_email_sender(services))
        self._build()
        self.retranslate()
        runner.changes.changed.connect(self._on_changes)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.rate = QLabel()
        self.rate.setObjectName("onTimeRate")
        self.rate.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.rate)
        bar = QHBoxLayout()
        self.tabs = QTabBar()
        self.tabs.setObjectName("shipmentTabs")
        for _ in _VIEWS:
            self.tabs.addTab("")
        bar.addWidget(self.tabs)
        bar.addStretch(1)
        self.customer_filter = QComboBox()
        self.customer_filter.setObjectName("shipmentCustomerFilter")
        self.customer_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        bar.addWidget(self.customer_filter)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newNotice")
        bar.addWidget(self.new_button)
        layout.addLayout(bar)

        self.model = ShipmentTableModel(self._services.zone, self)
        self.table = QTableView()
        self.table.setObjectName("shipmentTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((220, 200, 90, 160, 120, 120, 110)):
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table, 1)
        self.cut_label = QLabel()
        self.cut_label.setObjectName("shipmentsCut")
        self.cut_label.hide()
        layout.addWidget(self.cut_label)

        actions = QHBoxLayout()
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editNotice")
        self.send_button = QPushButton()
        self.send_button.setObjectName("sendNotice")
        self.again_button = QPushButton()
        self.again_button.setObjectName("newFromPrevious")
        self.eta_button = QPushButton()
        self.eta_button.setObjectName("changeEta")
        self.arrived_button = QPushButton()
        self.arrived_button.setObjectName("confirmArrival")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelNotice")
        for b in (self.edit_button, self.send_button, self.again_button, self.eta_button,
                  self.arrived_button, self.cancel_button):
            actions.addWidget(b)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.tabs.currentChanged.connect(self.reload)
        self.customer_filter.currentIndexChanged.connect(self.reload)
        self.new_button.clicked.connect(self.new_notice_clicked)
        self.edit_button.clicked.connect(self.edit_selected)
        self.send_button.clicked.connect(self.send_selected)
        self.again_button.clicked.connect(self.new_from_selected)
        self.eta_button.clicked.connect(self.change_eta_selected)
        self.arrived_button.clicked.connect(self.confirm_arrival_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.table.doubleClicked.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New shipment notice…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.send_button.setText(self.tr("Send…"))
        self.again_button.setText(self.tr("New from previous…"))
        self.eta_button.setText(self.tr("Change ETA…"))
        self.arrived_button.setText(self.tr("Arrived…"))
        self.cancel_button.setText(self.tr("Cancel notice…"))
        self._label_tabs()
        if self.customer_filter.count():
            self.customer_filter.setItemText(0, self.tr("All customers"))

    def _label_tabs(self) -> None:
        names = {View.ON_ROAD: self.tr("On the road"), View.TODAY: self.tr("Arriving today"),
                 View.LATE: self.tr("Late"), View.DELIVERED: self.tr("Delivered"),
                 View.DRAFTS: self.tr("Drafts"), View.ALL: self.tr("All")}
        counts = self.model.counts
        for i, view in enumerate(_VIEWS):
            count = counts.get(view)
            self.tabs.setTabText(i, names[view] if count is None else f"{names[view]} ({count})")
        self.tabs.setTabTextColor(_VIEWS.index(View.LATE),
                                  QColor("#b3261e") if counts.get(View.LATE) else QColor())

    # --- reading ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if changes.shipments or changes.customers or changes.store:
            self._stale = True
            if self.isVisible():
                self.reload()

    def reload(self) -> None:
        """Reads the view's rows and counts (painted first), then the on-time rate and the
        customers to filter by (a second job, so they never hold the rows back)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        service = self._services.shipments
        view = self.current_view()
        chosen = self.customer_filter.currentData()
        customer = chosen if isinstance(chosen, uuid.UUID) else None
        self._runner.run_write(lambda: service.page(view, customer), on_done=self._show,
                               on_error=self._errors.handle)
        self._runner.run_write(
            lambda: _Around(service.on_time(customer, per_customer=False),
                            service.customers_with_notices()),
            on_done=self._show_around, on_error=self._errors.handle)

    def _show(self, listing: ShipmentList) -> None:
        selected = self.selected()
        self.model.set_listing(listing)
        self.cut_label.setVisible(listing.cut)
        self.cut_label.setText(
            self.tr("Showing the newest %1 of %2; choose a customer to see theirs.")
            .replace("%1", f"{len(listing.rows):,}")
            .replace("%2", f"{listing.counts.get(listing.view, 0):,}"))
        self._label_tabs()
        if selected is not None:
            self.select(selected.id)
        self._update_buttons()

    def _show_around(self, around: _Around) -> None:
        current = self.customer_filter.currentData()
        self.customer_filter.blockSignals(True)
        self.customer_filter.clear()
        self.customer_filter.addItem(self.tr("All customers"), None)
        for cid, name in around.customers:
            self.customer_filter.addItem(name, cid)
        self.customer_filter.setCurrentIndex(index_of(self.customer_filter, current))
        self.customer_filter.blockSignals(False)
        overall = around.rates.overall
        self.rate.setText(rate_text(overall.arrived, overall.rate_first, overall.rate_latest))
        self.loaded.emit()

    def current_view(self) -> View:
        return _VIEWS[max(0, self.tabs.currentIndex())]

    def show_view(self, view: View) -> None:
        """Shows a tab (its rows are read on the writer: wait for ``loaded``)."""
        self.tabs.setCurrentIndex(_VIEWS.index(view))

    def select(self, notice_id: uuid.UUID) -> bool:
        row = self.model.row_of(notice_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def selected(self) -> ShipmentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        live = row is not None and row.status in (ShipmentStatus.DRAFT, ShipmentStatus.SENT)
        for b in (self.edit_button, self.send_button, self.eta_button, self.cancel_button):
            b.setEnabled(live)
        self.again_button.setEnabled(row is not None)
        self.arrived_button.setEnabled(row is not None and row.status is ShipmentStatus.SENT)

    # --- acting -------------------------------------------------------------------------------

    def new_notice_clicked(self) -> None:
        self.new_notice()

    def new_notice(self, customer_id: uuid.UUID | None = None) -> None:
        """New shipment notice…: for ``customer_id``, else a customer chosen first."""
        service = self._services.shipments
        if customer_id is not None:
            self._runner.run_write(lambda: service.blank(customer_id),
                                   on_done=self._compose, on_error=self._errors.handle)
            return

        def chosen(customers: list[tuple[uuid.UUID, str]]) -> None:
            dialog = CustomerDialog(self, customers)
            self.dialog = dialog

            def picked(value: Any) -> NoticeDraft:
                if value is None:
                    raise ValidationFailed([FieldError("customer", ErrorCode.REQUIRED)])
                return service.blank(value)

            def done(draft: NoticeDraft) -> None:
                dialog.succeeded()
                self._compose(draft)

            dialog.submitted.connect(lambda value: self._runner.run_write(
                lambda: picked(value), on_done=done,
                on_error=lambda exc: dialog.refused(exc, self._errors.handle),
                initiator=dialog))
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

        self._runner.run_write(service.customers, on_done=chosen, on_error=self._errors.handle)

    def _compose(self, draft: NoticeDraft, title: str | None = None) -> None:
        service = self._services.shipments
        customer_id = draft.customer_id
        assert customer_id is not None

        def read() -> tuple[str, list[Recipient], list[Product]]:
            name = dict(service.customers()).get(customer_id, "")
            return name, service.contacts(customer_id), service.products()

        def opened(found: tuple[str, list[Recipient], list[Product]]) -> None:
            name, contacts, products = found
            dialog = ComposeDialog(self, self._services.zone, draft, customer_name=name,
                                   contacts=contacts, title=title or self.tr("Shipment notice"),
                                   products=products)
            self.dialog = dialog
            self._run_save(dialog, service.save)

        self._runner.run_write(read, on_done=opened, on_error=self._errors.handle)

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None or row.status not in (ShipmentStatus.DRAFT, ShipmentStatus.SENT):
            return
        self.edit(row.id)

    def edit(self, notice_id: uuid.UUID) -> None:
        service = self._services.shipments

        def opened(found: tuple[NoticeDetail, list[Product]]) -> None:
            detail, products = found
            dialog = ComposeDialog(
                self, self._services.zone, detail.draft, customer_name=detail.customer_name,
                contacts=list(detail.contacts),
                title=self.tr("Shipment notice %1").replace("%1", detail.notice_no),
                products=products)
            self.dialog = dialog
            self._run_save(dialog, service.save)

        self._runner.run_write(lambda: (service.detail(notice_id), service.products()),
                               on_done=opened, on_error=self._errors.handle)

    def _run_save(self, dialog: FormDialog, change: Callable[[Any], Saved]) -> None:
        """As ``run_dialog``; and when the save reports the ETA slipped on a sent notice, the
        update is ready: the send dialog opens with it (and its apology)."""

        def done(result: Saved) -> None:
            dialog.succeeded(result)
            if result.eta_slipped:
                self.sending.open(result.id)

        dialog.submitted.connect(lambda value: self._runner.run_write(
            lambda: change(value), on_done=done,
            on_error=lambda exc: dialog.refused(exc, self._errors.handle), initiator=dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def send_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.sending.open(row.id)

    def new_from_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        service = self._services.shipments
        self._runner.run_write(
            lambda: service.new_from_previous(row.id),
            on_done=lambda draft: self._compose(draft, self.tr("New from previous")),
            on_error=self._errors.handle)

    def change_eta_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        service = self._services.shipments
        dialog = EtaDialog(self, self._services.zone, f"{row.customer_name} · {row.truck_plate}",
                           row.eta)
        self.dialog = dialog

        def change(eta: datetime | None) -> Saved:
            if eta is None:
                raise ValidationFailed([FieldError("eta", ErrorCode.REQUIRED)])
            return service.change_eta(row.id, eta)

        self._run_save(dialog, change)

    def cancel_selected(self) -> None:
        """Cancel notice…: asked first; a notice the customer has had says so in the question
        (tell them the shipment is off)."""
        row = self.selected()
        if row is None or row.status not in (ShipmentStatus.DRAFT, ShipmentStatus.SENT):
            return
        question = self.tr("Cancel the shipment notice to %1 (%2)?").replace(
            "%1", row.customer_name).replace("%2", row.truck_plate or row.notice_no)
        if row.status is ShipmentStatus.SENT:
            question += "\n\n" + self.tr("The customer has this notice: tell them the "
                                          "shipment is off.")
        answer = QMessageBox.question(self, self.tr("Cancel notice"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        service = self._services.shipments
        self._runner.run_write(lambda: service.cancel(row.id), on_error=self._errors.handle,
                               initiator=self)

    def confirm_arrival_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.confirm_arrival(row)

    def confirm_arrival(self, row: ShipmentRow) -> None:
        """Arrived…: when (now unless changed), received by whom, remarks."""
        if row.status is not ShipmentStatus.SENT:
            return
        service = self._services.shipments
        from salesdesk.domain.clock import utcnow

        dialog = ArrivalDialog(self, self._services.zone,
                               f"{row.customer_name} · {row.goods} · {row.truck_plate}", utcnow())
        self.dialog = dialog

        def confirm(arrival: Any) -> Saved:
            if arrival is None:
                raise ValidationFailed([FieldError("arrived_at", ErrorCode.REQUIRED)])
            return service.confirm_arrival(row.id, arrival)

        run_dialog(self._runner, self._errors, dialog, confirm)


def _email_sender(services: AppServices) -> Callable[[uuid.UUID], Any]:
    """The email send, on the writer (the mail outbox is imported on first use)."""

    def send(notice_id: uuid.UUID) -> Any:
        from salesdesk.services.shipments import mailing

        return mailing.send_email(services.shipments, services.mail.sender_address, notice_id)

    return send
