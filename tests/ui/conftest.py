from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from salesdesk.hq import admin
from salesdesk.hq.db import migrate, open_database
from salesdesk.paths import Paths
from salesdesk.services.container import AppServices
from salesdesk.settings import Settings
from salesdesk.ui import i18n
from salesdesk.ui.errors import ErrorReporter
from salesdesk.ui.main_window import MainWindow
from salesdesk.ui.tasks import TaskRunner
from tests.hqtest.server import CHEAP_HASHER, process_server
from tests.ui.accounts import SALESPERSON, bind


def open_window(qtbot, data_dir: Path, language: str = "en",
                page: str | None = "customers") -> MainWindow:
    """The app's window on ``data_dir``, shown; on ``page`` (the customer book, which most
    tests drive) or, with None, on the page the app opens on (Today)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install(app, language)
    paths = Paths.default(data_dir)
    services = AppServices(paths, Settings(language=language))
    window = MainWindow(services, TaskRunner(), ErrorReporter(paths.crash_reports))
    # Not qtbot.addWidget: pytest-qt would close it before our teardown clears the editor,
    # and closing with unsaved edits asks the user (a modal dialog nobody answers).
    window.show()
    qtbot.waitExposed(window)
    if page is not None:
        window.show_page(page)
    return window


def close_window(win: MainWindow) -> None:
    win.customers.editor.load(None)  # a test may leave edits; closing would ask about them
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install(app, "en")
    app.processEvents()
    win.close()
    win.deleteLater()


@pytest.fixture
def window(qtbot, demo_data_dir: Path) -> Iterator[MainWindow]:
    win = open_window(qtbot, demo_data_dir)
    yield win
    close_window(win)


@pytest.fixture
def sales_window(qtbot, demo_data_dir: Path) -> Iterator[MainWindow]:
    """The demo store's window, logged in as a salesperson (recorded as a login would be)."""
    bind(demo_data_dir / "salesdesk.sqlite3", SALESPERSON[0], "sales")
    win = open_window(qtbot, demo_data_dir)
    yield win
    close_window(win)


def clear_visits_and_promises(store: Path) -> None:
    """Takes the demo's visits, quotes and promises out of ``store``, for a test that counts
    what it makes itself."""
    with sqlite3.connect(store) as conn:
        for table in ("competitor_quotes", "promises", "visit_events", "visit_drafts", "visits"):
            conn.execute(f"DELETE FROM {table}")  # fixed table names


def clear_complaints(store: Path) -> None:
    """Takes the demo's complaints out of ``store``, for a test that counts what it records
    itself (on a clock of its own)."""
    with sqlite3.connect(store) as conn:
        for table in ("complaint_attachments", "complaint_events", "complaints"):
            conn.execute(f"DELETE FROM {table}")  # fixed table names


@pytest.fixture
def quiet_sales_window(qtbot, demo_data_dir: Path) -> Iterator[MainWindow]:
    """The demo's customer book without its visits and promises, logged in as a salesperson."""
    store = demo_data_dir / "salesdesk.sqlite3"
    clear_visits_and_promises(store)
    bind(store, SALESPERSON[0], "sales")
    win = open_window(qtbot, demo_data_dir)
    yield win
    close_window(win)


@pytest.fixture
def hq_window(qtbot, demo_data_dir: Path) -> Iterator[MainWindow]:
    """The demo store's window, logged in as HQ staff."""
    bind(demo_data_dir / "salesdesk.sqlite3", "hq", "hq")
    win = open_window(qtbot, demo_data_dir)
    yield win
    close_window(win)


def demo_hq_database(tmp_path: Path) -> str:
    """A migrated HQ database (SQLite) with the demo accounts and 12 customers; its URL."""
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    migrate(url)
    db = open_database(url)
    admin.demo(db, CHEAP_HASHER, customers=12)
    db.dispose()
    return url


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A real ``salesdesk-hq serve`` process on loopback over the demo database: (base, url)."""
    url = demo_hq_database(tmp_path)
    with process_server(url) as base:
        yield base, url


@pytest.fixture
def laptop(qtbot, data_dir: Path) -> Iterator[MainWindow]:
    """The window over an empty store, as a laptop before its first sync."""
    win = open_window(qtbot, data_dir)
    yield win
    win.customers.editor.load(None)
    win.close()
    win.deleteLater()
