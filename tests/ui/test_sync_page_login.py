"""The Sync page's login and what it says after a sync, through its real buttons against a
real HQ process: a password is not sent unencrypted over the network without asking, Log in
is off while logged in, and the counts after a sync say what happened in plain words."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QPushButton
from sqlalchemy import func, select

from salesdesk.hq import schema
from salesdesk.hq.db import open_database
from salesdesk.ui.main_window import MainWindow
from tests.hqtest.server import process_server
from tests.ui.conftest import demo_hq_database
from tests.ui.sync_steps import PASSWORDS


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A real HQ listening on every address, with the demo accounts; yields its port and URL."""
    url = demo_hq_database(tmp_path)
    with process_server(url, args=["--host", "0.0.0.0"]) as base:
        yield base.rsplit(":", 1)[1], url


@pytest.fixture
def laptop(laptop: MainWindow) -> MainWindow:
    laptop.show_page("sync")
    return laptop


def _network_name() -> str:
    """This computer's name, which reaches HQ over the network stack, not as 'localhost'."""
    name = socket.gethostname()
    try:
        socket.getaddrinfo(name, None)
    except OSError:
        pytest.skip(f"this computer's name {name!r} does not resolve")
    return name


def _tokens(url: str) -> int:
    db = open_database(url)
    try:
        with db.read() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.auth_token))
                       .scalar_one())
    finally:
        db.dispose()


@contextmanager
def _answering(
    button: Callable[[QMessageBox], QAbstractButton | None],
) -> Iterator[list[str]]:
    """Within the block, clicks ``button`` of each message box that opens; yields the texts
    of those seen. Stops looking when the block ends."""
    seen: list[str] = []
    timer = QTimer()
    timer.setInterval(20)

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            seen.append(box.text())
            answer = button(box)
            assert answer is not None, "the message box has no such button"
            answer.click()

    timer.timeout.connect(look)
    timer.start()
    try:
        yield seen
    finally:
        timer.stop()


def _fill(page, server: str, user: str = "zhangwei") -> None:
    page.server.setText(server)
    page.username.setText(user)
    page.password.setText(PASSWORDS[user])


def test_plain_http_over_the_network_asks_first(qtbot, hq, laptop: MainWindow) -> None:
    port, url = hq
    page = laptop.sync_page
    server = f"http://{_network_name()}:{port}"
    _fill(page, server)

    # Cancel: the password is not sent.
    with _answering(lambda box: box.button(QMessageBox.StandardButton.Cancel)) as seen:
        qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    assert seen and server in seen[0] and "not encrypted" in seen[0]
    assert "password was not sent" in page.account_state.text()
    assert page.login_button.isEnabled()
    assert _tokens(url) == 0

    # Send anyway: the user chose to, and is logged in.
    with (_answering(lambda box: box.findChild(QPushButton, "plainHttpSend")) as seen,
          qtbot.waitSignal(page.logged_in, timeout=20000)):
        qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    assert seen
    assert _tokens(url) == 1


def test_loopback_and_https_are_not_questioned(qtbot, hq, laptop: MainWindow) -> None:
    port, _ = hq
    page = laptop.sync_page
    _fill(page, f"http://127.0.0.1:{port}")
    with (_answering(lambda box: box.button(QMessageBox.StandardButton.Cancel)) as asked,
          qtbot.waitSignal(page.logged_in, timeout=20000)):
        qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    assert not asked


def test_log_in_is_off_while_logged_in(qtbot, hq, laptop: MainWindow) -> None:
    port, _ = hq
    page = laptop.sync_page
    assert page.login_button.isEnabled() and not page.logout_button.isEnabled()
    _fill(page, f"http://localhost:{port}")
    with qtbot.waitSignal(page.logged_in, timeout=20000):
        qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.logout_button.isEnabled, timeout=10000)
    assert not page.login_button.isEnabled()
    assert not page.password.isEnabled()

    with qtbot.waitSignal(page.status_changed, timeout=10000):
        qtbot.mouseClick(page.logout_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.login_button.isEnabled, timeout=10000)
    assert page.password.isEnabled() and not page.logout_button.isEnabled()


def _sync(qtbot, page) -> str:
    qtbot.waitUntil(page.sync_button.isEnabled, timeout=10000)
    with qtbot.waitSignal(page.sync_finished, timeout=60000) as finished:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] is not None
    return str(page.counts.text())


def test_counts_after_a_sync_say_what_happened(qtbot, hq, laptop: MainWindow) -> None:
    from salesdesk.db.models import Product
    from salesdesk.db.session import unit_of_work

    port, _ = hq
    page = laptop.sync_page
    _fill(page, f"http://127.0.0.1:{port}")
    with qtbot.waitSignal(page.logged_in, timeout=20000):
        qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    assert re.fullmatch(r"Changes sent: 0; Records received: \d+\.", _sync(qtbot, page))
    assert _sync(qtbot, page) == "Up to date: nothing to send or receive."

    # One change, through the editor: one change, not "1 changes".
    customers = laptop.customers
    with qtbot.waitSignal(customers.detail_loaded, timeout=10000):
        customers.table.selectRow(0)
    customers.editor.phone.setText("0512-66661111")
    with qtbot.waitSignal(customers.customer_saved, timeout=10000):
        customers.editor.save.click()
    assert re.fullmatch(r"Changes sent: 1; Records received: \d+\.", _sync(qtbot, page))
    qtbot.waitUntil(lambda: page.pending.text() == "Local changes waiting to be sent: 0",
                    timeout=10000)

    # Two changes HQ refuses (a salesperson may not edit the catalogue): they were sent, and
    # refused, never "sent 0 ... (2 refused)".
    with unit_of_work(laptop.services.factory) as session:
        for product in session.scalars(select(Product).limit(2)):
            product.name += "（改）"
    assert re.fullmatch(r"Changes sent: 2 \(refused by HQ: 2\); Records received: \d+\.",
                        _sync(qtbot, page))
