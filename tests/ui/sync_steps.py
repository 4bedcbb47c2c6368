"""Steps the Sync page tests share: log in and sync through the page, change a customer's phone
in the editor, read a row of the page's conflict list."""

from __future__ import annotations

from typing import Any

from salesdesk.hq import admin
from salesdesk.ui.main_window import MainWindow
from salesdesk.ui.sync.page import SyncPage

PASSWORDS = {u: p for u, _, _, p in admin.DEMO_USERS}


def log_in_and_sync(qtbot: Any, page: SyncPage, base: str, username: str = "zhangwei") -> None:
    """Logs in to the HQ at ``base`` as a demo user, through the page, and syncs once."""
    page.server.setText(base)
    page.username.setText(username)
    page.password.setText(PASSWORDS[username])
    with qtbot.waitSignal(page.logged_in, timeout=20000):
        page.login()
    with qtbot.waitSignal(page.sync_finished, timeout=60000):
        page.sync_now()


def open_first_customer(qtbot: Any, window: MainWindow) -> str:
    """Selects the list's first customer; returns its name as the editor shows it."""
    customers = window.customers
    with qtbot.waitSignal(customers.detail_loaded, timeout=10000):
        customers.table.selectRow(0)
    return customers.editor.name.text()


def save_phone(qtbot: Any, window: MainWindow, phone: str) -> None:
    """Types ``phone`` into the open customer's editor and saves."""
    customers = window.customers
    customers.editor.phone.setText(phone)
    with qtbot.waitSignal(customers.customer_saved, timeout=10000):
        customers.editor.save.click()


def conflict_row(qtbot: Any, page: SyncPage, row: int = 0) -> list[str]:
    """The texts of a row of the conflict list, once it has one."""
    qtbot.waitUntil(lambda: page.conflicts.rowCount() > row, timeout=10000)
    return [page.conflicts.item(row, col).text()  # type: ignore[union-attr]  # the row is there (Qt's stubs say an item may not be)
            for col in range(page.conflicts.columnCount())]
