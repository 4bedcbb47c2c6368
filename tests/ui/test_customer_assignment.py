"""Assignment edge cases in the window: a salesperson's import, who is offered as assignee,
and a customer assigned to someone the laptop does not list.

HQ accepts only salespeople as assignees and refuses a salesperson's new customer assigned to
anyone else; the laptop must not lose an assignment it cannot name.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QTableWidget

from salesdesk.services.customers.records import CustomerQuery
from salesdesk.ui.customers.table import COLUMNS
from salesdesk.ui.imports.dialog import ImportDialog
from salesdesk.ui.main_window import MainWindow
from tests.ui.accounts import SALESPERSON, assignment, bind, open_customer_of, query, user_id
from tests.ui.conftest import close_window, open_window
from tests.ui.test_customers_page import type_text

CSV = "\n".join([
    "公司名称,业务员,联系人,手机",
    "绍兴新越幕墙有限公司,刘洋,王强,13800138000",  # row 2: another salesperson
    "绍兴新越幕墙,张伟,赵敏,13912345678",  # row 3: the same company, the salesperson themself
    "嘉兴恒昌钢构有限公司,总部销售部,周杰,13555556666",  # row 4: HQ staff
    "湖州宏达门窗厂,,孙丽,13611112222",  # row 5: nobody
]) + "\n"


@pytest.fixture
def store(demo_data_dir: Path) -> Path:
    return demo_data_dir / "salesdesk.sqlite3"


def cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]  # the item exists (Qt's stubs say it may not)
        for r in range(table.rowCount())
    ]


def combo_texts(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def checked_import(qtbot, window: MainWindow, tmp_path: Path) -> ImportDialog:
    path = tmp_path / "客户.csv"
    path.write_text(CSV, encoding="utf-8-sig")
    window.import_customers()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    dialog.load_file(path)
    qtbot.waitUntil(dialog.check_button.isEnabled, timeout=10000)
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.report.rowCount() > 0 and not dialog.busy, timeout=10000)
    return dialog


def imported_assignments(store: Path) -> dict[str, uuid.UUID | None]:
    rows = query(store, "SELECT name, assigned_to_id FROM customers WHERE name IN (?, ?, ?, ?)",
                 "绍兴新越幕墙有限公司", "绍兴新越幕墙", "嘉兴恒昌钢构有限公司", "湖州宏达门窗厂")
    return {str(n): uuid.UUID(str(a)) if a else None for n, a in rows}


# --- 1. import as a salesperson ---------------------------------------------------------


def test_salespersons_import_says_the_column_is_ignored_and_every_customer_is_theirs(
    qtbot, sales_window: MainWindow, store: Path, tmp_path: Path
) -> None:
    dialog = checked_import(qtbot, sales_window, tmp_path)
    # The mapping and the preview say the salesperson column is not imported, and why.
    assert dialog.mapping()["salesperson"] == 1
    assert dialog._field_labels["salesperson"].text() == "Salesperson (ignored):"
    assert dialog.ignored_note.isVisible() and "assigned to you" in dialog.ignored_note.text()
    assert dialog.preview.horizontalHeaderItem(1).text() == "B · 业务员 (ignored)"  # type: ignore[union-attr]  # the item exists (Qt's stubs say it may not)
    assert dialog.preview.horizontalHeaderItem(0).text() == "A · 公司名称"  # type: ignore[union-attr]  # the item exists (Qt's stubs say it may not)

    # One line per row that names someone else; no errors, so everything can be imported.
    report = cells(dialog.report)
    assert [(r[0], r[1], r[2], r[4]) for r in report] == [
        ("3", "Question", "Name", ""),  # another name: maybe another company (listed first)
        ("2", "Warning", "Salesperson", "刘洋"),
        ("4", "Warning", "Salesperson", "总部销售部"),
    ]
    assert report[1][3].startswith("not applied: only HQ")
    assert dialog.import_all_button.isEnabled()

    sales_window.set_language("zh_CN")
    QApplication.processEvents()
    assert dialog._field_labels["salesperson"].text() == "业务员（忽略）："
    report = cells(dialog.report)
    assert (report[1][1], report[1][2]) == ("警告", "业务员")
    assert report[1][3].startswith("未采用")
    assert "（忽略）" in dialog.preview.horizontalHeaderItem(1).text()  # type: ignore[union-attr]  # the item exists (Qt's stubs say it may not)
    sales_window.set_language("en")
    QApplication.processEvents()

    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_all_button.click()
    me = user_id(store, SALESPERSON[0])
    assert imported_assignments(store) == {
        "绍兴新越幕墙有限公司": me, "绍兴新越幕墙": me, "嘉兴恒昌钢构有限公司": me,
        "湖州宏达门窗厂": me,
    }
    dialog.close()


def test_hq_staff_import_applies_the_column_but_not_to_hq_staff(
    qtbot, hq_window: MainWindow, store: Path, tmp_path: Path
) -> None:
    dialog = checked_import(qtbot, hq_window, tmp_path)
    assert dialog._field_labels["salesperson"].text() == "Salesperson:"
    assert not dialog.ignored_note.isVisible()
    report = cells(dialog.report)
    assert [(r[0], r[1], r[2], r[4]) for r in report] == [
        # Maybe the company of row 2 (another salesperson, too): kept apart unless merged.
        ("3", "Question", "Name", ""),
        ("4", "Error", "Salesperson", "总部销售部"),  # HQ staff are not assignees
    ]
    assert dialog.report.cellWidget(0, 4).currentText() == "Import as a separate customer"  # type: ignore[attr-defined]  # the cell widget is a QComboBox
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_valid_button.click()
    assert imported_assignments(store) == {
        "绍兴新越幕墙有限公司": user_id(store, "liuyang"),
        "绍兴新越幕墙": user_id(store, "zhangwei"),
        "湖州宏达门窗厂": None,
    }
    dialog.close()


# --- 2. only salespeople are offered -------------------------------------------------------


def test_the_editor_offers_salespeople_only_and_the_filter_lists_who_holds_customers(
    qtbot, hq_window: MainWindow
) -> None:
    page = hq_window.customers
    open_customer_of(qtbot, hq_window, "刘洋")
    offered = combo_texts(page.editor.salesperson)
    assert offered == ["(unassigned)", "刘洋", "张伟", "陈静"]  # not 总部销售部 (HQ staff)
    holders = combo_texts(page.salesperson_filter)
    assert holders[:2] == ["All salespeople", "(unassigned)"]
    assert "总部销售部" not in holders  # holds no customer


# --- 3. an assignee the laptop cannot list --------------------------------------------


@pytest.fixture
def unlisted(store: Path) -> dict[str, uuid.UUID]:
    """陈静 leaves (inactive at HQ); one of 刘洋's customers goes to a user not synced yet."""
    stranger = uuid.uuid4()
    liuyang = user_id(store, "liuyang")
    conn = sqlite3.connect(store)
    try:
        with conn:
            conn.execute("UPDATE users SET active = 0 WHERE username = 'chenjing'")
            first = conn.execute(
                "SELECT id FROM customers WHERE assigned_to_id = ? AND deleted_at IS NULL"
                " ORDER BY sort_key LIMIT 1", (liuyang.hex,)).fetchone()[0]
            conn.execute("UPDATE customers SET assigned_to_id = ? WHERE id = ?",
                         (stranger.hex, first))
    finally:
        conn.close()
    return {"stranger": stranger, "customer": uuid.UUID(str(first))}


def open_customer(qtbot, window: MainWindow, customer_id: uuid.UUID) -> None:
    with qtbot.waitSignal(window.customers.detail_loaded, timeout=10000):
        window.customers.open_customer(customer_id)


def save_city(qtbot, window: MainWindow, city: str) -> None:
    editor = window.customers.editor
    editor.city.clear()
    type_text(qtbot, editor.city, city)
    with qtbot.waitSignal(window.customers.customer_saved, timeout=10000):
        qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    assert editor.status.text() == "Saved."


def list_salesperson(window: MainWindow, customer_id: uuid.UUID, holder: uuid.UUID) -> str:
    """The customer list's salesperson cell for a customer, found by filtering on its holder."""
    model = window.customers.model
    before = model.query
    model.set_query(CustomerQuery(assigned_to_id=holder))
    try:
        row = model.row_of(customer_id)
        assert row >= 0, "customer not listed under its holder"
        column = [key for key, _ in COLUMNS].index("salesperson")
        return str(model.data(model.index(row, column)))
    finally:
        model.set_query(before)


@pytest.mark.parametrize("login", ["hq", None])
def test_an_unlisted_assignee_is_shown_and_kept_on_save(
    qtbot, demo_data_dir: Path, store: Path, unlisted, login: str | None
) -> None:
    if login is not None:
        bind(store, login, login)
    window = open_window(qtbot, demo_data_dir)
    try:
        editor = window.customers.editor
        # A user not synced yet: named as unknown, by the start of their id.
        stranger = unlisted["stranger"]
        open_customer(qtbot, window, unlisted["customer"])
        assert editor.salesperson.isEnabled()
        assert editor.salesperson.currentText() == f"Unknown user ({stranger.hex[:8]})"
        assert not editor.is_dirty()
        assert (
            list_salesperson(window, unlisted["customer"], stranger)
            == f"Unknown user ({stranger.hex[:8]})"
        )
        save_city(qtbot, window, "绍兴")
        assert assignment(store, unlisted["customer"]) == stranger
        assert editor.salesperson.currentText() == f"Unknown user ({stranger.hex[:8]})"

        # An inactive salesperson: named, marked inactive, not offered to others, kept.
        chenjing = user_id(store, "chenjing")
        customer = open_customer_of(qtbot, window, "陈静")
        assert editor.salesperson.currentText() == "陈静 (inactive)"
        assert combo_texts(editor.salesperson).count("陈静 (inactive)") == 1
        assert "陈静" not in combo_texts(editor.salesperson)
        save_city(qtbot, window, "天津")
        assert assignment(store, customer) == chenjing
        filters = combo_texts(window.customers.salesperson_filter)
        assert "陈静 (inactive)" in filters  # their customers can still be found
        assert f"Unknown user ({stranger.hex[:8]})" in filters

        # Choosing someone else is still a change.
        editor.salesperson.setCurrentIndex(editor.salesperson.findText("刘洋"))
        with qtbot.waitSignal(window.customers.customer_saved, timeout=10000):
            qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
        assert assignment(store, customer) == user_id(store, "liuyang")
        assert "陈静 (inactive)" not in combo_texts(editor.salesperson)

        window.set_language("zh_CN")
        QApplication.processEvents()
        open_customer(qtbot, window, unlisted["customer"])
        assert editor.salesperson.currentText() == f"未知用户（{stranger.hex[:8]}）"
    finally:
        close_window(window)
