"""Printing through what the user touches: File > Print today's visits… (Qt's print dialog)
and Save today's visits as PDF… (one PDF, progress, cancel), and the customer view's history
with its Print visit summary… and Pre-visit brief… buttons, each offering Print… and Save as
PDF… (ui/customers/timeline.py, ui/visits/printing.py, ui/printing.py).

Printing is checked on Qt's own "Print to File (PDF)" printer, chosen in the real print dialog:
the printed file holds pictures of the pages, so it is read back as pixels (pdftoppm), against
the saved PDF of the same document."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from salesdesk.db.models import Visit
from salesdesk.db.session import create_store_engine, session_factory, unit_of_work
from salesdesk.domain.clock import utcnow
from salesdesk.domain.due import SHANGHAI, local_date
from salesdesk.services.timeline import PromiseEntry, QuoteEntry, VisitEntry
from salesdesk.ui.customers.timeline import ALERT
from salesdesk.ui.main_window import MainWindow
from salesdesk.ui.printing import new_printer
from salesdesk.ui.visits.printing import SentToPrinter
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


def save_today(qtbot, window: MainWindow, target: Path) -> None:
    action = window.print_actions.save_today
    with qtbot.waitSignal(window.printing.finished, timeout=20000), ModalAnswers().file(target):
        action.trigger()


def ink(pdf: Path, folder: Path) -> list[float]:
    """Per page, its mean darkness (0 white, 1 black) rasterised at 30 dpi by poppler: what a
    page carries in ink, whether drawn as text or as a picture of text."""
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(pdf), str(folder / "p")],
                   check=True, capture_output=True)
    shares = []
    for png in sorted(folder.glob("p-*.png")):
        image = QImage(str(png)).convertToFormat(QImage.Format.Format_Grayscale8)
        row = image.bytesPerLine()
        data = bytes(image.constBits())
        dark = sum(255 - v for y in range(image.height())
                   for v in data[y * row:y * row + image.width()])
        shares.append(dark / (255 * image.width() * image.height()))
    return shares


def assert_printed_like(printed: Path, saved: Path, folder: Path) -> None:
    """Each printed page carries the saved page's content: not blank, about as much ink
    (scaled into the printable area), and the pages differ from each other."""
    on_paper, on_file = ink(printed, folder / "printed"), ink(saved, folder / "saved")
    assert len(on_paper) == len(on_file)
    for paper, file in zip(on_paper, on_file, strict=True):
        assert paper > 0.001, (on_paper, on_file)
        # Scaled into the printable area (about 93 % of the sheet) and rasterised at 300 dpi,
        # a page carries about three quarters of the ink poppler draws from the vector file.
        assert 0.6 < paper / file < 1.1, (on_paper, on_file)
    assert len(set(on_paper)) == len(on_paper) or len(on_paper) == 1


def test_print_today_prints_every_visit_on_the_printer_chosen(qtbot, day_window: MainWindow,
                                                              tmp_path: Path) -> None:
    """File > Print today's visits…: the print dialog, then one job of three pages."""
    printed = tmp_path / "printed.pdf"
    with qtbot.waitSignal(day_window.printing.finished, timeout=60000) as done, \
            ModalAnswers().printer(printed):
        day_window.print_actions.print_today.trigger()
    sent = done.args[0]
    assert isinstance(sent, SentToPrinter)
    assert (sent.printer, sent.pages, len(sent.visit_ids)) == (str(printed), 3, 3)
    assert page_count(printed) == 3
    assert squeezed(text_of(printed)) == ""  # pictures of the pages, painted by QPainter
    assert "3" in day_window.statusBar().currentMessage()
    saved = tmp_path / "saved.pdf"
    save_today(qtbot, day_window, saved)
    assert_printed_like(printed, saved, tmp_path)
    qtbot.waitUntil(lambda: all_recorded(day_window), timeout=10000)


def all_recorded(window: MainWindow) -> bool:
    with unit_of_work(window.services.factory) as session:
        return all(v.summary_printed_at is not None for v in session.query(Visit))


def test_cancelling_the_print_dialog_prints_nothing(qtbot, day_window: MainWindow,
                                                    tmp_path: Path) -> None:
    finished: list[object] = []
    day_window.printing.finished.connect(finished.append)
    with ModalAnswers().printer(None):
        day_window.print_actions.print_today.trigger()
    qtbot.wait(300)
    assert day_window.printing.progress is None and finished == []
    assert not all_recorded(day_window)


def test_cancelling_while_printing_stops_the_job(qtbot, day_window: MainWindow,
                                                  tmp_path: Path) -> None:
    """Cancel as the pages are painted: the printer's job is aborted, nothing is reported as
    printed, no error is shown."""
    shown: list[str] = []
    day_window.errors.shown.connect(shown.append)
    finished: list[object] = []
    day_window.printing.finished.connect(finished.append)
    printed = tmp_path / "printed.pdf"
    with ModalAnswers().printer(printed):
        day_window.print_actions.print_today.trigger()
    progress = day_window.printing.progress
    assert progress is not None
    qtbot.waitUntil(lambda: "page" in progress.labelText() or "页" in progress.labelText(),
                    timeout=30000)
    cancel = progress.findChild(QPushButton)
    assert cancel is not None
    cancel.click()
    qtbot.waitUntil(lambda: day_window.printing.progress is None, timeout=30000)
    message = day_window.statusBar().currentMessage
    qtbot.waitUntil(lambda: "取消" in message() or "cancelled" in message(), timeout=5000)
    assert finished == [] and shown == []
    assert not all_recorded(day_window)


@pytest.mark.qt_log_ignore("QPainter::begin")  # Qt's own word for the refusal
def test_a_printer_that_refuses_the_job_is_reported(qtbot, day_window: MainWindow,
                                                     tmp_path: Path, monkeypatch) -> None:
    """The printer the dialog returned cannot start (here: its file cannot be created)."""
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "no such folder" / "printed.pdf"))
    monkeypatch.setattr(day_window.printing, "choose_printer", lambda _title: printer)
    with qtbot.waitSignal(day_window.errors.shown, timeout=30000) as shown:
        day_window.print_actions.print_today.trigger()
    assert "printed.pdf" in shown.args[0] and ("打印机" in shown.args[0]
                                               or "printer" in shown.args[0])
    assert not all_recorded(day_window)


def test_save_today_makes_one_pdf_of_every_visit(qtbot, day_window: MainWindow,
                                                 tmp_path: Path) -> None:
    target = tmp_path / "today.pdf"
    save_today(qtbot, day_window, target)
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
        day_window.print_actions.save_today.trigger()
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


def test_a_day_without_visits_says_so(qtbot, quiet_sales_window: MainWindow,
                                     tmp_path: Path) -> None:
    window = quiet_sales_window
    target = tmp_path / "today.pdf"
    with qtbot.waitSignal(window.errors.shown, timeout=20000) as shown, \
            ModalAnswers().printer(target):
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
        choice(timeline.print_button, "printToPdf").trigger()
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
        choice(timeline.brief_button, "printToPdf").trigger()
    assert page_count(target) == 1
    text = text_of(target)
    assert "Pre-visit Brief" in text and "(overdue)" in text
    assert CUSTOMER in squeezed(text) and "补发上月对账单" in squeezed(text)
    printed = tmp_path / "printed.pdf"
    with qtbot.waitSignal(timeline.printing.finished, timeout=30000) as done, \
            ModalAnswers().printer(printed):
        choice(timeline.brief_button, "printToPrinter").trigger()
    assert isinstance(done.args[0], SentToPrinter) and done.args[0].visit_ids == ()
    assert page_count(printed) == 1
    assert_printed_like(printed, target, tmp_path)


def choice(button: QPushButton, name: str) -> QAction:
    """An entry of the Print… / Save as PDF… menu a button opens."""
    menu = button.menu()
    assert menu is not None
    action = menu.findChild(QAction, name)
    assert action is not None and action.isEnabled()
    return action


def test_print_a_visit_summary_on_a_printer(qtbot, history_window, tmp_path: Path) -> None:
    window, history = history_window
    timeline = window.customers.timeline
    open_history(qtbot, window)
    row = next(i for i, e in enumerate(timeline.entries()) if e.id == history.visits["today"])
    timeline.list.setCurrentRow(row)
    printed = tmp_path / "printed.pdf"
    with qtbot.waitSignal(timeline.loaded, timeout=30000), ModalAnswers().printer(printed):
        choice(timeline.print_button, "printToPrinter").trigger()
    saved = tmp_path / "saved.pdf"
    with qtbot.waitSignal(timeline.printing.finished, timeout=20000), \
            ModalAnswers().file(saved):
        choice(timeline.print_button, "printToPdf").trigger()
    assert page_count(printed) == page_count(saved) >= 1
    assert_printed_like(printed, saved, tmp_path)
    row = next(i for i, e in enumerate(timeline.entries()) if e.id == history.visits["today"])
    assert "summary printed" in timeline.list.item(row).text()


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
