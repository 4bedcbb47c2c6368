"""The visit-outcome form through its real widgets, typed at with the keyboard: shortcuts add
a quote and a promise, Ctrl+Enter records them; a draft survives closing the form and a
restart; a bad price is named and nothing typed is lost."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from salesdesk.db.models import Contact, Customer, Visit
from salesdesk.db.session import create_store_engine, session_factory, unit_of_work
from salesdesk.domain.due import SHANGHAI
from salesdesk.paths import Paths
from salesdesk.services.container import AppServices
from salesdesk.settings import Settings
from salesdesk.ui import i18n
from salesdesk.ui.errors import ErrorReporter
from salesdesk.ui.tasks import TaskRunner
from salesdesk.ui.visits.outcome import OutcomeDialog, open_outcome
from tests.store_sql import query
from tests.ui.modal import ModalAnswers
from tests.ui.test_customers_page import type_text  # Chinese as an input method commits it

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def seed(store: Path) -> dict[str, uuid.UUID]:
    """A customer with two contacts and a visit planned an hour ago."""
    ids = {"customer": uuid.uuid4(), "wang": uuid.uuid4(), "zhao": uuid.uuid4(),
           "visit": uuid.uuid4()}
    engine = create_store_engine(store)
    try:
        with unit_of_work(session_factory(engine)) as session:
            session.add(Customer(id=ids["customer"], name="墙煌建材有限公司",
                                 name_key="墙煌建材"))
            session.flush()
            session.add_all([
                Contact(id=ids["wang"], customer_id=ids["customer"], name="王强"),
                Contact(id=ids["zhao"], customer_id=ids["customer"], name="赵敏"),
            ])
            session.add(Visit(id=ids["visit"], customer_id=ids["customer"],
                              starts_at=datetime.now(UTC) - timedelta(hours=1),
                              purpose="谈明年框架协议", contact_ids=[]))
    finally:
        engine.dispose()
    return ids


def seeded_start(store: Path) -> datetime:
    (value,) = query(store, "SELECT starts_at FROM visits")[0]
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


class App:
    """What app.py wires for a data directory: services, the runner, the error reporter."""

    def __init__(self, data_dir: Path) -> None:
        paths = Paths.default(data_dir)
        self.services = AppServices(paths, Settings())
        self.runner = TaskRunner()
        self.errors = ErrorReporter(paths.crash_reports)
        self.parent = QWidget()

    def open(self, qtbot, visit_id: uuid.UUID | None) -> OutcomeDialog:
        dialog = open_outcome(self.services, self.runner, self.errors, visit_id, self.parent)
        qtbot.waitUntil(lambda: dialog._form is not None, timeout=10000)
        qtbot.waitExposed(dialog)
        return dialog

    def idle(self, qtbot) -> None:
        qtbot.waitUntil(lambda: not self.runner.busy, timeout=10000)
        QApplication.processEvents()

    def quit(self) -> None:
        self.runner.shutdown()
        self.services.close()
        self.parent.deleteLater()


@pytest.fixture
def seeded(data_dir: Path) -> dict[str, uuid.UUID]:
    return seed(data_dir / "salesdesk.sqlite3")


@pytest.fixture
def app(qtbot, data_dir: Path, seeded: dict[str, uuid.UUID]) -> Iterator[App]:
    i18n.install(QApplication.instance(), "en")  # type: ignore[arg-type]
    running = App(data_dir)
    yield running
    running.quit()


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def type_into_cell(qtbot, text: str) -> None:
    """Types into the cell editor that has the focus, then Tab to the next cell."""
    editor = QApplication.focusWidget()
    assert editor is not None
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def test_fill_with_the_keyboard_and_record(qtbot, app: App, seeded: dict[str, uuid.UUID],
                                          data_dir: Path) -> None:
    store = data_dir / "salesdesk.sqlite3"
    dialog = app.open(qtbot, seeded["visit"])
    assert "墙煌建材有限公司" in dialog.title.text()
    # Contacts as a checklist: Space ticks the current one.
    dialog.met.setFocus()
    dialog.met.setCurrentRow(1)
    qtbot.keyClick(dialog.met, Qt.Key.Key_Space)
    type_text(qtbot, dialog.met_with, "生产部刘工")
    type_text(qtbot, dialog.texts["discussed"], "明年彩涂卷用量")
    type_text(qtbot, dialog.texts["dislikes"], "包装破损")

    qtbot.keyClick(dialog, Qt.Key.Key_Q, CTRL_SHIFT)  # a competitor's quote
    assert dialog.quotes.rowCount() == 1
    for text in ("华峰铝业", "PE彩涂卷 0.5mm", "28,000", "28800"):
        type_into_cell(qtbot, text)

    qtbot.keyClick(dialog, Qt.Key.Key_P, CTRL_SHIFT)  # a promise, due in a week
    assert dialog.promises.rowCount() == 1
    type_into_cell(qtbot, "下周一前寄色卡")
    type_into_cell(qtbot, "王强")  # to whom: a contact, typed
    due = QApplication.focusWidget()  # the due date, a week after the visit: kept
    assert due is not None
    qtbot.keyClick(due, Qt.Key.Key_Tab)
    editor = QApplication.focusWidget()  # who delivers: me, or an HQ department
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(3)] == ["Me", "Logistics", "Quality"]
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.recorded, timeout=10000) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    app.idle(qtbot)

    assert blocker.args[0].changes.visits and blocker.args[0].changes.promises
    assert not dialog.isVisible()
    visit = query(store, "SELECT status, met_with, discussed, dislikes, met_contact_ids "
                         "FROM visits")[0]
    assert visit[:4] == ("done", "生产部刘工", "明年彩涂卷用量", "包装破损")
    assert str(seeded["zhao"]) in str(visit[4])
    assert query(store, "SELECT kind FROM visit_events") == [("done",)]
    assert query(store, "SELECT competitor, product_text, their_price, our_price, currency, "
                        "unit, visit_id FROM competitor_quotes") == [
        ("华峰铝业", "PE彩涂卷 0.5mm", 2800000, 2880000, "CNY", "t", seeded["visit"].hex)]
    # Made on the day of the visit (planned an hour ago: that is when it took place).
    made_on = (seeded_start(store)).astimezone(SHANGHAI).date()
    (promise,) = query(store, "SELECT description, contact_id, due, department, visit_id "
                              "FROM promises")
    assert promise[0] == "下周一前寄色卡" and promise[1] == seeded["wang"].hex
    assert date.fromisoformat(str(promise[2])) == made_on + timedelta(days=7)
    assert promise[3:] == ("quality", seeded["visit"].hex)
    assert query(store, "SELECT count(*) FROM visit_drafts") == [(0,)]


def test_a_draft_survives_closing_and_a_restart(qtbot, data_dir: Path,
                                                seeded: dict[str, uuid.UUID]) -> None:
    store = data_dir / "salesdesk.sqlite3"
    first = App(data_dir)
    try:
        dialog = first.open(qtbot, seeded["visit"])
        type_text(qtbot, dialog.texts["customer_needs"], "交期缩短到七天")
        qtbot.keyClick(dialog, Qt.Key.Key_Q, CTRL_SHIFT)
        type_into_cell(qtbot, "华峰铝业")
        with qtbot.waitSignal(dialog.draft_saved, timeout=5000):
            pass  # saved half a second after the last keystroke, without closing
        type_text(qtbot, dialog.texts["next_step"], "下周报价")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closes at once, keeping the draft
        assert not dialog.isVisible()
        first.idle(qtbot)
        assert query(store, "SELECT count(*) FROM visit_drafts") == [(1,)]
        assert query(store, "SELECT status FROM visits") == [("planned",)]
        again = first.open(qtbot, seeded["visit"])
        assert again.texts["next_step"].toPlainText() == "下周报价"
        again.reject()
    finally:
        first.quit()

    restarted = App(data_dir)  # the app closed and opened again on the same data
    try:
        dialog = restarted.open(qtbot, seeded["visit"])
        assert dialog.draft_note.isVisible()
        assert dialog.texts["customer_needs"].toPlainText() == "交期缩短到七天"
        assert dialog.texts["next_step"].toPlainText() == "下周报价"
        assert cell(dialog.quotes, 0, 0).text() == "华峰铝业"
        cell(dialog.quotes, 0, 2).setText("28000")
        with qtbot.waitSignal(dialog.recorded, timeout=10000):
            qtbot.keyClick(dialog.texts["next_step"], Qt.Key.Key_Return,
                           Qt.KeyboardModifier.ControlModifier)
        restarted.idle(qtbot)
        assert query(store, "SELECT count(*) FROM visit_drafts") == [(0,)]
        assert query(store, "SELECT customer_needs FROM visits") == [("交期缩短到七天",)]
    finally:
        restarted.quit()


def test_a_bad_price_is_named_and_nothing_typed_is_lost(
    qtbot, app: App, data_dir: Path, seeded: dict[str, uuid.UUID]
) -> None:
    store = data_dir / "salesdesk.sqlite3"
    dialog = app.open(qtbot, seeded["visit"])
    type_text(qtbot, dialog.texts["discussed"], "价格")
    qtbot.keyClick(dialog, Qt.Key.Key_Q, CTRL_SHIFT)
    for text in ("华峰铝业", "PE彩涂卷", "二万八"):
        type_into_cell(qtbot, text)
    qtbot.keyClick(dialog, Qt.Key.Key_P, CTRL_SHIFT)
    type_into_cell(qtbot, "寄色卡")
    with qtbot.waitSignal(dialog.refused, timeout=10000):
        qtbot.keyClick(dialog.texts["discussed"], Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)

    assert dialog.isVisible()
    assert "Competitor quote 1: Their price must be an amount" in dialog.problems.text()
    assert dialog.quotes.currentRow() == 0 and dialog.quotes.currentColumn() == 2
    assert cell(dialog.quotes, 0, 2).text() == "二万八"  # kept, to correct
    assert dialog.texts["discussed"].toPlainText() == "价格"
    assert cell(dialog.promises, 0, 0).text() == "寄色卡"
    assert query(store, "SELECT status FROM visits") == [("planned",)]
    assert query(store, "SELECT count(*) FROM promises") == [(0,)]

    i18n.install(QApplication.instance(), "zh_CN")  # type: ignore[arg-type]
    try:
        cell(dialog.quotes, 0, 2).setText("二万八千")
        with qtbot.waitSignal(dialog.refused, timeout=10000):
            dialog.record()
        assert "竞品报价 1：对方价格" in dialog.problems.text()
    finally:
        i18n.install(QApplication.instance(), "en")  # type: ignore[arg-type]


def test_a_promise_due_before_the_visit_is_refused(
    qtbot, app: App, data_dir: Path, seeded: dict[str, uuid.UUID]
) -> None:
    dialog = app.open(qtbot, seeded["visit"])
    qtbot.keyClick(dialog, Qt.Key.Key_P, CTRL_SHIFT)
    type_into_cell(qtbot, "回电")
    cell(dialog.promises, 0, 2).setData(Qt.ItemDataRole.EditRole,
                                       QDate.currentDate().addDays(-3))
    with qtbot.waitSignal(dialog.refused, timeout=10000):
        dialog.record()
    assert "Promise 1: Due date cannot be before the day the promise was made" in (
        dialog.problems.text())
    assert query(data_dir / "salesdesk.sqlite3", "SELECT count(*) FROM promises") == [(0,)]


def test_editing_a_recorded_outcome(qtbot, app: App, data_dir: Path,
                                     seeded: dict[str, uuid.UUID]) -> None:
    store = data_dir / "salesdesk.sqlite3"
    dialog = app.open(qtbot, seeded["visit"])
    type_text(qtbot, dialog.texts["discussed"], "用量")
    qtbot.keyClick(dialog, Qt.Key.Key_P, CTRL_SHIFT)
    type_into_cell(qtbot, "寄色卡")
    with qtbot.waitSignal(dialog.recorded, timeout=10000):
        dialog.record()
    app.idle(qtbot)

    again = app.open(qtbot, seeded["visit"])
    assert again.texts["discussed"].toPlainText() == "用量"  # the recorded outcome
    assert cell(again.promises, 0, 0).text() == "寄色卡"
    type_text(qtbot, again.texts["discussed"], "约1200吨")
    with qtbot.waitSignal(again.recorded, timeout=10000) as blocker:
        qtbot.keyClick(again.texts["discussed"], Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    app.idle(qtbot)
    assert blocker.args[0].promises_made == 0
    assert query(store, "SELECT discussed, status FROM visits") == [("用量约1200吨", "done")]
    assert query(store, "SELECT count(*) FROM promises") == [(1,)]
    assert query(store, "SELECT count(*) FROM visit_events") == [(1,)]


def test_discard_draft_asks_first(qtbot, app: App, data_dir: Path,
                                  seeded: dict[str, uuid.UUID]) -> None:
    store = data_dir / "salesdesk.sqlite3"
    dialog = app.open(qtbot, seeded["visit"])
    type_text(qtbot, dialog.met_with, "刘工")
    with qtbot.waitSignal(dialog.draft_saved, timeout=5000):
        pass
    with ModalAnswers().message(QMessageBox.StandardButton.No):
        qtbot.mouseClick(dialog.discard, Qt.MouseButton.LeftButton)
    assert dialog.met_with.text() == "刘工"
    with ModalAnswers().message(QMessageBox.StandardButton.Yes) as answers:
        qtbot.mouseClick(dialog.discard, Qt.MouseButton.LeftButton)
    app.idle(qtbot)
    assert "cannot be undone" in answers.texts[0]
    assert dialog.met_with.text() == ""
    assert query(store, "SELECT count(*) FROM visit_drafts") == [(0,)]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen
def test_one_form_per_visit(qtbot, app: App, seeded: dict[str, uuid.UUID]) -> None:
    dialog = app.open(qtbot, seeded["visit"])
    assert app.open(qtbot, seeded["visit"]) is dialog  # brought forward, not opened twice
    other = app.open(qtbot, None)
    assert other is not dialog and dialog.isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completer's popup, offscreen
def test_an_unplanned_visit(qtbot, app: App, data_dir: Path,
                            seeded: dict[str, uuid.UUID]) -> None:
    store = data_dir / "salesdesk.sqlite3"
    dialog = app.open(qtbot, None)
    assert dialog.customer.isVisible()
    type_text(qtbot, dialog.customer, "墙煌建材有限公司")
    qtbot.waitUntil(lambda: dialog.met.count() == 2, timeout=5000)
    type_text(qtbot, dialog.purpose, "路过")
    type_text(qtbot, dialog.texts["discussed"], "顺路拜访")
    dialog.reject()  # closed half-way: the draft keeps the new visit's id
    app.idle(qtbot)
    resumed = app.open(qtbot, None)
    assert resumed._form is not None and dialog._form is not None
    assert resumed._form.visit_id == dialog._form.visit_id
    assert resumed.customer.currentText() == "墙煌建材有限公司"
    assert resumed.texts["discussed"].toPlainText() == "顺路拜访"
    with qtbot.waitSignal(resumed.recorded, timeout=10000):
        qtbot.keyClick(resumed.purpose, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    app.idle(qtbot)
    assert query(store, "SELECT purpose, status FROM visits WHERE id = ?",
                 dialog._form.visit_id.hex) == [("路过", "done")]


def test_closing_the_app_with_the_form_open_keeps_the_draft(qtbot, demo_data_dir: Path) -> None:
    from tests.ui.conftest import close_window, open_window

    window = open_window(qtbot, demo_data_dir)
    assert window.record_unplanned_action.text() == "Record visit (&unplanned)…"
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.record_unplanned_action.text() == "记录计划外拜访(&U)…")
    window.record_unplanned_action.trigger()
    (dialog,) = [d for d in window.findChildren(OutcomeDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: dialog._form is not None, timeout=10000)
    assert dialog.windowTitle() == "拜访纪要"
    type_text(qtbot, dialog.texts["discussed"], "刚谈完就关了电脑")  # no pause: no draft yet
    close_window(window)
    store = demo_data_dir / "salesdesk.sqlite3"
    qtbot.waitUntil(lambda: query(store, "SELECT count(*) FROM visit_drafts") == [(1,)])
    assert "刚谈完就关了电脑" in str(query(store, "SELECT data FROM visit_drafts")[0][0])


def test_a_closed_form_may_go_before_its_draft_is_written(
    qtbot, app: App, data_dir: Path, seeded: dict[str, uuid.UUID]
) -> None:
    import shiboken6

    dialog = app.open(qtbot, seeded["visit"])
    type_text(qtbot, dialog.met_with, "刘工")
    dialog.reject()  # the draft goes to the writer thread; its answer comes back later
    shiboken6.delete(dialog)  # the form is gone before that answer arrives
    app.idle(qtbot)
    qtbot.wait(50)
    assert query(data_dir / "salesdesk.sqlite3", "SELECT count(*) FROM visit_drafts") == [(1,)]


def test_tab_walks_the_form_in_reading_order(qtbot, app: App,
                                             seeded: dict[str, uuid.UUID]) -> None:
    dialog = app.open(qtbot, seeded["visit"])
    dialog.activateWindow()
    assert QApplication.focusWidget() is dialog.met  # who was met comes first
    seen = []
    for _ in range(8):
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        seen.append(now.objectName())
    assert seen == ["field_met_with", "field_discussed", "field_customer_needs",
                    "field_dislikes", "field_receiving_problems", "field_improvements",
                    "field_next_step", "quotesTable"]
    qtbot.keyClick(dialog.quotes, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is dialog.texts["next_step"]
