"""The Promises page through its real buttons and dialogs: make a promise → it is due today;
close it kept → the kept-rate moves; broken without a reason is refused naming the field;
reopen; the customer view's promise line."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from shiboken6 import isValid

from salesdesk.domain.promises import PromiseStatus
from salesdesk.kit.changes import Changes
from salesdesk.services.promises import PromiseDraft, PromiseView
from salesdesk.ui.main_window import MainWindow
from salesdesk.ui.promises.dialogs import (
    CloseDialog,
    DueDialog,
    FormDialog,
    NewPromiseDialog,
    ReasonDialog,
    index_of,
)
from salesdesk.ui.promises.page import PromisesPage
from tests.ui.accounts import SALESPERSON, bind, open_customer_of
from tests.ui.conftest import clear_visits_and_promises, close_window, open_window
from tests.ui.test_customers_page import type_text

TEXT = "周五前寄PVDF色卡"


def promises_page(qtbot, window: MainWindow) -> PromisesPage:
    page = window.promises
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.show_page("promises")
    return page


def dialog_of(qtbot, owner, kind: type[FormDialog]) -> FormDialog:
    qtbot.waitUntil(lambda: isinstance(owner.dialog, kind) and owner.dialog.isVisible(),
                    timeout=10000)
    return owner.dialog


def submit(qtbot, page: PromisesPage, dialog: FormDialog) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10000):
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible())  # closed


def show_tab(qtbot, page: PromisesPage, view: PromiseView) -> None:
    index = [PromiseView.OVERDUE, PromiseView.TODAY, PromiseView.WEEK, PromiseView.OPEN,
             PromiseView.CLOSED].index(view)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.tabs.setCurrentIndex(index)


def listed(page: PromisesPage) -> list[str]:
    return [page.model.row_at(i).description for i in range(page.model.rowCount())]  # type: ignore[union-attr]  # rows exist


def select(page: PromisesPage, description: str) -> None:
    page.table.selectRow(listed(page).index(description))


def make_promise(qtbot, page: PromisesPage, customer_name: str | None = None) -> str:
    """New promise… for a customer, due today (the dialog's default); returns the customer."""
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(qtbot, page, NewPromiseDialog)
    assert isinstance(dialog, NewPromiseDialog)
    index = dialog.customer.findText(customer_name) if customer_name else 1
    dialog.customer.setCurrentIndex(index)
    type_text(qtbot, dialog.description, TEXT)
    chosen = dialog.customer.currentText()
    submit(qtbot, page, dialog)
    return chosen


def kept_count(page: PromisesPage) -> int:
    found = re.search(r"\((\d+) kept", page.my_rate.text())
    assert found, page.my_rate.text()
    return int(found.group(1))


def test_a_promise_made_is_due_today_and_closing_it_kept_moves_the_kept_rate(
        qtbot, sales_window):
    page = promises_page(qtbot, sales_window)
    kept_before = kept_count(page)
    customer = make_promise(qtbot, page)
    show_tab(qtbot, page, PromiseView.TODAY)
    assert TEXT in listed(page)
    row = page.model.row_at(listed(page).index(TEXT))
    assert row is not None and (row.customer_name, row.made_by) == (customer, SALESPERSON[1])
    assert "(1)" in page.tabs.tabText(1) or re.search(r"\(\d+\)", page.tabs.tabText(1))
    due_cell = page.model.index(listed(page).index(TEXT), 3).data()
    assert due_cell.endswith("· today")

    select(page, TEXT)
    assert page.close_button.isEnabled() and not page.reopen_button.isEnabled()
    QTest.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(qtbot, page, CloseDialog)
    assert isinstance(dialog, CloseDialog) and dialog.kept.isChecked()
    submit(qtbot, page, dialog)
    assert TEXT not in listed(page)  # no longer due: it was kept
    assert kept_count(page) == kept_before + 1
    customers = [page.customer_rates.item(r, 0).text()  # type: ignore[union-attr]  # filled
                 for r in range(page.customer_rates.rowCount())]
    assert customer in customers


def test_broken_without_a_reason_is_refused_naming_the_field_then_reopened(
        qtbot, sales_window):
    page = promises_page(qtbot, sales_window)
    make_promise(qtbot, page)
    select(page, TEXT)
    QTest.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(qtbot, page, CloseDialog)
    assert isinstance(dialog, CloseDialog)
    QTest.mouseClick(dialog.broken, Qt.MouseButton.LeftButton,
                     pos=QPoint(6, dialog.broken.height() // 2))  # on its circle
    assert dialog.broken.isChecked()
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert dialog.error.text() == "Reason must be given"
    assert dialog.isVisible()  # nothing typed is lost; still open
    type_text(qtbot, dialog.reason, "钢厂停产，色卡晚到")
    submit(qtbot, page, dialog)

    show_tab(qtbot, page, PromiseView.CLOSED)
    select(page, TEXT)
    row = page.selected()
    assert row is not None and (row.status, row.reason) == (PromiseStatus.BROKEN,
                                                            "钢厂停产，色卡晚到")
    assert page.reopen_button.isEnabled() and not page.close_button.isEnabled()
    QTest.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    reopen = dialog_of(qtbot, page, ReasonDialog)
    submit(qtbot, page, reopen)
    assert TEXT not in listed(page)
    show_tab(qtbot, page, PromiseView.OPEN)
    assert TEXT in listed(page)


def test_a_cancelled_promise_reopens_only_with_a_reason(qtbot, sales_window):
    page = promises_page(qtbot, sales_window)
    make_promise(qtbot, page)
    select(page, TEXT)
    QTest.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    cancel = dialog_of(qtbot, page, ReasonDialog)
    assert isinstance(cancel, ReasonDialog)
    type_text(qtbot, cancel.reason, "客户不再需要")
    submit(qtbot, page, cancel)
    show_tab(qtbot, page, PromiseView.CLOSED)
    select(page, TEXT)
    QTest.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    reopen = dialog_of(qtbot, page, ReasonDialog)
    assert isinstance(reopen, ReasonDialog)
    QTest.mouseClick(reopen.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reopen.error.isVisible, timeout=10000)
    assert reopen.error.text() == "Reason must be given"
    type_text(qtbot, reopen.reason, "客户又要了")
    submit(qtbot, page, reopen)
    assert TEXT not in listed(page)


def test_the_customer_view_shows_open_promises_and_the_kept_rate(qtbot, sales_window):
    customer_id = open_customer_of(qtbot, sales_window, SALESPERSON[1])
    badge = sales_window.customers.promise_badge
    qtbot.waitUntil(lambda: badge.text.text().startswith("Promises: "), timeout=10000)
    before = int(re.search(r"Promises: (\d+) open", badge.text.text()).group(1))  # type: ignore[union-attr]  # it matched
    with qtbot.waitSignal(badge.loaded, timeout=10000):
        QTest.mouseClick(badge.new_button, Qt.MouseButton.LeftButton)
        dialog = dialog_of(qtbot, badge, NewPromiseDialog)
        assert isinstance(dialog, NewPromiseDialog)
        assert dialog.customer.currentData() == customer_id
        type_text(qtbot, dialog.description, TEXT)
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert f"Promises: {before + 1} open" in badge.text.text()


def test_change_due_moves_the_promise_and_refuses_a_day_before_it_was_made(qtbot, sales_window):
    page = promises_page(qtbot, sales_window)
    make_promise(qtbot, page)
    show_tab(qtbot, page, PromiseView.TODAY)
    select(page, TEXT)
    QTest.mouseClick(page.due_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(qtbot, page, DueDialog)
    assert isinstance(dialog, DueDialog)
    today = dialog.due.date()
    dialog.due.setDate(today.addDays(-1))  # the day before it was made
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert dialog.error.text() == "Due date cannot be before the day the promise was made"
    dialog.due.setDate(today.addDays(10))
    submit(qtbot, page, dialog)
    assert TEXT not in listed(page)  # no longer due today
    show_tab(qtbot, page, PromiseView.OPEN)
    row = page.model.row_at(listed(page).index(TEXT))
    assert row is not None and row.due.isoformat() == today.addDays(10).toString("yyyy-MM-dd")


@pytest.fixture
def logistics_window(qtbot, demo_data_dir: Path) -> Iterator[MainWindow]:
    """The demo store's window, logged in as HQ staff of the logistics department (as HQ's
    ``salesdesk-hq user department hq logistics`` and a sync would leave it)."""
    store = demo_data_dir / "salesdesk.sqlite3"
    clear_visits_and_promises(store)  # the test counts the promises it makes
    bind(store, "hq", "hq")
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE users SET department = 'logistics' WHERE username = 'hq'")
    win = open_window(qtbot, demo_data_dir)
    yield win
    close_window(win)


def test_hq_staff_start_on_their_departments_promises_and_can_filter(qtbot, logistics_window):
    service = logistics_window.services.promises
    (first, first_name), (second, _) = service.customers()[:2]
    today = service.today()
    service.make(PromiseDraft(first, "下周二前发货", today, department="logistics"))
    service.make(PromiseDraft(second, "补发质检报告", today, department="quality"))
    service.make(PromiseDraft(second, "安排车辆", today, department="logistics"))
    page = promises_page(qtbot, logistics_window)
    assert page.delivers_filter.currentData() == "logistics"
    assert page.delivers_filter.currentText() == "Logistics"
    assert sorted(listed(page)) == ["下周二前发货", "安排车辆"]
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.customer_filter.setCurrentIndex(index_of(page.customer_filter, first))
    assert listed(page) == ["下周二前发货"]
    # a change elsewhere reloads the page: the customer chosen stays chosen
    with qtbot.waitSignal(page.loaded, timeout=10000):
        logistics_window.runner.changes.announce(Changes(promises=True))
    assert page.customer_filter.currentData() == first and listed(page) == ["下周二前发货"]
    # New promise… offers the customer chosen
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(qtbot, page, NewPromiseDialog)
    assert isinstance(dialog, NewPromiseDialog) and dialog.customer.currentData() == first
    dialog.reject()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.customer_filter.setCurrentIndex(0)  # all customers
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.delivers_filter.setCurrentIndex(0)  # anyone delivers
    assert sorted(listed(page)) == ["下周二前发货", "安排车辆", "补发质检报告"]
    assert first_name in [page.customer_filter.itemText(i)
                          for i in range(page.customer_filter.count())]
