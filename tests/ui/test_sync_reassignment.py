"""A customer HQ reassigns while the salesperson has it open, through the real window and a
real HQ process on loopback: the offline edit reaches HQ, the editor says the customer is
gone instead of saving it back, and the Sync page says in words what was overwritten."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from sqlalchemy import select

from salesdesk.hq import admin, schema
from salesdesk.hq.db import open_database
from salesdesk.hq.writes import WriteTx
from salesdesk.ui.main_window import MainWindow
from tests.ui.sync_steps import conflict_row, log_in_and_sync, open_first_customer, save_phone


def test_a_reassigned_customer_open_in_the_editor(qtbot, hq, laptop: MainWindow) -> None:
    base, url = hq
    page, customers = laptop.sync_page, laptop.customers
    editor = customers.editor
    log_in_and_sync(qtbot, page, base)

    # Offline, zhangwei changes a customer's phone and saves, and keeps the editor open.
    name = open_first_customer(qtbot, laptop)
    cid = editor.shown_id()
    assert cid is not None
    save_phone(qtbot, laptop, "0512-66661111")
    editor.notes.setPlainText("typed after saving")

    # Meanwhile HQ changes the same phone, later, and gives the customer to lina.
    db = open_database(url)
    try:
        with db.write() as conn:
            tx = WriteTx.begin(conn, admin.SYSTEM)
            tx.put("customers", cid, {"phone": "0512-88882222"})
            tx.flush()
        admin.assign(db, cid, "lina")

        with qtbot.waitSignal(page.sync_finished, timeout=60000) as finished:
            page.sync_now()
        outcome = finished.args[0]
        assert outcome is not None and outcome.rejected == 0 and outcome.evicted == 1

        # zhangwei's edit was theirs to make: it reached HQ and lost by the field rules
        # (HQ's change was later), visibly; it was not refused as "no such customer".
        with db.read() as conn:
            c = schema.customers
            at_hq = conn.execute(
                select(c.c.phone, c.c.assigned_to_id).where(c.c.id == cid)).one()
        assert at_hq.phone == "0512-88882222"
    finally:
        db.dispose()

    # The editor says the customer is gone and will not save it back.
    qtbot.waitUntil(lambda: not editor.banner.isHidden(), timeout=10000)
    assert "reassigned" in editor.banner_text.text()
    assert not editor.save.isEnabled()
    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)  # a disabled button: nothing
    qtbot.wait(200)
    assert laptop.services.customers.get(cid) is None
    assert laptop.services.sync.status().pending_changes == 0

    # The Sync page: the customer by name, the field in words, both values, who, when, why.
    row = conflict_row(qtbot, page)
    when, record, field, mine, kept, by, why = row
    assert record == name
    assert field == "Phone"
    assert (mine, kept) == ("0512-66661111", "0512-88882222")
    assert by == admin.SYSTEM.username and when
    assert "kept" in why
    assert not any(str(cid)[:8] in cell or "{" in cell for cell in row)

    # Opening another customer makes the editor usable again.
    with qtbot.waitSignal(customers.detail_loaded, timeout=10000):
        customers.table.selectRow(0)
    assert editor.save.isEnabled() and editor.banner.isHidden()
    assert isinstance(editor.shown_id(), uuid.UUID)
