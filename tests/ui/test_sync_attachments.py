"""The Sync page says what became of attachments' bytes: sent, and refused by HQ (a real HQ
process on loopback; the bytes themselves are covered by
tests/integration/sync/test_attachment_sync.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from salesdesk.db.models import Customer
from salesdesk.services.complaints.records import ComplaintDraft
from salesdesk.ui.main_window import MainWindow
from tests.ui.sync_steps import log_in_and_sync


def sync_through_the_page(qtbot, window: MainWindow) -> str:
    page = window.sync_page
    qtbot.waitUntil(page.sync_button.isEnabled, timeout=10000)  # the status is read first
    with qtbot.waitSignal(page.sync_finished, timeout=60000) as finished:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] is not None
    return page.counts.text()


def test_the_sync_page_says_attachments_went_or_were_refused(
        qtbot, hq, laptop: MainWindow, tmp_path: Path) -> None:
    base, _ = hq
    laptop.show_page("sync")
    log_in_and_sync(qtbot, laptop.sync_page, base)
    services = laptop.services
    with services.factory() as session:
        customer_id = session.scalars(select(Customer.id).limit(1)).one()
    photo = tmp_path / "起泡.jpg"
    photo.write_bytes(b"\xff\xd8 a photo " * 5000)
    services.complaints.record(ComplaintDraft(customer_id, "表面起泡", attachments=(photo,)))

    text = sync_through_the_page(qtbot, laptop)
    assert "Attachments sent: 1" in text, text
    assert "waiting" not in text and "refused" not in text

    damaged = tmp_path / "发票.pdf"
    damaged.write_bytes(b"%PDF-1.4 an invoice " * 3000)
    services.complaints.record(ComplaintDraft(customer_id, "发票抬头错误",
                                              attachments=(damaged,)))
    [stored] = [p for p in services.paths.attachments.glob("??/*")
                if p.read_bytes() == damaged.read_bytes()]
    stored.write_bytes(b"damaged on disk")
    text = sync_through_the_page(qtbot, laptop)
    assert "Attachments refused by HQ (over the size limit or damaged): 1" in text, text
