"""The customer editor for a salesperson, HQ staff and a laptop never logged in.

Assignment (customers.assigned_to_id) is HQ-owned: a salesperson sees it read-only, with why,
and their saves leave it alone; HQ staff and standalone use keep the editable field.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from salesdesk.ui.main_window import MainWindow
from tests.ui.accounts import (
    SALESPERSON,
    assignment,
    bind,
    last_change,
    open_customer_of,
    query,
    user_id,
)
from tests.ui.test_customers_page import type_text


@pytest.fixture
def store(demo_data_dir: Path) -> Path:
    return demo_data_dir / "salesdesk.sqlite3"


def test_salesperson_sees_the_assignment_read_only_and_saves_other_edits(
    qtbot, sales_window: MainWindow, store: Path
) -> None:
    page = sales_window.customers
    editor = page.editor
    customer_id = open_customer_of(qtbot, sales_window, SALESPERSON[1])
    before = assignment(store, customer_id)
    assert before == user_id(store, SALESPERSON[0])

    assert not editor.salesperson.isEnabled()
    assert editor.salesperson.currentText() == SALESPERSON[1]
    hint = editor._hint_labels["assigned_to_id"]
    assert hint.isVisible() and "HQ" in hint.text()
    assert editor.salesperson.toolTip() == hint.text()
    assert not editor._hint_labels["city"].isVisible()  # only HQ-owned fields say so
    assert editor.city.isEnabled()

    editor.city.clear()
    type_text(qtbot, editor.city, "绍兴")
    with qtbot.waitSignal(page.customer_saved, timeout=10000):
        qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    assert editor.status.text() == "Saved."
    assert assignment(store, customer_id) == before
    entity, op, changes = last_change(store)
    assert (entity, op) == ("customers", "update") and set(changes) == {"city"}
    # Still read-only, still showing the salesperson, after the save reloaded the choices.
    assert not editor.salesperson.isEnabled()
    assert editor.salesperson.currentText() == SALESPERSON[1]


def test_salespersons_new_customer_is_shown_as_theirs(
    qtbot, sales_window: MainWindow, store: Path
) -> None:
    page = sales_window.customers
    editor = page.editor
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert not editor.salesperson.isEnabled()
    assert editor.salesperson.currentText() == SALESPERSON[1]
    assert "yours" in editor._hint_labels["assigned_to_id"].text()
    assert not editor.is_dirty()

    type_text(qtbot, editor.name, "绍兴新越幕墙有限公司")
    with qtbot.waitSignal(page.customer_saved, timeout=10000) as saved:
        qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    detail = saved.args[0]
    assert assignment(store, detail.draft.id) == user_id(store, SALESPERSON[0])
    entity, op, changes = last_change(store)
    assert (entity, op) == ("customers", "insert")
    assert uuid.UUID(str(changes["assigned_to_id"])) == user_id(store, SALESPERSON[0])
    assert "Assigned by HQ" in editor._hint_labels["assigned_to_id"].text()


def test_hq_staff_may_reassign(qtbot, hq_window: MainWindow, store: Path) -> None:
    page = hq_window.customers
    editor = page.editor
    customer_id = open_customer_of(qtbot, hq_window, SALESPERSON[1])
    assert editor.salesperson.isEnabled()
    assert not editor._hint_labels["assigned_to_id"].isVisible()
    assert editor.salesperson.toolTip() == ""

    other = editor.salesperson.findText("刘洋")
    assert other > 0
    editor.salesperson.setCurrentIndex(other)
    with qtbot.waitSignal(page.customer_saved, timeout=10000):
        qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    assert assignment(store, customer_id) == user_id(store, "liuyang")


def test_a_laptop_never_logged_in_keeps_the_editable_field(qtbot, window: MainWindow) -> None:
    editor = window.customers.editor
    open_customer_of(qtbot, window, SALESPERSON[1])
    assert editor.salesperson.isEnabled()
    assert not editor._hint_labels["assigned_to_id"].isVisible()


def test_the_service_refuses_a_change_the_editor_let_through(
    qtbot, window: MainWindow, store: Path
) -> None:
    """Defence in depth: the editor still thinks nobody is logged in, the store says a
    salesperson is; the save is refused with the field named in the user's language."""
    page = window.customers
    editor = page.editor
    customer_id = open_customer_of(qtbot, window, SALESPERSON[1])
    before = assignment(store, customer_id)
    outbox = query(store, "SELECT count(*) FROM outbox")[0][0]
    bind(store, SALESPERSON[0], "sales")

    editor.salesperson.setCurrentIndex(editor.salesperson.findText("刘洋"))
    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    label = editor._error_labels["assigned_to_id"]
    qtbot.waitUntil(label.isVisible, timeout=10000)
    assert label.text() == "Salesperson can only be changed by HQ"
    assert assignment(store, customer_id) == before
    assert query(store, "SELECT count(*) FROM outbox")[0][0] == outbox

    window.set_language("zh_CN")
    QApplication.processEvents()
    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: label.isVisible() and "总部" in label.text(), timeout=10000)
