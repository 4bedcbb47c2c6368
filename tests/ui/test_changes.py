"""Pages refresh themselves from what an operation reports it changed (kit/changes.py), not
from refreshes the main window wires between pages."""

from __future__ import annotations

import inspect

from PySide6.QtCore import Qt

from salesdesk.kit.changes import Changes
from salesdesk.ui import main_window
from salesdesk.ui.customers.page import CustomersPage
from salesdesk.ui.main_window import MainWindow
from tests.ui.test_customers_page import type_text


def names(page: CustomersPage) -> list[str]:
    model = page.model
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    return [model.row_at(i).name for i in range(model.rowCount())]  # type: ignore[union-attr]


def test_a_save_is_announced_and_another_page_showing_customers_refreshes(
    qtbot, window: MainWindow
) -> None:
    """Nobody wires the second page to the first: it sees the save's changes on the hub."""
    other = CustomersPage(window.services, window.runner, window.errors)
    qtbot.addWidget(other)
    assert "新世纪幕墙材料有限公司" not in names(other)
    page = window.customers
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, page.editor.name, "新世纪幕墙材料有限公司")
    announced: list[tuple[Changes, object]] = []
    window.runner.changes.changed.connect(lambda c, i: announced.append((c, i)))
    with qtbot.waitSignal(other.model.reloaded, timeout=10000):
        qtbot.mouseClick(page.editor.save, Qt.MouseButton.LeftButton)
    # The saving page shows its save itself (and selects it): it is named as the initiator.
    assert announced == [(Changes(customers=True, sync_state=True), page)]
    assert "新世纪幕墙材料有限公司" in names(other)
    assert "新世纪幕墙材料有限公司" in names(page)
    other.shutdown()


def test_a_page_ignores_changes_it_does_not_show(qtbot, window: MainWindow) -> None:
    reloads: list[int] = []
    window.customers.model.reloaded.connect(reloads.append)
    window.runner.changes.announce(Changes(sync_state=True))
    window.runner.changes.announce(Changes())  # nothing changed: not even announced
    qtbot.wait(50)
    assert reloads == []
    with qtbot.waitSignal(window.customers.model.reloaded, timeout=5000):
        window.runner.changes.announce(Changes(tiers=True))


def test_the_window_wires_no_refresh_between_pages() -> None:
    source = inspect.getsource(main_window)
    for call in ("customers.reload", "reload_choices", ".model.refresh"):
        assert call not in source, call
