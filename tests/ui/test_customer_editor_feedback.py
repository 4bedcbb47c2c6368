"""What the editor shows after Save, and the customer's id (issue 11, item 8).

Saving an invalid new customer said "fix the marked fields" while the marked field was
scrolled out of view, and a contact's error text sat below the visible part of the form.
Driven through the real Save button on a window of a laptop's size.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from salesdesk.ui.main_window import MainWindow


def in_view(window: MainWindow, widget: QWidget) -> bool:
    """True when all of ``widget`` lies inside the editor's visible scroll viewport."""
    viewport = window.customers.editor.form_scroll.viewport()
    rect = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return widget.isVisible() and viewport.rect().contains(rect)


def laptop_sized(qtbot, window: MainWindow) -> None:
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.customers.editor.form_scroll.verticalScrollBar().maximum() > 0)


def test_an_invalid_field_out_of_view_is_scrolled_to_and_focused(qtbot, window: MainWindow) -> None:
    page = window.customers
    editor = page.editor
    laptop_sized(qtbot, window)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    # The user filled the form from the bottom up and forgot the name at the top.
    bar = editor.form_scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.keyClicks(editor.tags, "coil")
    assert not in_view(window, editor.name)

    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    message = editor._error_labels["name"]
    qtbot.waitUntil(message.isVisible, timeout=10000)
    assert editor.status.text() == "Not saved: please correct the marked fields."
    assert in_view(window, editor.name) and in_view(window, message)
    assert window.focusWidget() is editor.name


def test_an_invalid_contact_shows_its_message_and_cell(qtbot, window: MainWindow) -> None:
    page = window.customers
    editor = page.editor
    laptop_sized(qtbot, window)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.name, "Wuxi Coil Trading Co.")
    qtbot.mouseClick(editor.add_contact, Qt.MouseButton.LeftButton)
    editor.contacts.item(0, 0).setText("李雷")  # type: ignore[union-attr]  # the item exists (Qt's stubs say it may not)
    editor.contacts.item(0, 2).setText("1380013")  # type: ignore[union-attr]  # the item exists (Qt's stubs say it may not)
    editor.form_scroll.verticalScrollBar().setValue(0)  # back at the top, where Save is read
    assert not in_view(window, editor.contacts)

    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(editor.contact_errors.isVisible, timeout=10000)
    assert "Contact 1: Mobile" in editor.contact_errors.text()
    assert in_view(window, editor.contact_errors)
    assert (editor.contacts.currentRow(), editor.contacts.currentColumn()) == (0, 2)
    assert window.focusWidget() is editor.contacts


def test_the_customer_id_is_shown_and_can_be_copied(qtbot, window: MainWindow) -> None:
    page = window.customers
    editor = page.editor
    row = page.model.row_at(2)
    assert row is not None
    with qtbot.waitSignal(page.detail_loaded, timeout=10000):
        page.table.selectRow(2)
    assert editor.customer_id.text() == str(row.id)
    assert editor.customer_id.isReadOnly()
    assert editor.customer_id.isVisible()
    editor.customer_id.selectAll()
    editor.customer_id.copy()
    assert QApplication.clipboard().text() == str(row.id)

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert not editor.customer_id.isVisible()  # a new customer has no id yet
