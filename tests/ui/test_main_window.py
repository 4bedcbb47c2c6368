"""File menu actions through the real window: export with filters, backup and restore."""

from __future__ import annotations

import csv
from pathlib import Path

from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import CustomerQuery
from salesdesk.ui.main_window import MainWindow


def test_export_follows_the_current_filters(qtbot, window: MainWindow, tmp_path: Path) -> None:
    page = window.customers
    page.tier_filter.setCurrentIndex(page.tier_filter.findData("A"))
    expected = window.services.browser.count(page.current_query())
    assert 0 < expected < 200
    target = tmp_path / "a-customers.csv"
    with qtbot.waitSignal(window.export_finished, timeout=20000) as blocker:
        window.export_to(target)
    assert blocker.args[0].rows == expected
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:4] == ["Company", "Short name", "Category", "Tier"]
    assert len({r[0] for r in rows[1:]}) == expected  # a line per contact
    assert {r[3] for r in rows[1:]} == {"A"}


def test_backup_then_restore_keeps_current_aside(
    qtbot,
    window: MainWindow,
    tmp_path: Path,
) -> None:
    target = tmp_path / "backup.sqlite3"
    window.backup_to(target)
    qtbot.waitUntil(target.exists, timeout=10000)
    assert CustomerBrowser(target).count(CustomerQuery()) == 200

    # Change the live store after the backup: delete a customer through the service.
    page = window.customers
    victim = page.model.row_at(0)
    assert victim is not None
    done: list[object] = []
    window.runner.run_write(
        lambda: window.services.customers.delete(victim.id), on_done=done.append
    )
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    page.reload()
    assert window.services.browser.count(CustomerQuery()) == 199

    with qtbot.waitSignal(window.store_replaced, timeout=20000):
        window.restore_from(target, confirmed=True)
    assert window.services.browser.count(CustomerQuery()) == 200
    assert page.model.rowCount() == 200
    kept = list(window.services.paths.backups.glob("*replaced*.sqlite3"))
    assert len(kept) == 1
    assert CustomerBrowser(kept[0]).count(CustomerQuery()) == 199
