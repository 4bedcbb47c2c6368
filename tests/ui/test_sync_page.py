"""Log in and sync through the real Sync page against a real HQ server process on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import CustomerQuery
from salesdesk.ui.main_window import MainWindow
from tests.ui.sync_steps import (
    PASSWORDS,
    conflict_row,
    log_in_and_sync,
    open_first_customer,
    save_phone,
)


def test_login_and_sync_through_the_page(qtbot, hq, laptop: MainWindow, data_dir: Path) -> None:
    base, _ = hq
    page = laptop.sync_page
    laptop.show_page("sync")
    assert laptop.stack.currentWidget() is page

    # Empty fields are named, nothing is sent.
    qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    assert "Server address" in page.account_state.text()

    page.server.setText(base)
    page.username.setText("zhangwei")
    page.password.setText("wrong password")
    qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.login_button.isEnabled, timeout=20000)
    assert "did not accept" in page.account_state.text(), page.account_state.text()

    page.password.setText(PASSWORDS["zhangwei"])
    with qtbot.waitSignal(page.logged_in, timeout=20000):
        qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Logged in to" in page.account_state.text(), timeout=10000)
    assert page.password.text() == ""
    # No keyring backend in the test environment: the page says the login lasts this session.
    assert "no keyring" in page.account_state.text()
    assert page.sync_button.isEnabled()
    # The login recorded zhangwei's role: assignment is HQ's, the editor shows it read-only.
    assert laptop.services.browser.current_user().role == "sales"  # type: ignore[union-attr]  # the store is logged in
    assert not laptop.customers.editor.salesperson.isEnabled()

    with qtbot.waitSignal(page.sync_finished, timeout=60000) as finished:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    outcome = finished.args[0]
    assert outcome is not None and outcome.pulled > 0
    assert "received" in page.counts.text()
    qtbot.waitUntil(lambda: "Last successful sync" in page.last_sync.text(), timeout=10000)
    assert page.pending.text() == "Local changes waiting to be sent: 0"

    # zhangwei holds half of the 12 demo customers; the list shows them after the sync.
    store = data_dir / "salesdesk.sqlite3"
    assert CustomerBrowser(store).count(CustomerQuery()) == 6
    assert laptop.customers.model.rowCount() == 6
    assert laptop.customers.editor.salesperson.currentText() == "张伟"  # a new customer is theirs

    # The token is nowhere on disk under the data directory.
    token = laptop.services.sync._token()
    assert token
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path


def test_unreachable_server_is_said_plainly(qtbot, laptop: MainWindow) -> None:
    page = laptop.sync_page
    page.server.setText("http://127.0.0.1:9")  # nothing listens on the discard port
    page.username.setText("zhangwei")
    page.password.setText("x")
    qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cannot be reached" in page.account_state.text(), timeout=20000)


def test_a_lost_edit_is_shown_with_who_won(qtbot, hq, laptop: MainWindow, tmp_path: Path,
                                           template_store: Path) -> None:
    from salesdesk.db.models import Customer
    from tests.hqtest.laptops import Laptop

    base, _ = hq
    page = laptop.sync_page
    log_in_and_sync(qtbot, page, base)

    # The salesperson changes a customer's phone in the editor, offline...
    name = open_first_customer(qtbot, laptop)
    save_phone(qtbot, laptop, "0512-66661111")

    # ...while HQ's office changes the same phone later and syncs first.
    office = Laptop(template_store, tmp_path / "office.sqlite3", base)
    try:
        office.login("hq", PASSWORDS["hq"])
        office.sync()

        def change(session):
            row = next(c for c in session.query(Customer) if c.name == name)
            row.phone = "0512-88882222"

        office.edit(change)
        office.sync()
    finally:
        office.close()

    with qtbot.waitSignal(page.sync_finished, timeout=60000) as finished:
        page.sync_now()
    assert finished.args[0].conflicts >= 1
    row = conflict_row(qtbot, page)
    assert row[1] == name
    assert row[2] == "Phone"
    assert row[3] == "0512-66661111"  # what the salesperson had typed
    assert row[4] == "0512-88882222"  # what HQ kept
    assert row[5]  # who made the winning change


@pytest.fixture
def old_hq() -> Iterator[str]:
    """An HQ of an earlier build on loopback: it speaks only protocol 1, says so in its
    hello, and answers every other request of a newer laptop as such an HQ does (426, with
    the versions it speaks)."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    body = json.dumps({"code": "upgrade_required", "message": "this server speaks sync "
                       "protocol 1..1; please upgrade SalesDesk", "min_protocol": 1,
                       "max_protocol": 1}).encode()

    hello = json.dumps({"server": "salesdesk-hq 0.1", "protocol_min": 1, "protocol_max": 1,
                        "server_time_ms": 0}).encode()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, content: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def do_GET(self) -> None:
            self._answer(200, hello)  # /hello needs no protocol

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self._answer(426, body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_older_hq_is_named_as_the_side_to_update(qtbot, old_hq: str,
                                                    laptop: MainWindow) -> None:
    page = laptop.sync_page
    page.server.setText(old_hq)
    page.username.setText("zhangwei")
    page.password.setText("x")
    qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "older version" in page.account_state.text(), timeout=20000)
    assert "newer SalesDesk" not in page.account_state.text()
