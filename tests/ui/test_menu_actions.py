"""Every menu action and toolbar button, through its QAction, as a user clicks it.

Each action's scenario answers the file dialogs and questions it opens (real QFileDialog and
QMessageBox instances, tests/ui/modal.py). A new action without a scenario fails
``test_every_action_has_a_scenario``: no action goes untested again (issue 11, item 3: Back up
and Export crashed and Restore asked about "backup False" because ``triggered`` passed
``checked`` into a path parameter, and the tests called the methods with a path).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox, QToolBar

from salesdesk import __version__
from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import CustomerQuery
from salesdesk.ui.imports.dialog import ImportDialog
from salesdesk.ui.main_window import MainWindow
from tests.ui.conftest import close_window, open_window
from tests.ui.modal import ModalAnswers

Scenario = Callable[..., None]
SCENARIOS: dict[str, Scenario] = {}


def scenario(name: str) -> Callable[[Scenario], Scenario]:
    def register(fn: Scenario) -> Scenario:
        SCENARIOS[name] = fn
        return fn

    return register


def window_actions(window: MainWindow) -> dict[str, QAction]:
    """Every action a user can trigger from the menu bar and the toolbars, by object name."""
    found: dict[str, QAction] = {}

    def collect(actions: list[QAction]) -> None:
        for action in actions:
            if action.isSeparator():
                continue
            menu = action.menu()
            if isinstance(menu, QMenu):
                collect(menu.actions())
                continue
            assert action.objectName(), f"action {action.text()!r} has no object name"
            assert action.objectName() not in found, action.objectName()
            found[action.objectName()] = action

    collect(window.menuBar().actions())
    for bar in window.findChildren(QToolBar):
        collect(bar.actions())
    return found


@pytest.fixture
def crashes(window: MainWindow) -> Iterator[list[str]]:
    """Whatever the error reporter shows (a crash dialog, a warning) during the test."""
    shown: list[str] = []
    window.errors.shown.connect(shown.append)
    yield shown


def test_every_action_has_a_scenario(window: MainWindow) -> None:
    actions = window_actions(window)
    assert len(actions) >= 10
    assert set(actions) == set(SCENARIOS), "each menu/toolbar action needs a scenario here"


def count(store: Path) -> int:
    return CustomerBrowser(store).count(CustomerQuery())


@scenario("backupAction")
def back_up(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    with ModalAnswers().file(None):  # the user changes their mind: nothing is written
        action.trigger()
    target = tmp_path / "copy.sqlite3"
    with ModalAnswers().file(target):
        action.trigger()
    qtbot.waitUntil(target.exists, timeout=10000)
    assert count(target) == 200
    assert list(tmp_path.glob("*.part")) == []


@scenario("restoreAction")
def restore(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    from salesdesk.services.store import backup_to

    backup = tmp_path / "monday.sqlite3"
    backup_to(window.services.paths.store, backup)
    victim = window.customers.model.row_at(0)
    assert victim is not None
    deleted: list[object] = []
    window.runner.run_write(lambda: window.services.customers.delete(victim.id),
                            on_done=deleted.append)
    qtbot.waitUntil(lambda: bool(deleted), timeout=10000)
    assert window.services.browser.count(CustomerQuery()) == 199

    with ModalAnswers().file(backup).message(QMessageBox.StandardButton.No) as answers:
        action.trigger()  # asks which file, then whether to replace: No keeps everything
    assert str(backup) in answers.texts[0]
    assert window.services.browser.count(CustomerQuery()) == 199

    answers = ModalAnswers().file(backup).message(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.store_replaced, timeout=20000), answers:
        action.trigger()
    assert window.services.browser.count(CustomerQuery()) == 200
    assert window.customers.model.rowCount() == 200


def _open_import(qtbot, window: MainWindow, action: QAction) -> ImportDialog:
    action.trigger()
    dialogs = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.waitExposed(dialog)
    return dialog


@scenario("importAction")
def import_customers(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    from salesdesk.services.imports.customers import CustomerImporter

    dialog = _open_import(qtbot, window, action)
    assert isinstance(dialog.importer, CustomerImporter)
    dialog.reject()


@scenario("importOrdersAction")
def import_orders(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    from salesdesk.services.imports.orders import OrderImporter

    dialog = _open_import(qtbot, window, action)
    assert isinstance(dialog.importer, OrderImporter)
    dialog.reject()


@scenario("exportAction")
def export(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    target = tmp_path / "customers.xlsx"
    with qtbot.waitSignal(window.export_finished, timeout=20000) as blocker, \
            ModalAnswers().file(target):
        action.trigger()
    assert blocker.args[0].rows == 200
    assert target.stat().st_size > 0


@scenario("exportCalendarAction")
def export_calendar(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    """Visits from today, 90 days, as .ics; a re-export after a reschedule has the same UIDs
    and a higher SEQUENCE (read back with the icalendar library)."""
    import icalendar

    from salesdesk.services.customers.records import CustomerQuery as Query
    from salesdesk.services.visits.records import VisitPlan

    visits = window.services.visits
    customer = window.services.browser.page(Query(), 0, 1)[0]
    tomorrow = visits.day_start(visits.today()) + timedelta(days=1, hours=10)
    planned = visits.plan(VisitPlan(customer.id, tomorrow, tomorrow + timedelta(hours=1),
                                    "回访")).visit
    target = tmp_path / "visits.ics"
    with ModalAnswers().file(None):  # the user changes their mind: nothing is written
        action.trigger()
    assert not target.exists()

    def exported(to: Path) -> dict[str, object]:
        with qtbot.waitSignal(window.calendar_exported, timeout=20000), \
                ModalAnswers().file(to):
            action.trigger()
        cal = icalendar.Calendar.from_ical(to.read_bytes())
        return {str(e["UID"]): e for e in cal.walk("VEVENT")}

    first = exported(target)
    uid = f"{planned.id}@salesdesk"
    assert uid in first and first[uid].decoded("SEQUENCE") == 0  # type: ignore[attr-defined]
    visits.reschedule(planned.id, tomorrow + timedelta(hours=2), None)
    second = exported(tmp_path / "again.ics")
    assert set(second) == set(first)
    assert second[uid].decoded("SEQUENCE") == 1  # type: ignore[attr-defined]
    assert "exported" in window.statusBar().currentMessage()


@scenario("quitAction")
def quit_(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    # The fixture's window stays open for its teardown; quit a second one.
    other = open_window(qtbot, window.services.paths.data_dir)
    qtbot.wait(50)  # what the window queues at start runs before anyone can click Quit
    try:
        window_actions(other)["quitAction"].trigger()
        qtbot.waitUntil(lambda: not other.isVisible(), timeout=5000)
    finally:
        if other.isVisible():
            close_window(other)


def _seed_today(window: MainWindow) -> list[str]:
    from salesdesk.db.session import unit_of_work
    from salesdesk.domain.clock import utcnow
    from salesdesk.domain.due import local_date
    from tests.visit_history import seed_day

    today = local_date(utcnow(), window.services.visit_printing.zone)
    names = ["宁波华美门窗有限公司", "东莞鑫源金属制品厂", "成都天成幕墙工程有限公司"]
    with unit_of_work(window.services.factory) as session:
        seed_day(session, today, names)
    return names


@scenario("printTodayAction")
def print_todays_visits(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    from salesdesk.ui.visits.printing import SentToPrinter
    from tests.unit.documents.test_visit_summary import page_count

    _seed_today(window)
    with ModalAnswers().printer(None):  # the user changes their mind: nothing is printed
        action.trigger()
    printed = tmp_path / "printed.pdf"
    with qtbot.waitSignal(window.printing.finished, timeout=60000) as done, \
            ModalAnswers().printer(printed):
        action.trigger()
    assert isinstance(done.args[0], SentToPrinter)
    assert page_count(printed) == done.args[0].pages >= 3  # each visit on its own page


@scenario("saveTodayPdfAction")
def save_todays_visits(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    from tests.unit.documents.test_visit_summary import page_count, squeezed, text_of

    names = _seed_today(window)
    with ModalAnswers().file(None):  # the user changes their mind: nothing is written
        action.trigger()
    target = tmp_path / "today.pdf"
    with qtbot.waitSignal(window.printing.finished, timeout=20000), ModalAnswers().file(target):
        action.trigger()
    text = squeezed(text_of(target))
    assert all(name in text for name in names)
    assert page_count(target) >= 3  # each on its own page


def test_the_lists_export_and_import_buttons(qtbot, window: MainWindow, tmp_path: Path,
                                             crashes: list[str]) -> None:
    """The Customers page's own buttons reach the same slots as the File menu."""
    page = window.customers
    target = tmp_path / "from-button.csv"
    with qtbot.waitSignal(window.export_finished, timeout=20000) as blocker, \
            ModalAnswers().file(target):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].rows == 200 and target.exists()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    (dialog,) = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    dialog.reject()
    qtbot.wait(50)
    assert crashes == []


def _language(code: str, file_menu: str) -> Scenario:
    def switch(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
        other = "en" if code == "zh_CN" else "zh_CN"
        window_actions(window)[f"language_{other}"].trigger()
        qtbot.waitUntil(lambda: window.file_menu.title() != file_menu)  # LanguageChange
        action.trigger()
        app = QApplication.instance()
        assert app is not None
        assert app.property("salesdesk_language") == code
        qtbot.waitUntil(lambda: window.file_menu.title() == file_menu)
        assert action.isChecked()
        assert window.services.settings.language == code

    return switch


scenario("language_zh_CN")(_language("zh_CN", "文件(&F)"))
scenario("language_en")(_language("en", "&File"))


@scenario("aboutAction")
def about(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    with ModalAnswers().message(QMessageBox.StandardButton.Ok) as answers:
        action.trigger()
    assert __version__ in answers.texts[0]


@scenario("syncAction")
def sync_now(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    # Not logged in: the toolbar's Sync now opens the Sync page to log in.
    action.trigger()
    assert window.stack.currentWidget() is window.sync_page
    assert window.sync_page.password.hasFocus() or window.focusWidget() is window.sync_page.password


@scenario("recordUnplannedVisitAction")
def record_unplanned_visit(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    from salesdesk.ui.visits.outcome import OutcomeDialog

    action.trigger()
    (dialog,) = [d for d in window.findChildren(OutcomeDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: dialog.customer.count() == 200, timeout=10000)
    assert dialog.customer.hasFocus()  # whom the visit was to comes first
    dialog.reject()
    assert not dialog.isVisible()


@scenario("newShipmentNoticeAction")
def new_shipment_notice(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    from salesdesk.ui.shipments.compose import ComposeDialog
    from salesdesk.ui.shipments.dialogs import CustomerDialog

    page = window.shipments
    action.trigger()
    assert window.stack.currentWidget() is page  # the Shipments page composes it
    qtbot.waitUntil(lambda: isinstance(page.dialog, CustomerDialog), timeout=10000)
    chooser = page.dialog
    assert isinstance(chooser, CustomerDialog)
    assert chooser.customer.count() == 201 and chooser.customer.hasFocus()  # "" + 200
    chooser.customer.setCurrentIndex(3)
    name = chooser.customer.currentText()
    chooser.ok.click()
    qtbot.waitUntil(lambda: isinstance(page.dialog, ComposeDialog), timeout=10000)
    compose = page.dialog
    assert isinstance(compose, ComposeDialog) and compose.isVisible()
    label = compose.findChild(QLabel, "noticeCustomer")
    assert label is not None and label.text() == name
    compose.reject()


@scenario("newComplaintAction")
def new_complaint(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    from salesdesk.ui.complaints.record import RecordComplaintDialog

    action.trigger()
    page = window.complaints
    qtbot.waitUntil(lambda: isinstance(page.dialog, RecordComplaintDialog)
                    and page.dialog.isVisible(), timeout=10000)
    dialog = page.dialog
    assert isinstance(dialog, RecordComplaintDialog)
    assert window.stack.currentWidget() is page
    assert dialog.customer.count() == 201  # the demo's 200 and "none chosen"
    assert dialog.reference in dialog.script.text()  # the script is there to read out
    dialog.reject()
    assert not dialog.isVisible()


@scenario("outboxAction")
def open_outbox(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    from salesdesk.mail.message import OutgoingMail

    window.services.settings.smtp_sender = "zhang@salesdesk.cn"
    window.services.mail.queue(OutgoingMail(to=("wang@qianghuang.cn",), subject="发货通知",
                                            text="货已发出", html="<p>货已发出</p>"))
    action.trigger()
    outbox = window.mail.outbox
    assert outbox is not None and outbox.isVisible() and outbox.windowTitle() == "Outbox"
    qtbot.waitUntil(lambda: outbox.model.rowCount() == 1, timeout=10000)
    assert outbox.model.rows[0].subject == "发货通知"
    outbox.close()


@scenario("mailSettingsAction")
def mail_settings(qtbot, window: MainWindow, action: QAction, tmp_path: Path) -> None:
    from salesdesk.ui.mail.settings import MailSettingsDialog

    action.trigger()
    (dialog,) = [d for d in window.findChildren(MailSettingsDialog) if d.isVisible()]
    assert dialog.windowTitle() == "Mail settings" and dialog.password.echoMode() == (
        dialog.password.EchoMode.Password)
    dialog.host.setText("smtp.exmail.qq.com")
    dialog.sender_edit.setText("zhang@salesdesk.cn")
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        dialog.ok.click()
    assert window.services.settings.smtp_host == "smtp.exmail.qq.com"


# After every scenario is registered above.
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_action(name: str, qtbot, window: MainWindow, tmp_path: Path, crashes: list[str]) -> None:
    action = window_actions(window)[name]
    assert action.isEnabled()
    SCENARIOS[name](qtbot, window, action, tmp_path)
    qtbot.wait(50)  # anything queued by the action (an error on the runner) arrives
    assert crashes == []
