"""Printing through what the user touches: File > Print today's visits… (one PDF, progress,
cancel), and the customer view's history with its Print visit summary… and Pre-visit brief…
buttons (ui/customers/timeline.py, ui/visits/printing.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from salesdesk.db.models import Visit
from salesdesk.db.session import create_store_engine, session_factory, unit_of_work
from salesdesk.domain.clock import utcnow
from salesdesk.domain.due import SHANGHAI, local_date
from salesdesk.services.timeline import PromiseEntry, QuoteEntry, VisitEntry
from salesdesk.ui.customers.timeline import ALERT
from salesdesk.ui.main_window import MainWindow
from tests.ui.conftest import close_window, open_window
from tests.ui.modal import ModalAnswers
from tests.unit.documents.test_visit_summary import page_count, squeezed, text_of
from tests.visit_history import CUSTOMER, salesperson, seed_day, seed_history

NAMES = ["宁波华美门窗有限公司", "东莞鑫源金属制品厂", "成都天成幕墙工程有限公司"]


def seed(store: Path, fn) -> object:
    engine = create_store_engine(store)
    try:
        with unit_of_work(session_factory(engine)) as session:
            return fn(session)
    finally:
        engine.dispose()


@pytest.fixture
def today() -> object:
    return local_date(utcnow(), SHANGHAI)


@pytest.fixture
def day_window(qtbot, data_dir: Path, today) -> Iterator[MainWindow]:
    """A store with three visits today (and one history), in Chinese."""
    seed(data_dir / "salesdesk.sqlite3", lambda s: seed_day(s, today, NAMES))
    win = open_window(qtbot, data_dir, language="zh_CN")
    yield win
    close_window(win)


def print_today(qtbot, window: MainWindow, target: Path) -> None:
    action = window.print_actions.print_today
    with qtbot.waitSignal(window.printing.finished, timeout=20000), ModalAnswers().file(target):
        action.trigger()


def test_print_today_makes_one_pdf_of_every_visit(qtbot, day_window: MainWindow,
                                                   tmp_path: Path) -> None:
    target = tmp_path / "today.pdf"
    print_today(qtbot, day_window, target)
    assert page_count(target) == 3
    for n, name in enumerate(NAMES, start=1):
        page = squeezed(text_of(target, n))
        assert name in page and "拜访纪要" in page and f"拜访{name}：了解明年用量" in page
    assert str(target) in day_window.statusBar().currentMessage()

    def recorded() -> bool:
        factory = day_window.services.factory
        with unit_of_work(factory) as session:
            return all(v.summary_printed_at is not None for v in session.query(Visit))

    qtbot.waitUntil(recorded, timeout=10000)


def test_cancelling_today_leaves_no_file(qtbot, day_window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "today.pdf"
    shown: list[str] = []
    day_window.errors.shown.connect(shown.append)
    with ModalAnswers().file(target):
        day_window.print_actions.print_today.trigger()
    progress = day_window.printing.progress
    assert progress is not None
    cancel = progress.findChild(QPushButton)
    assert cancel is not None
    cancel.click()  # at once: the job is still reading the store
    qtbot.waitUntil(lambda: day_window.printing.progress is None, timeout=20000)
    message = day_window.statusBar().currentMessage
    qtbot.waitUntil(lambda: "取消" in message() or "cancelled" in message(), timeout=5000)
    assert not target.exists()
    assert not any(p.suffix == ".part" for p in tmp_path.iterdir())
    assert shown == []


def test_a_day_without_visits_says_so(qtbot, window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "today.pdf"
    with qtbot.waitSignal(window.errors.shown, timeout=20000) as shown, \
            ModalAnswers().file(target):
        window.print_actions.print_today.trigger()
    assert "No visits are planned for" in shown.args[0]
    assert not target.exists()


@pytest.fixture
def history_window(qtbot, data_dir: Path, today) -> Iterator[tuple[MainWindow, object]]:
    def make(session):
        return seed_history(session, today, salesperson_id=salesperson(session))

    history = seed(data_dir / "salesdesk.sqlite3", make)
    win = open_window(qtbot, data_dir)
    yield win, history
    close_window(win)


def open_history(qtbot, window: MainWindow):
    page = window.customers
    with qtbot.waitSignal(page.timeline.loaded, timeout=10000) as loaded:
        page.table.selectRow(0)
    return loaded.args[0]


def test_the_customer_view_shows_its_history_newest_first(qtbot, history_window) -> None:
    window, history = history_window
    page = window.customers
    open_history(qtbot, window)
    assert page.editor.name.text() == CUSTOMER
    entries = page.timeline.entries()
    kinds = [type(e) for e in entries]
    # the planned visit, then today's visit with its promises and the price heard above it
    assert kinds[:5] == [VisitEntry, PromiseEntry, PromiseEntry, QuoteEntry, VisitEntry]
    items = [page.timeline.list.item(i) for i in range(page.timeline.list.count())]
    texts = [item.text() for item in items]
    quote = texts[kinds.index(QuoteEntry)]
    assert "佛山金盛铝业" in quote and "28,000 CNY/t" in quote and "28,800 CNY/t" in quote
    overdue = next(i for i, e in enumerate(entries)
                   if isinstance(e, PromiseEntry) and e.id == history.promises["overdue"])
    assert "overdue" in texts[overdue] and "补发上月对账单" in texts[overdue]
    assert items[overdue].foreground().color() == ALERT
    kept = next(i for i, e in enumerate(entries) if e.id == history.promises["kept"])
    assert "kept" in texts[kept] and items[kept].foreground().color() != ALERT
    dates = [re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d", t).group(0) for t in texts]  # type: ignore[union-attr]
    assert dates == sorted(dates, reverse=True)


def test_print_a_visit_summary_from_the_history(qtbot, history_window, tmp_path: Path) -> None:
    window, history = history_window
    timeline = window.customers.timeline
    open_history(qtbot, window)
    assert not timeline.print_button.isEnabled()  # nothing chosen yet
    row = next(i for i, e in enumerate(timeline.entries()) if e.id == history.visits["today"])
    timeline.list.setCurrentRow(row)
    assert timeline.print_button.isEnabled()
    target = tmp_path / "summary.pdf"
    with qtbot.waitSignal(timeline.loaded, timeout=20000), ModalAnswers().file(target):
        qtbot.mouseClick(timeline.print_button, Qt.MouseButton.LeftButton)
    # The print was recorded, and the history shows it (Changes.visits refreshed it).
    text = squeezed(text_of(target))
    assert CUSTOMER in text and "Visit Summary" in text_of(target)
    assert "三天内寄送3mm氟碳铝单板样板两块" in text
    row = next(i for i, e in enumerate(timeline.entries()) if e.id == history.visits["today"])
    assert "summary printed" in timeline.list.item(row).text()


def test_the_pre_visit_brief_from_the_customer_view(qtbot, history_window,
                                                    tmp_path: Path) -> None:
    window, _ = history_window
    timeline = window.customers.timeline
    open_history(qtbot, window)
    target = tmp_path / "brief.pdf"
    with qtbot.waitSignal(timeline.printing.finished, timeout=20000), \
            ModalAnswers().file(target):
        qtbot.mouseClick(timeline.brief_button, Qt.MouseButton.LeftButton)
    assert page_count(target) == 1
    text = text_of(target)
    assert "Pre-visit Brief" in text and "(overdue)" in text
    assert CUSTOMER in squeezed(text) and "补发上月对账单" in squeezed(text)


def test_a_new_customer_has_no_history(qtbot, history_window) -> None:
    window, _ = history_window
    page = window.customers
    open_history(qtbot, window)
    assert page.timeline.entries()
    page.new_customer()
    assert page.timeline.entries() == [] and not page.timeline.brief_button.isEnabled()


def test_show_older_brings_the_rest(qtbot, data_dir: Path, today) -> None:
    """A long history shows its newest page first; "Show older" adds the next."""
    from datetime import timedelta

    from salesdesk.db.models import Customer, Promise
    from salesdesk.services.timeline import PAGE

    def make(session) -> None:
        customer = Customer(name=CUSTOMER)
        session.add(customer)
        session.flush()
        session.add_all(Promise(customer_id=customer.id, made_on=today - timedelta(days=n),
                                due=today - timedelta(days=n), description=f"第 {n} 项承诺",
                                status="kept")
                        for n in range(PAGE + 10))

    seed(data_dir / "salesdesk.sqlite3", make)
    window = open_window(qtbot, data_dir)
    try:
        timeline = window.customers.timeline
        first = open_history(qtbot, window)
        assert first.more and len(timeline.entries()) == PAGE
        assert timeline.more_button.isVisibleTo(timeline)
        with qtbot.waitSignal(timeline.loaded, timeout=10000) as more:
            qtbot.mouseClick(timeline.more_button, Qt.MouseButton.LeftButton)
        assert not more.args[0].more and len(timeline.entries()) == PAGE + 10
        assert not timeline.more_button.isVisibleTo(timeline)
        assert "第 0 项承诺" in timeline.list.item(0).text()
    finally:
        close_window(window)
