"""The main window: navigation bar, pages, File and Language menus.

Just over 500 lines: the one place that builds the pages and menus and wires one feature's
request to another's page (open a visit, plan one, close a promise, open a complaint); each
page keeps its own behaviour.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from salesdesk.kit.changes import NOTHING, Changes
from salesdesk.ui import i18n
from salesdesk.ui.complaints.page import ComplaintsPage
from salesdesk.ui.customers.page import CustomersPage
from salesdesk.ui.mail.menu import MailMenu
from salesdesk.ui.promises.page import PromisesPage
from salesdesk.ui.reminders import Reminders
from salesdesk.ui.shipments.page import ShipmentsPage
from salesdesk.ui.sync.page import SyncPage
from salesdesk.ui.today.page import TodayPage
from salesdesk.ui.visits.outcome import open_outcome, record_unplanned_action
from salesdesk.ui.visits.page import VisitsPage
from salesdesk.ui.visits.printing import VisitPrintActions, VisitPrinting

if TYPE_CHECKING:
    from salesdesk.services.container import AppServices
    from salesdesk.services.imports.plan import Importer
    from salesdesk.services.visits.records import AgendaVisit
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner


TIER_REFRESH_DELAY_MS = 2000  # tiers are refreshed at most once a day: no hurry


class MainWindow(QMainWindow):
    language_changed = Signal(str)
    store_replaced = Signal()
    export_finished = Signal(object)  # ExportResult
    calendar_exported = Signal(object)  # CalendarExported

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter) -> None:
        super().__init__()
        self.services = services
        self.runner = runner
        self.errors = errors
        self._tiers_refresh_queued = False
        errors.set_parent_widget(self)
        runner.bug.connect(errors.bug)
        self.setObjectName("mainWindow")
        self.resize(1280, 800)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(120)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setStyleSheet(
            "QListWidget { background: #24324a; color: #e8edf5; border: none; font-size: 14px; }"
            "QListWidget::item { padding: 10px 12px; }"
            "QListWidget::item:selected { background: #3c5a8a; color: white; }"
        )
        self.stack = QStackedWidget()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.customers = CustomersPage(services, runner, errors)
        self.sync_page = SyncPage(services, runner, errors)
        self.visits_page = VisitsPage(services, runner, errors)
        self.promises = PromisesPage(services, runner, errors)
        self.today = TodayPage(services, runner, errors)
        self.shipments = ShipmentsPage(services, runner, errors)
        self.complaints = ComplaintsPage(services, runner, errors)
        self._pages: list[tuple[str, QWidget]] = [
            ("today", self.today),  # the page the app opens on
            ("customers", self.customers),
            ("visits", self.visits_page),
            ("promises", self.promises),
            ("shipments", self.shipments),
            ("complaints", self.complaints),
            ("sync", self.sync_page),
        ]
        for key, page in self._pages:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._show_page)
        self.nav.setCurrentRow(0)

        self._build_menus()
        self.toolbar = self.addToolBar("main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.sync_action = QAction(self)
        self.sync_action.setObjectName("syncAction")
        self.sync_action.triggered.connect(self.sync_now)
        self.toolbar.addAction(self.sync_action)
        # What a sync or a login changed reaches the pages through the runner's change hub
        # (SyncOutcome.changes, LoginOutcome.changes); the window only shows the result.
        self.sync_page.sync_finished.connect(self._after_sync)
        self.customers.import_requested.connect(self.import_customers)
        self.customers.export_requested.connect(self.export_customers)
        self.reminders = Reminders(services, runner, errors, self)
        self.reminders.open_requested.connect(lambda: self.show_page("promises"))
        self.reminders.digest_ready.connect(self._digest_ready)
        # Acting on a visit from any page: the outcome form, the visit on its day, a new plan.
        self.today.outcome_requested.connect(self.record_outcome)
        self.visits_page.outcome_requested.connect(self.record_outcome)
        self.today.visit_requested.connect(self.open_visit)
        self.today.plan_requested.connect(self.visits_page.plan_visit)
        self.today.page_requested.connect(self.show_page)
        self.today.arrival_requested.connect(self.shipments.confirm_arrival)
        self.customers.shipment_badge.new_requested.connect(self.new_shipment_notice)
        self.today.complaint_requested.connect(self.open_complaint)
        self.retranslate()

    def _show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        if self.stack.currentWidget() is self.sync_page:
            self.sync_page.refresh()

    def show_page(self, key: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)

    def new_complaint(self) -> None:
        """File > New complaint…: the Complaints page and its record dialog."""
        self.show_page("complaints")
        self.complaints.new_complaint()

    def open_complaint(self, complaint_id: uuid.UUID) -> None:
        self.show_page("complaints")
        self.complaints.show_complaint(complaint_id)

    def record_outcome(self, visit_id: uuid.UUID) -> None:
        open_outcome(self.services, self.runner, self.errors, visit_id, self)

    def new_shipment_notice(self, customer_id: uuid.UUID | None = None) -> None:
        """File > New shipment notice… (for a customer chosen first), and the customer view's
        button (for the customer shown): the Shipments page composes it."""
        self.show_page("shipments")
        self.shipments.new_notice(customer_id if isinstance(customer_id, uuid.UUID) else None)

    def open_visit(self, visit: AgendaVisit) -> None:
        self.show_page("visits")
        self.visits_page.show_visit(visit.id, visit.starts_at.astimezone(self.services.zone).date())

    def _digest_ready(self, _digest: object, title: str, body: str) -> None:
        # Without a system tray the reminder is shown on the Today page instead: its title
        # ("SalesDesk: 30 things today"), since the page itself lists every item of the body.
        if self.reminders.tray is None:
            self.today.set_reminder(title if body else "")

    def sync_now(self) -> None:
        """The toolbar's Sync now: syncs if logged in, else opens the Sync page to log in."""
        if not self.services.sync.is_logged_in():
            self.show_page("sync")
            self.sync_page.password.setFocus()
            return
        self.sync_page.sync_now()

    def _after_sync(self, outcome: object) -> None:
        if outcome is not None:
            self.statusBar().showMessage(self.sync_page.counts.text(), 10000)

    # --- menus ------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.backup_action = QAction(self)
        self.backup_action.setObjectName("backupAction")
        self.backup_action.triggered.connect(self.backup)
        self.restore_action = QAction(self)
        self.restore_action.setObjectName("restoreAction")
        self.restore_action.triggered.connect(self.restore)
        self.import_action = QAction(self)
        self.import_action.setObjectName("importAction")
        self.import_action.triggered.connect(self.import_customers)
        self.import_orders_action = QAction(self)
        self.import_orders_action.setObjectName("importOrdersAction")
        self.import_orders_action.triggered.connect(self.import_orders)
        self.export_action = QAction(self)
        self.export_action.setObjectName("exportAction")
        self.export_action.triggered.connect(self.export_customers)
        self.export_calendar_action = QAction(self)
        self.export_calendar_action.setObjectName("exportCalendarAction")
        self.export_calendar_action.triggered.connect(self.export_calendar)
        # Issue 15: record a complaint from anywhere (ui/complaints/record.py).
        self.new_complaint_action = QAction(self)
        self.new_complaint_action.setObjectName("newComplaintAction")
        self.new_complaint_action.triggered.connect(self.new_complaint)
        self.quit_action = QAction(self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.triggered.connect(self.close)
        # Issue 13: the outcome form for a visit nobody planned (ui/visits/outcome.py).
        self.record_unplanned_action = record_unplanned_action(self)
        # Issue 14: a shipment notice for a customer chosen first (ui/shipments/).
        self.new_notice_action = QAction(self)
        self.new_notice_action.setObjectName("newShipmentNoticeAction")
        self.new_notice_action.triggered.connect(self.new_shipment_notice)
        # Printed visit summaries (issue 13): File > Print today's visits…
        self.printing = VisitPrinting(self.services, self.runner, self.errors, self,
                                      on_status=self.statusBar().showMessage)
        self.print_actions = VisitPrintActions(self.printing, self)
        for action in (
            self.record_unplanned_action,
            self.new_notice_action,
            self.new_complaint_action,
            None,
            self.import_action,
            self.import_orders_action,
            self.export_action,
            self.export_calendar_action,
            None,
            *self.print_actions.actions(),
            None,
            self.backup_action,
            self.restore_action,
            None,
            self.quit_action,
        ):
            if action is None:
                self.file_menu.addSeparator()
            else:
                self.file_menu.addAction(action)
        # Issue 14: the mail outbox and its settings (ui/mail/), sending every few minutes.
        self.mail = MailMenu(self.services, self.runner, self.errors, self)
        bar.addMenu(self.mail.menu)
        self.mail.sending.start()
        self.shipments.sending.after_email = self.mail.sending.send_due
        self.language_menu = bar.addMenu("")
        self.language_actions: dict[str, QAction] = {}
        for code, label in (("zh_CN", "中文"), ("en", "English")):
            action = QAction(label, self)
            action.setCheckable(True)
            action.setObjectName(f"language_{code}")
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.triggered.connect(self.about)
        self.help_menu.addAction(self.about_action)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("SalesDesk"))
        names = {"today": self.tr("Today"), "customers": self.tr("Customers"),
                 "visits": self.tr("Visits"), "promises": self.tr("Promises"),
                 "shipments": self.tr("Shipments"), "complaints": self.tr("Complaints"),
                 "sync": self.tr("Sync")}
        self.sync_action.setText(self.tr("Sync now"))
        self.sync_action.setToolTip(self.tr("Send your changes to HQ and receive HQ's"))
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            item.setText(names[item.data(Qt.ItemDataRole.UserRole)])
        self.file_menu.setTitle(self.tr("&File"))
        self.backup_action.setText(self.tr("&Back up the store…"))
        self.restore_action.setText(self.tr("&Restore from a backup…"))
        self.import_action.setText(self.tr("&Import customers…"))
        self.import_orders_action.setText(self.tr("Import &orders…"))
        self.export_action.setText(self.tr("&Export customers…"))
        self.export_calendar_action.setText(self.tr("Export visits to &calendar (.ics)…"))
        self.new_complaint_action.setText(self.tr("New &complaint…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.new_notice_action.setText(self.tr("New &shipment notice…"))
        self.mail.retranslate()
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About SalesDesk"))
        app = QApplication.instance()
        current = app.property("salesdesk_language") if app is not None else None
        for code, action in self.language_actions.items():
            action.setChecked(code == current)

    def set_language(self, language: str) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        i18n.install(app, language)
        self.services.settings.language = language
        try:
            self.services.save_settings()
        except OSError as exc:
            self.errors.handle(exc)
        self.language_changed.emit(language)

    # --- File menu --------------------------------------------------------------------

    # Each action's slot takes no argument: QAction.triggered passes ``checked``, which must
    # never land in a path parameter. The *_to / *_from methods take the chosen file.

    def backup(self) -> None:
        """File > Back up: asks where to save a copy of the store."""
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up the store"),
            str(Path.home() / "salesdesk-backup.sqlite3"),
            self.tr("SalesDesk store (*.sqlite3)"),
        )
        if name:
            self.backup_to(Path(name))

    def backup_to(self, target: Path) -> None:
        from salesdesk.services.store import backup_to

        chosen = Path(target)
        self.runner.run_write(
            lambda: backup_to(self.services.paths.store, chosen),
            on_done=lambda _: self.statusBar().showMessage(
                self.tr("Backed up to %1").replace("%1", str(chosen)), 8000
            ),
            on_error=self.errors.handle,
        )

    def restore(self) -> None:
        """File > Restore: asks for a backup file, then for confirmation."""
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from a backup"),
            str(Path.home()),
            self.tr("SalesDesk store (*.sqlite3);;All files (*)"),
        )
        if name:
            self.restore_from(Path(name))

    def restore_from(self, source: Path, *, confirmed: bool = False) -> None:
        if not confirmed:
            answer = QMessageBox.question(
                self,
                self.tr("Restore from a backup"),
                self.tr(
                    "Replace the current data with the backup %1?\n\nThe current data is "
                    "kept aside in %2, not deleted."
                )
                .replace("%1", str(source))
                .replace("%2", str(self.services.paths.backups)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        from salesdesk.services.store import restore_from

        chosen = Path(source)

        # The list stops reading and closes its connection here, on the GUI thread that uses
        # it; the writer thread disposes of its own connections and replaces the file.
        self.customers.shutdown()
        self.services.close_reader()

        def job() -> Path:
            self.services.close_writer()
            return restore_from(self.services.paths.store, chosen, self.services.paths.backups)

        def reopen() -> None:
            self.services.reopen()
            self.customers.resume()

        def done(aside: Path) -> None:
            reopen()
            self.runner.changes.announce(Changes.everything(), self)
            self.statusBar().showMessage(
                self.tr("Restored. The previous data was kept in %1").replace("%1", str(aside))
            )
            self.store_replaced.emit()

        def failed(exc: BaseException) -> None:
            reopen()
            self.errors.handle(exc)  # not a store, too new: worded in ui/messages.py
            self.runner.changes.announce(Changes(store=True), self)  # reopened as it was

        self.runner.run_write(job, on_done=done, on_error=failed)

    def import_customers(self) -> None:
        self._open_import(self.services.customer_importer())

    def import_orders(self) -> None:
        """Sales orders from a spreadsheet, until HQ sends them; they decide the tiers."""
        self._open_import(self.services.order_importer())

    def _open_import(self, importer: Importer[Any, Any]) -> None:
        from salesdesk.ui.imports.dialog import open_import_dialog

        open_import_dialog(importer, self.runner, self)  # the result reports its changes

    def export_customers(self) -> None:
        """File > Export (and the list's Export button): asks where, then exports."""
        from salesdesk.ui.imports.export import choose_target

        target = choose_target(self, self.services.settings)
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        from salesdesk.ui.imports.export import export_customers

        export_customers(
            self.services.customer_exporter(), self.runner, self,
            self.customers.current_query(), Path(target),
            on_done=self.export_finished.emit, on_status=self.statusBar().showMessage,
            on_error=self.errors.handle,
        )

    def export_calendar(self) -> None:
        """File > Export visits to calendar: from today, 90 days, to the file the user names."""
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export visits to calendar"),
            str(Path(self.services.settings.last_export_dir or Path.home()) / "visits.ics"),
            self.tr("iCalendar file (*.ics)"),
        )
        if name:
            self.export_calendar_to(Path(name))

    def export_calendar_to(self, target: Path) -> None:
        from salesdesk.services.visits.calendar import export_calendar

        chosen = Path(target)
        if chosen.suffix.lower() != ".ics":
            chosen = chosen.with_name(chosen.name + ".ics")

        def done(result: Any) -> None:
            self.statusBar().showMessage(
                self.tr("%1 visits exported to %2")
                .replace("%1", str(result.visits)).replace("%2", str(result.path)), 10000
            )
            self.calendar_exported.emit(result)

        self.runner.run_write(
            lambda: export_calendar(self.services.visits, chosen),
            on_done=done,
            on_error=self.errors.handle,
        )

    def about(self) -> None:
        from salesdesk import __version__

        QMessageBox.about(
            self,
            self.tr("About SalesDesk"),
            self.tr(
                "SalesDesk %1 — the field salesperson's working copy of the customer record."
            ).replace("%1", __version__),
        )

    # --- closing ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._tiers_refresh_queued:
            self._tiers_refresh_queued = True
            # Well after the first paint, and after the write side's warm-up that the app
            # queues on the writer at start; the writer runs one job at a time.
            QTimer.singleShot(TIER_REFRESH_DELAY_MS, self, self._refresh_tiers_after_start)

    def _refresh_tiers_after_start(self) -> None:
        if self.isVisible():  # not when the window closed meanwhile (its runner is shut down)
            self.refresh_tiers()
            self.reminders.start()  # the first digest now, then every reminder_minutes

    def refresh_tiers(self, today: date | None = None) -> None:
        """Ranks customers again on the writer if they were last ranked on another day.

        Tiers depend on the date, so a laptop opened on a new morning needs this even with no
        new orders. The list reloads only when a tier or sales figure changed.
        """
        day = today or date.today()

        def job() -> Changes:
            self.services.warm_up()  # loads the write side first (a no-op when already done)
            changed = self.services.refresh_tiers_if_stale(day)
            return Changes(customers=True, tiers=True) if changed else NOTHING

        self.runner.run_write(job, on_error=self.errors.handle, initiator=self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.customers.confirm_discard():
            event.ignore()
            return
        self.customers.shutdown()
        self.reminders.stop()
        self.mail.sending.stop()
        self.runner.shutdown()
        self.services.close()
        super().closeEvent(event)
