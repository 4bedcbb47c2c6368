"""The Customers page driven through its real widgets, on a store with the demo data."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from pypinyin import Style, lazy_pinyin
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import CustomerQuery
from salesdesk.ui.customers.table import CustomerTableModel
from salesdesk.ui.main_window import MainWindow


def names_in_list(window: MainWindow) -> list[str]:
    model = window.customers.model
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    return [model.row_at(i).name for i in range(model.rowCount())]  # type: ignore[union-attr]  # the row is loaded


def type_text(qtbot, widget, text: str) -> None:
    """Types like a user: Latin letters as key presses, Chinese as an input method commits it."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def type_search(qtbot, window: MainWindow, text: str) -> None:
    search = window.customers.search
    search.clear()
    type_text(qtbot, search, text)


def test_search_by_chinese_substring(qtbot, window: MainWindow) -> None:
    everyone = names_in_list(window)
    assert len(everyone) == 200
    type_search(qtbot, window, "建材")
    found = names_in_list(window)
    assert found and all("建材" in n for n in found)
    assert found == sorted(found, key=lazy_pinyin)  # 29 names, stored in another order
    assert set(found) == {n for n in everyone if "建材" in n}
    # One character finds too.
    type_search(qtbot, window, "煌")
    assert set(names_in_list(window)) == {n for n in everyone if "煌" in n}
    expected = str(len({n for n in everyone if "煌" in n}))
    qtbot.waitUntil(lambda: window.customers.count_label.text().startswith(expected + " "))


def test_search_by_pinyin_initials(qtbot, window: MainWindow) -> None:
    target = names_in_list(window)[37]
    initials = "".join(lazy_pinyin(target, style=Style.FIRST_LETTER))[:6]
    type_search(qtbot, window, initials)
    found = names_in_list(window)
    assert target in found
    assert len(found) < 200


def select_customer(qtbot, window: MainWindow, row: int) -> None:
    page = window.customers
    with qtbot.waitSignal(page.detail_loaded, timeout=10000):
        page.table.selectRow(row)


def test_edit_and_save_shows_in_list(qtbot, window: MainWindow) -> None:
    page = window.customers
    select_customer(qtbot, window, 3)
    original = page.editor.name.text()
    assert original
    page.editor.name.clear()
    type_text(qtbot, page.editor.name, "新世纪幕墙材料有限公司")
    with qtbot.waitSignal(page.customer_saved, timeout=10000):
        qtbot.mouseClick(page.editor.save, Qt.MouseButton.LeftButton)
    assert "新世纪幕墙材料有限公司" in names_in_list(window)
    assert original not in names_in_list(window)
    assert page.editor.status.text() == "Saved."
    # The salesperson the customer had is still shown (and kept) after the save.
    assert page.editor.salesperson.currentIndex() > 0
    saved = blocker_detail = page.editor.draft()
    assert saved.assigned_to_id is not None and blocker_detail.name == "新世纪幕墙材料有限公司"
    type_search(qtbot, window, "xsj")
    assert "新世纪幕墙材料有限公司" in names_in_list(window)


def test_invalid_mobile_shows_field_error_and_saves_nothing(
    qtbot, window: MainWindow, demo_data_dir: Path
) -> None:
    page = window.customers
    store = demo_data_dir / "salesdesk.sqlite3"
    outbox_before = sqlite3.connect(store).execute("SELECT count(*) FROM outbox").fetchone()[0]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, page.editor.name, "测试新客户有限公司")
    qtbot.mouseClick(page.editor.add_contact, Qt.MouseButton.LeftButton)
    page.editor.contacts.item(0, 0).setText("李雷")  # type: ignore[union-attr]  # the item exists (Qt's stubs say it may not)
    page.editor.contacts.item(0, 2).setText("1380013")  # type: ignore[union-attr]  # the item exists (Qt's stubs say it may not)
    qtbot.mouseClick(page.editor.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.editor.contact_errors.isVisible, timeout=10000)
    assert "Contact 1: Mobile" in page.editor.contact_errors.text()
    assert "11-digit" in page.editor.contact_errors.text()
    assert page.editor.contacts.item(0, 2).toolTip()  # type: ignore[union-attr]  # the item exists (Qt's stubs say it may not)
    assert CustomerBrowser(store).count(CustomerQuery(text="测试新客户")) == 0
    outbox_after = sqlite3.connect(store).execute("SELECT count(*) FROM outbox").fetchone()[0]
    assert outbox_after == outbox_before
    # The user's input is still there to correct.
    assert page.editor.name.text() == "测试新客户有限公司"
    page.editor.contacts.item(0, 2).setText("13800138999")  # type: ignore[union-attr]  # the item exists (Qt's stubs say it may not)
    with qtbot.waitSignal(page.customer_saved, timeout=10000):
        qtbot.mouseClick(page.editor.save, Qt.MouseButton.LeftButton)
    assert CustomerBrowser(store).count(CustomerQuery(text="测试新客户")) == 1


def test_required_name_error_under_the_field(qtbot, window: MainWindow) -> None:
    page = window.customers
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.editor.email, "not-an-email")
    qtbot.mouseClick(page.editor.save, Qt.MouseButton.LeftButton)
    label = page.editor._error_labels["name"]
    qtbot.waitUntil(label.isVisible, timeout=10000)
    assert label.text() == "Name is required"
    assert page.editor._error_labels["email"].text() == "Email is not a valid email address"


def test_duplicate_warning_before_saving(qtbot, window: MainWindow) -> None:
    page = window.customers
    existing = names_in_list(window)[10]
    before = len(names_in_list(window))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    type_text(
        qtbot,
        page.editor.name,
        existing.replace("有限公司", "").replace("股份", "").replace("有限责任公司", "") + "公司",
    )
    qtbot.mouseClick(page.editor.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.editor.banner.isVisible, timeout=10000)
    assert existing in page.editor.banner_text.text()
    assert len(names_in_list(window)) == before
    with qtbot.waitSignal(page.customer_saved, timeout=10000):
        qtbot.mouseClick(page.editor.save_anyway, Qt.MouseButton.LeftButton)
    assert len(names_in_list(window)) == before + 1


def test_filters_narrow_the_list(qtbot, window: MainWindow) -> None:
    page = window.customers
    person = page.salesperson_filter.itemText(2)
    page.salesperson_filter.setCurrentIndex(2)
    assert {page.model.row_at(i).salesperson for i in range(page.model.rowCount())} == {person}  # type: ignore[union-attr]  # the row is loaded
    page.salesperson_filter.setCurrentIndex(0)
    page.tier_filter.setCurrentIndex(page.tier_filter.findData("A"))
    rows = names_in_list(window)
    model = page.model
    assert rows and all(model.row_at(i).tier == "A" for i in range(model.rowCount()))  # type: ignore[union-attr]  # the row is loaded
    page.region_filter.setCurrentIndex(page.region_filter.findData("华东"))
    assert all(model.row_at(i).region == "华东" for i in range(model.rowCount()))  # type: ignore[union-attr]  # the row is loaded


def test_switching_language_changes_visible_texts(qtbot, window: MainWindow) -> None:
    page = window.customers
    nav = window.nav.currentItem()
    assert nav.text() == "Customers"
    assert page.new_button.text() == "New customer"
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Company"
    window.set_language("zh_CN")
    QApplication.processEvents()
    assert nav.text() == "客户"
    assert page.new_button.text() == "新建客户"
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "公司名称"
    assert page.editor.save.text() == "保存"
    assert window.file_menu.title().startswith("文件")
    window.set_language("en")
    QApplication.processEvents()
    nav = window.nav.currentItem()
    assert nav.text() == "Customers"


def test_model_is_a_well_behaved_qt_model(qtmodeltester, demo_data_dir: Path) -> None:
    model = CustomerTableModel(CustomerBrowser(demo_data_dir / "salesdesk.sqlite3"))
    model.set_query(CustomerQuery(text="华"))
    qtmodeltester.check(model)


def test_unsaved_edits_are_not_silently_discarded(qtbot, window: MainWindow, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    page = window.customers
    select_customer(qtbot, window, 1)
    first = page.editor.name.text()
    assert not page.editor.is_dirty()
    page.editor.city.setText("别处")
    assert page.editor.is_dirty()

    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel,  # type: ignore[func-returns-value]  # the lambda runs the calls for their effects
    )
    page.table.selectRow(5)
    assert asked  # the user was asked
    assert page.editor.name.text() == first and page.editor.city.text() == "别处"
    assert page.table.selectionModel().selectedRows()[0].row() == 1

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    with qtbot.waitSignal(page.detail_loaded, timeout=10000):
        page.table.selectRow(5)
    assert page.editor.name.text() != first


class BusyPool:
    """Occupies every I/O worker of a window's task runner until released, one at a time."""

    def __init__(self, window: MainWindow) -> None:
        self.runner = window.runner
        self.gates = [threading.Event() for _ in range(self.runner.IO_WORKERS)]
        for gate in self.gates:
            self.runner.run_io(lambda gate=gate: gate.wait(30))

    def release_one(self) -> None:
        self.gates.pop().set()

    def release(self) -> None:
        while self.gates:
            self.release_one()


def count_text(n: int) -> str:
    return f"{n:,} customers"


def commit(widget, text: str) -> None:
    """What a Chinese input method sends when the user picks ``text`` (replaces a selection)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_count_is_made_off_the_gui_thread_and_is_right(qtbot, window: MainWindow) -> None:
    page = window.customers
    browser = window.services.browser
    qtbot.waitUntil(lambda: page.count_label.text() == count_text(200), timeout=10000)
    assert page.count_label.isEnabled()
    shown: list[tuple[str, int]] = []
    page.count_shown.connect(lambda n: shown.append((page.search.text(), n)))
    expected = browser.count(CustomerQuery(text="z"))
    assert 60 < expected < 200  # counted, not read off the rows

    pool = BusyPool(window)  # nothing but the GUI thread can count now
    try:
        qtbot.keyClicks(page.search, "z")
        # The rows are there at once; the count is still to come: the last one, dimmed.
        assert 0 < page.model.rowCount() == page.model.first_page < expected
        assert page.model.row_at(0).name in browser.page(CustomerQuery(text="z"), 0, 1)[0].name  # type: ignore[union-attr]  # the row is loaded
        qtbot.wait(200)  # the GUI thread runs its event loop, and does not count
        assert page.count_label.text() == count_text(200)
        assert not page.count_label.isEnabled()
        assert page.count_label.toolTip() == "Counting…"
        assert shown == []
    finally:
        pool.release()
    qtbot.waitUntil(page.count_label.isEnabled, timeout=10000)
    assert page.count_label.text() == count_text(expected)
    assert page.count_label.toolTip() == ""
    assert shown == [("z", expected)]


def test_a_superseded_count_never_shows(qtbot, window: MainWindow) -> None:
    page = window.customers
    browser = window.services.browser
    qtbot.waitUntil(lambda: page.count_label.text() == count_text(200), timeout=10000)
    broad = browser.count(CustomerQuery(text="z"))
    narrow_text = browser.page(CustomerQuery(text="z"), 0, 1)[0].name
    narrow = browser.count(CustomerQuery(text=narrow_text))
    assert broad > 60 and 0 < narrow < broad
    shown: list[tuple[str, int]] = []
    page.count_shown.connect(lambda n: shown.append((page.search.text(), n)))

    pool = BusyPool(window)
    try:
        qtbot.keyClicks(page.search, "z")
        qtbot.wait(50)  # the count of z is asked for, and waits for a worker
        counted = threading.Event()
        window.runner.run_io(counted.set)  # runs after that count, on the same worker
        pool.release_one()
        assert counted.wait(10)
        # The count of z is made and on its way to the GUI thread; the user types on.
        page.search.selectAll()
        commit(page.search, narrow_text)
        assert page.count_label.text() == count_text(narrow)  # all its rows are loaded
    finally:
        pool.release()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    qtbot.wait(100)  # the late count of z arrives, and is dropped
    assert page.count_label.text() == count_text(narrow)
    assert page.count_label.isEnabled()
    assert shown == [(narrow_text, narrow)]


def test_a_keystroke_repaints_the_list_once(qtbot, window: MainWindow) -> None:
    page = window.customers
    search = page.search
    qtbot.waitUntil(page.count_label.isEnabled, timeout=10000)

    class Paints(QObject):
        count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    keys = [  # (what the user does, the text it leaves): broad, narrow, Chinese, clear
        (lambda: (search.selectAll(), qtbot.keyClicks(search, "z")), "z"),  # type: ignore[func-returns-value]  # the lambda runs the calls for their effects
        (lambda: qtbot.keyClicks(search, "h"), "zh"),
        (lambda: (search.selectAll(), commit(search, "华")), "华"),  # type: ignore[func-returns-value]  # the lambda runs the calls for their effects
        (lambda: (search.selectAll(), qtbot.keyClick(search, Qt.Key.Key_Backspace)), ""),  # type: ignore[func-returns-value]  # the lambda runs the calls for their effects
    ]
    paints = Paints()
    page.table.viewport().installEventFilter(paints)
    try:
        for press, text in keys:
            paints.count = 0
            press()
            assert search.text() == text
            qtbot.waitUntil(page.count_label.isEnabled, timeout=10000)
            qtbot.wait(50)
            assert paints.count == 1, text
    finally:
        page.table.viewport().removeEventFilter(paints)


def test_a_keystroke_loads_the_rows_the_list_shows(qtbot, window: MainWindow) -> None:
    page = window.customers
    height = page.table.viewport().height()
    row = page.table.verticalHeader().defaultSectionSize()
    qtbot.keyClicks(page.search, "z")
    loaded = page.model.rowCount()
    assert loaded * row >= height  # the list is full
    assert loaded < CustomerTableModel.FIRST_PAGE  # and nothing more is read (each row costs)
    qtbot.wait(50)
    assert page.model.rowCount() == loaded  # the view did not have to fetch more
