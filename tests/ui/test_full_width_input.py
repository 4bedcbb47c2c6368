"""Full-width digits from a Chinese input method are normal input in the customer editor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import CustomerQuery
from salesdesk.ui.main_window import MainWindow


def commit(widget: QWidget, text: str) -> None:
    """What an input method in full-width mode sends: a committed string."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_full_width_phones_save_as_ascii(
    qtbot, window: MainWindow, demo_data_dir: Path
) -> None:
    page = window.customers
    store = demo_data_dir / "salesdesk.sqlite3"
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    commit(page.editor.name, "　全角测试建材有限公司　")
    commit(page.editor.phone, "０５７１－８８８８６６６６")
    qtbot.mouseClick(page.editor.add_contact, Qt.MouseButton.LeftButton)
    page.editor.contacts.item(0, 0).setText("李雷")  # type: ignore[union-attr]  # the item exists (Qt's stubs say it may not)
    page.editor.contacts.item(0, 2).setText("１３８００１３８９９９")  # type: ignore[union-attr]  # the item exists (Qt's stubs say it may not)
    with qtbot.waitSignal(page.customer_saved, timeout=10000) as saved:
        qtbot.mouseClick(page.editor.save, Qt.MouseButton.LeftButton)
    detail = saved.args[0]
    assert detail.draft.name == "全角测试建材有限公司"
    assert detail.draft.phone == "0571-88886666"
    assert detail.draft.contacts[0].mobile == "13800138999"
    browser = CustomerBrowser(store)
    try:
        assert browser.count(CustomerQuery(text="13800138999")) == 1
    finally:
        browser.close()
