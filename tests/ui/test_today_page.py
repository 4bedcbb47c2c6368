"""The Today page, the one the app opens on, through what a user touches: a visit planned for
today is listed there; its "Record outcome…" opens the outcome form; a promise made in it, due
today, is listed there; its "Close…" closes it kept, and the kept-rate moves. The customers
overdue a visit are listed with their reason, and "Plan visit…" plans one."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDateEdit

from salesdesk.domain.due import SHANGHAI
from salesdesk.services.promises import PromiseDraft
from salesdesk.services.today import TodayView
from salesdesk.ui.main_window import MainWindow
from salesdesk.ui.promises.dialogs import CloseDialog
from salesdesk.ui.today.page import TodayPage
from salesdesk.ui.visits.change import CancelVisitDialog
from salesdesk.ui.visits.outcome import OutcomeDialog
from salesdesk.ui.visits.plan import PlanVisitDialog
from tests.ui.conftest import close_window, open_window
from tests.ui.test_customers_page import type_text
from tests.ui.test_promises_page import kept_count, promises_page
from tests.ui.test_visits_page import find_dialog, open_visits, plan_from_page
from tests.ui.visits.test_outcome import CTRL_SHIFT, type_into_cell

PROMISE = "本周五前寄送新色卡"


def back_to_today(qtbot, window: MainWindow) -> TodayView:
    with qtbot.waitSignal(window.today.loaded, timeout=20000) as loaded:
        window.show_page("today")
    view = loaded.args[0]
    assert isinstance(view, TodayView)
    return view


def wait_reloaded(qtbot, page: TodayPage) -> TodayView:
    with qtbot.waitSignal(page.loaded, timeout=20000) as loaded:
        pass
    view = loaded.args[0]
    assert isinstance(view, TodayView)
    return view


def test_the_app_opens_on_today(qtbot, demo_data_dir) -> None:
    window = open_window(qtbot, demo_data_dir, page=None)
    assert window.nav.currentItem().data(Qt.ItemDataRole.UserRole) == "today"
    assert window.stack.currentWidget() is window.today
    qtbot.waitUntil(lambda: window.today.shown() is not None, timeout=20000)
    assert window.today.heading.text().startswith("Today, ")
    close_window(window)


def test_plan_record_a_promise_see_it_today_close_it_kept(qtbot, sales_window) -> None:
    window: MainWindow = sales_window
    kept_before = kept_count(promises_page(qtbot, window))

    # Plan a visit for today on the Visits page: Today lists it, ready to record.
    visit = plan_from_page(qtbot, window, open_visits(qtbot, window))
    today = back_to_today(qtbot, window)
    assert visit.id in window.today.visit_ids()
    row = today.visits.index(next(v for v in today.visits if v.id == visit.id))
    button = window.today.visits.buttons[row]
    assert button.text() == "Record outcome…"

    # One click opens the outcome form; a promise due today goes in with the outcome.
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(OutcomeDialog)),
                    timeout=20000)
    form = find_dialog(window, OutcomeDialog)
    qtbot.waitUntil(lambda: form._form is not None, timeout=20000)  # the visit is read
    qtbot.waitExposed(form)
    form.activateWindow()
    type_text(qtbot, form.texts["discussed"], "明年框架协议")
    qtbot.keyClick(form, Qt.Key.Key_P, CTRL_SHIFT)
    type_into_cell(qtbot, PROMISE)
    type_into_cell(qtbot, "采购部")
    due = QApplication.focusWidget()
    assert isinstance(due, QDateEdit)
    local_today = visit.starts_at.astimezone(SHANGHAI).date()
    due.setDate(QDate(local_today.year, local_today.month, local_today.day))
    with qtbot.waitSignal(form.recorded, timeout=20000), \
            qtbot.waitSignal(window.today.loaded, timeout=20000) as reloaded:
        qtbot.keyClick(due, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    view: TodayView = reloaded.args[0]
    done = next(v for v in view.visits if v.id == visit.id)
    assert done.status.value == "done"
    promise = next(p for p in view.due_promises if p.description == PROMISE)
    assert promise.due == view.today and promise.days_overdue == 0

    # Close it kept from Today: it leaves the page and the kept-rate counts it.
    row = len(view.overdue_promises) + view.due_promises.index(promise)
    QTest.mouseClick(window.today.promises.buttons[row], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.today.dialog, CloseDialog)
                    and window.today.dialog.isVisible(), timeout=20000)
    dialog = window.today.dialog
    assert isinstance(dialog, CloseDialog) and dialog.kept.isChecked()
    with qtbot.waitSignal(window.today.loaded, timeout=20000) as reloaded:
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert PROMISE not in [p.description for p in reloaded.args[0].due_promises]
    assert kept_count(promises_page(qtbot, window)) == kept_before + 1


def test_overdue_contacts_are_listed_with_why_and_plan_visit_plans_one(
        qtbot, sales_window) -> None:
    window: MainWindow = sales_window
    view = back_to_today(qtbot, window)
    rows = view.overdue_contacts.rows
    assert rows, "the demo store has customers overdue a visit"
    first = window.today.contacts.list.topLevelItem(0)
    assert first is not None
    assert first.text(0) == rows[0].customer_name
    assert "every" in first.text(1) and "days" in first.text(1)
    QTest.mouseClick(window.today.contacts.buttons[0], Qt.MouseButton.LeftButton)
    dialog = find_dialog(window, PlanVisitDialog)
    qtbot.waitUntil(lambda: rows[0].customer_name in dialog.customer_label.text(),
                    timeout=20000)
    dialog.purpose.setText("回访")
    with qtbot.waitSignal(dialog.planned, timeout=20000) as planned:
        dialog.ok.click()
    assert planned.args[0].visit.customer_id == rows[0].customer_id
    # Planned is not visited: it stays overdue until the visit is done.
    view = wait_reloaded(qtbot, window.today)
    assert rows[0].customer_id in [r.customer_id for r in view.overdue_contacts.rows]


def test_a_visit_done_today_opens_on_the_visits_page(qtbot, sales_window) -> None:
    window: MainWindow = sales_window
    page = open_visits(qtbot, window)
    visit = plan_from_page(qtbot, window, page)
    page.select_visit(visit.id)
    page.cancel_button.click()
    dialog = find_dialog(window, CancelVisitDialog)
    dialog.reason.setText("客户停产检修")
    with qtbot.waitSignal(page.agenda_shown, timeout=20000):
        dialog.ok.click()
    view = back_to_today(qtbot, window)
    row = [v.id for v in view.visits].index(visit.id)
    assert window.today.visits.buttons[row].text() == "Open"
    with qtbot.waitSignal(window.visits_page.agenda_shown, timeout=20000):
        QTest.mouseClick(window.today.visits.buttons[row], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.visits_page
    qtbot.waitUntil(lambda: window.visits_page.selected_visit() is not None, timeout=20000)
    selected = window.visits_page.selected_visit()
    assert selected is not None and selected.id == visit.id


def test_without_a_tray_the_reminder_shows_on_the_today_page(qtbot, sales_window) -> None:
    window: MainWindow = sales_window
    assert window.reminders.tray is None  # offscreen: no system tray
    back_to_today(qtbot, window)
    with qtbot.waitSignal(window.reminders.digest_ready, timeout=20000) as ready:
        window.reminders.check()
    title = ready.args[1]
    assert window.today.reminder.isVisible()
    assert window.today.reminder.text() == title and title.startswith("SalesDesk: ")


def test_a_long_list_of_promises_shows_the_most_urgent_and_counts_them_all(
        qtbot, quiet_sales_window) -> None:
    """A page of buttons is for acting on: twenty promises due today show the first fifteen,
    and the title and the summary count all twenty (the Promises page lists them all)."""
    window: MainWindow = quiet_sales_window
    customer = window.services.promises.customers()[0][0]
    today = window.services.promises.today()
    for n in range(20):
        window.services.promises.make(PromiseDraft(customer, f"样品 {n:02d}", today))
    back_to_today(qtbot, window)
    with qtbot.waitSignal(window.today.loaded, timeout=20000) as loaded:
        window.today.reload()  # as a sync that brought them would
    view = loaded.args[0]
    assert view.due_promise_count == 20
    assert len(window.today.promises.buttons) == 15
    assert window.today.promises.title.text() == (
        "Promises overdue and due today (20, the 15 most urgent shown)")
    assert "20 due today" in window.today.summary.text()


def test_the_summary_counts_late_and_arriving_shipments_and_complaints_near_breach(
        qtbot, sales_window) -> None:
    """The demo has complaints near breach (and one breached): the summary line under the
    heading counts them, and the shipments late or arriving today, as their sections do —
    one line, a count only when there is something."""
    window: MainWindow = sales_window
    view = back_to_today(qtbot, window)
    summary = window.today.summary.text()
    assert summary.startswith(f"{view.planned_count} visits planned · ")
    assert "\n" not in summary
    near = len(view.complaints)
    assert near >= 2  # the demo's near-breach and breached complaints
    assert summary.endswith(f" · {near} complaints near breach")
    assert window.today.complaints.title.text() == f"Complaints near breach ({near})"
    for count, words in ((len(view.late_shipments), "shipments late"),
                         (len(view.arriving_shipments), "shipments arriving today")):
        assert (f" · {count} {words}" in summary) == (count > 0), summary
