"""Importing orders through the real window, and tiers refreshed after start."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from salesdesk.services.customers.records import CustomerQuery, CustomerRow
from salesdesk.services.imports.orders import OrderImportResult
from salesdesk.ui import main_window
from salesdesk.ui.imports.dialog import ImportDialog
from salesdesk.ui.main_window import MainWindow

from .conftest import open_window
from .test_import_dialog import cells


def shown_tier(window: MainWindow, customer_id: uuid.UUID) -> str | None:
    """The Tier cell the list shows for a customer (None if the customer is not listed)."""
    model = window.customers.model
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    for row in range(model.rowCount()):
        found = model.row_at(row)
        if found is not None and found.id == customer_id:
            text = model.data(model.index(row, 1), Qt.ItemDataRole.DisplayRole)
            return str(text)
    return None


def a_c_customer(window: MainWindow) -> CustomerRow:
    rows = window.services.browser.page(CustomerQuery(tier="C", sort="sales_12m"), 0, 1)
    assert rows, "the demo data has C customers"
    return rows[0]


def test_order_import_reports_bad_rows_and_the_list_shows_the_new_tier(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    small = a_c_customer(window)
    assert shown_tier(window, small.id) == "C"
    today = date.today()  # the dialog ranks with today's date
    path = tmp_path / "订单.csv"
    path.write_text("\n".join([
        "订单号,下单日期,客户名称,含税金额,备注",
        f"SO-NEW-1,{today:%Y/%m/%d},{small.name},\"￥9,000,000,000.00\",年度大单",
        f"SO-NEW-2,{today:%Y年%m月%d日},不存在的公司,100,",  # row 3: nobody of that name
        f"SO-NEW-3,{today.isoformat()},{small.name},12800.505,",  # row 4: a fraction of a fen
    ]) + "\n", encoding="gbk")

    window.import_orders_action.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    assert dialog.windowTitle() == "Import orders"
    assert "name" not in dialog.combos and "customer" in dialog.combos
    dialog.load_file(path)
    qtbot.waitUntil(dialog.check_button.isEnabled)
    assert dialog.mapping() == {"order_no": 0, "order_date": 1, "customer": 2, "amount": 3,
                                "notes": 4}
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.report.rowCount() > 0 and not dialog.busy)
    report = cells(dialog.report)
    assert [(r[0], r[1], r[2]) for r in report] == [
        ("3", "Error", "Customer"),
        ("4", "Error", "Amount"),
    ]
    assert "不存在的公司" in report[0][3] and report[0][4] == "不存在的公司"
    assert report[1][4] == "12800.505"
    assert dialog.summary.text().startswith("2 of 3 rows have errors.")
    assert not dialog.import_all_button.isEnabled()

    with qtbot.waitSignal(dialog.imported, timeout=10_000) as blocker:
        dialog.import_valid_button.click()
    result = blocker.args[0]
    assert isinstance(result, OrderImportResult)
    assert (result.orders, result.skipped_rows) == (1, 2)
    assert "Imported 1 orders" in dialog.summary.text()
    qtbot.waitUntil(lambda: shown_tier(window, small.id) == "A")
    dialog.reject()


def test_stale_tiers_are_refreshed_after_start(
    qtbot, demo_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store last ranked on another day is ranked again once the window is up."""
    store = demo_data_dir / "salesdesk.sqlite3"
    conn = sqlite3.connect(store)
    with conn:
        (raw_id,) = conn.execute(
            "SELECT id FROM customers WHERE tier = 'A' ORDER BY sales_12m DESC LIMIT 1"
        ).fetchone()
        conn.execute("UPDATE customers SET tier = NULL WHERE id = ?", (raw_id,))
        conn.execute("UPDATE app_setting SET value = '\"2000-01-01\"' "
                     "WHERE key = 'tiers_computed_on'")
    conn.close()
    customer_id = uuid.UUID(hex=raw_id) if isinstance(raw_id, str) else uuid.UUID(bytes=raw_id)
    monkeypatch.setattr(main_window, "TIER_REFRESH_DELAY_MS", 0)
    window = open_window(qtbot, demo_data_dir)
    try:
        qtbot.waitUntil(lambda: shown_tier(window, customer_id) == "A", timeout=10_000)
        conn = sqlite3.connect(store)
        (stored,) = conn.execute(
            "SELECT value FROM app_setting WHERE key = 'tiers_computed_on'").fetchone()
        conn.close()
        assert stored == f'"{date.today().isoformat()}"'
    finally:
        qtbot.waitUntil(lambda: not window.runner.busy)
        window.close()
        window.deleteLater()
