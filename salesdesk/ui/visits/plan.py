"""The "Plan visit" dialog: which customer (searched as in the customer list), whom to meet,
the day and time window, why, and where (the customer's address unless typed)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QEvent, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from salesdesk.services.customers.records import CustomerQuery
from salesdesk.services.visits.records import PlanningCustomer, VisitPlan, VisitSaved
from salesdesk.ui.errors import refuse_inline

if TYPE_CHECKING:
    from collections.abc import Callable

    from salesdesk.services.container import AppServices
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

SEARCH_LIMIT = 30
_ERROR_STYLE = "color: #b00020;"


def local_instant(day: QDate, at: QTime, zone: ZoneInfo) -> datetime:
    """A day and a wall time in the salesperson's zone, as an aware instant."""
    return datetime.combine(
        date(day.year(), day.month(), day.day()), time(at.hour(), at.minute()), tzinfo=zone
    )


def time_fields() -> tuple[QDateEdit, QTimeEdit, QTimeEdit]:
    """The day (a calendar pops up to pick it) and the start and end times, in one row each."""
    day = QDateEdit()
    day.setObjectName("visitDate")
    day.setCalendarPopup(True)
    day.setDisplayFormat("yyyy-MM-dd")
    start, end = QTimeEdit(), QTimeEdit()
    start.setObjectName("visitStart")
    end.setObjectName("visitEnd")
    for edit in (start, end):
        edit.setDisplayFormat("HH:mm")
    start.setTime(QTime(9, 30))
    end.setTime(QTime(10, 30))
    return day, start, end


class PlanVisitDialog(QDialog):
    """Plans one visit through ``services.visits.plan`` on the writer thread; emits
    ``planned`` with the saved visit and closes, or shows each field's problem and stays."""

    planned = Signal(object)  # VisitSaved
    customer_loaded = Signal(object)  # PlanningCustomer (tests wait for the contacts)

    def __init__(
        self,
        services: AppServices,
        runner: TaskRunner,
        errors: ErrorReporter,
        parent: QWidget | None = None,
        *,
        customer_id: uuid.UUID | None = None,
        day: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planVisitDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._services, self._runner, self._errors = services, runner, errors
        self._customer: PlanningCustomer | None = None
        self._place_default = ""
        self._build()
        self.date.setDate(QDate(day.year, day.month, day.day) if day else QDate.currentDate())
        self.retranslate()
        if customer_id is not None:
            self.choose_customer(customer_id)
        else:
            self._search()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        form = QFormLayout()
        self.search = QLineEdit()
        self.search.setObjectName("visitCustomerSearch")
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("visitCustomerResults")
        self.results.setMaximumHeight(120)
        self.customer_label = QLabel()
        self.customer_label.setObjectName("visitCustomer")
        self.contacts = QListWidget()
        self.contacts.setObjectName("visitContacts")
        self.contacts.setMaximumHeight(110)
        self.date, self.start, self.end = time_fields()
        times_row = QWidget()
        times = QHBoxLayout(times_row)
        times.setContentsMargins(0, 0, 0, 0)
        times.addWidget(self.start)
        self.to_label = QLabel("–")
        times.addWidget(self.to_label)
        times.addWidget(self.end)
        times.addStretch()
        self.purpose = QLineEdit()
        self.purpose.setObjectName("visitPurpose")
        self.place = QLineEdit()
        self.place.setObjectName("visitPlace")
        self.labels = [QLabel() for _ in range(7)]
        for label, field in zip(
            self.labels,
            (self.search, self.customer_label, self.contacts, self.date, times_row, self.purpose,
             self.place),
            strict=True,
        ):
            form.addRow(label, field)
            if field is self.search:
                form.addRow("", self.results)
        outer.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("visitErrors")
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("planVisitOk")
        outer.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.search.textChanged.connect(self._search)
        self.results.itemActivated.connect(self._picked)
        self.results.itemClicked.connect(self._picked)
        self.start.timeChanged.connect(self._keep_end_after_start)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Plan visit"))
        for label, text in zip(
            self.labels,
            (self.tr("Find customer"), self.tr("Customer"), self.tr("Contacts to meet"),
             self.tr("Date"), self.tr("Time"), self.tr("Purpose"), self.tr("Place")),
            strict=True,
        ):
            label.setText(text)
        self.search.setPlaceholderText(self.tr("Name, contact, phone or pinyin…"))
        self.purpose.setPlaceholderText(self.tr("What the visit is for"))
        self.place.setPlaceholderText(self.tr("The customer's address"))
        self.ok.setText(self.tr("Plan"))
        if self._customer is None:
            self.customer_label.setText(self.tr("(choose a customer above)"))

    # --- the customer -----------------------------------------------------------------

    def _search(self) -> None:
        rows = self._services.browser.page(CustomerQuery(text=self.search.text()), 0, SEARCH_LIMIT)
        self.results.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.name}  {row.city}".strip())
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.results.addItem(item)

    def _picked(self, item: QListWidgetItem) -> None:
        self.choose_customer(item.data(Qt.ItemDataRole.UserRole))

    def choose_customer(self, customer_id: uuid.UUID) -> None:
        """Loads the customer's contacts and address (on the writer thread)."""
        self._runner.run_write(
            lambda: self._services.visits.planning_customer(customer_id),
            on_done=self._show_customer,
            on_error=self._errors.handle,
        )

    def _show_customer(self, customer: PlanningCustomer | None) -> None:
        if customer is None:
            return
        self._customer = customer
        self.customer_label.setText(customer.name)
        self.contacts.clear()
        for contact in customer.contacts:
            text = f"{contact.name}  {contact.role}".strip()
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, contact.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.contacts.addItem(item)
        # The address replaces the place unless the user typed one of their own.
        if not self.place.text().strip() or self.place.text() == self._place_default:
            self.place.setText(customer.address)
        self._place_default = customer.address
        self.customer_loaded.emit(customer)

    def check_contact(self, name: str) -> None:
        """Ticks a contact by name (what a click on its box does)."""
        for row in range(self.contacts.count()):
            item = self.contacts.item(row)
            if item.text().split("  ")[0] == name:
                item.setCheckState(Qt.CheckState.Checked)

    # --- saving -----------------------------------------------------------------------

    def _keep_end_after_start(self, start: QTime) -> None:
        if self.end.time() <= start:
            self.end.setTime(start.addSecs(3600))

    def plan(self) -> VisitPlan:
        zone = self._services.visits.zone
        checked = [
            self.contacts.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.contacts.count())
            if self.contacts.item(r).checkState() == Qt.CheckState.Checked
        ]
        starts = local_instant(self.date.date(), self.start.time(), zone)
        ends = local_instant(self.date.date(), self.end.time(), zone)
        place = self.place.text()
        return VisitPlan(
            customer_id=self._customer.id if self._customer else None,
            starts_at=starts,
            ends_at=ends if ends != starts else None,
            purpose=self.purpose.text(),
            place=place if place.strip() else None,
            contact_ids=tuple(checked),
        )

    def submit(self) -> None:
        plan = self.plan()
        self.ok.setEnabled(False)
        self._runner.run_write(
            lambda: self._services.visits.plan(plan),
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, saved: VisitSaved) -> None:
        self.planned.emit(saved)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        refuse_inline(self.error, exc, self._errors)



class PlanVisitButton(QPushButton):
    """"Plan visit…" beside a customer: opens the plan dialog for the customer ``shown()``
    names (the customer view's hook; none shown: the dialog asks which)."""

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 shown: Callable[[], uuid.UUID | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerPlanVisit")
        self._services, self._runner, self._errors, self._shown = services, runner, errors, shown
        self.clicked.connect(self._open)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setText(self.tr("Plan visit…"))

    def _open(self) -> None:
        self.dialog = PlanVisitDialog(self._services, self._runner, self._errors, self.window(),
                                      customer_id=self._shown())
        self.dialog.open()
