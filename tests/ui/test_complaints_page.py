"""The Complaints page through its real buttons and dialogs: record a complaint while the
script fills in (the committed time follows the severity), get the receipt, pause it and
resume it (the deadline moves by the working time paused, on the page), a refused step shown
as a sentence, and File > New complaint…. The service's clock is set by the test (the shipped
China calendar, Asia/Shanghai)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from shiboken6 import isValid

from salesdesk.domain.complaints import EventKind
from salesdesk.ui.complaints.page import ComplaintsPage
from salesdesk.ui.complaints.record import ReceiptDialog, RecordComplaintDialog
from salesdesk.ui.complaints.steps import StepDialog
from salesdesk.ui.main_window import MainWindow
from tests.ui.accounts import SALESPERSON, bind
from tests.ui.conftest import clear_complaints, close_window, open_window
from tests.ui.test_customers_page import type_text

SH = ZoneInfo("Asia/Shanghai")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH).astimezone(UTC)  # type: ignore[arg-type, misc]  # y, m, d, ...


@pytest.fixture
def clock() -> Clock:
    return Clock(sh(2026, 12, 3, 10, 0))  # Thursday 10:00 in Shanghai


@pytest.fixture
def win(qtbot, demo_data_dir: Path, clock: Clock) -> Iterator[MainWindow]:
    clear_complaints(demo_data_dir / "salesdesk.sqlite3")  # it counts what it records
    bind(demo_data_dir / "salesdesk.sqlite3", SALESPERSON[0], "sales")
    window = open_window(qtbot, demo_data_dir, page=None)
    window.services.complaints.clock = clock
    yield window
    close_window(window)


def complaints_page(qtbot, window: MainWindow) -> ComplaintsPage:
    page = window.complaints
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.show_page("complaints")
    return page


def wait_dialog(qtbot, page: ComplaintsPage, kind: type) -> object:
    qtbot.waitUntil(lambda: isinstance(page.dialog, kind)
                    and page.dialog.isVisible(), timeout=10000)  # type: ignore[union-attr]  # a dialog
    return page.dialog


def submit(qtbot, page: ComplaintsPage, dialog) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10000):
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible())


def step(qtbot, page: ComplaintsPage, kind: EventKind, reason: str = "") -> None:
    QTest.mouseClick(page.step_buttons[kind], Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, page, StepDialog)
    assert isinstance(dialog, StepDialog) and dialog.kind is kind
    if reason:
        type_text(qtbot, dialog.reason, reason)
    submit(qtbot, page, dialog)


def refresh(qtbot, page: ComplaintsPage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.reload()


def time_left(page: ComplaintsPage) -> str:
    return page.model.data(page.model.index(0, 0))


def test_record_pause_and_resume_a_complaint(qtbot, win: MainWindow, clock: Clock) -> None:
    page = complaints_page(qtbot, win)
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, page, RecordComplaintDialog)
    assert isinstance(dialog, RecordComplaintDialog)
    dialog.customer.setCurrentIndex(1)
    customer = dialog.customer.currentText()
    type_text(qtbot, dialog.contact_name, "王经理")
    type_text(qtbot, dialog.description, "铝单板表面色差")
    script = dialog.script.text()
    assert "Hello, 王经理." in script
    assert "Let me read it back to you: 铝单板表面色差. Is that right?" in script
    assert dialog.reference in script
    # Normal: 24 working hours from Thursday 10:00: Thu 6.5 + Fri 7.5 + Mon 7.5 + Tue 2.5.
    assert "6. We will contact you by Tuesday 8 December, 11:30 am" in script
    dialog.severity.setCurrentIndex(dialog.severity.findData("critical"))
    # Critical: 4 working hours → today 15:30; the script follows the severity at once.
    assert "We will contact you by 3:30 pm today to agree on a solution" in dialog.script.text()
    reference = dialog.reference
    submit(qtbot, page, dialog)
    receipt = getattr(dialog, "receipt", None)
    assert isinstance(receipt, ReceiptDialog)
    assert reference in receipt.summary.text()
    assert reference in receipt.text.toPlainText() and "3:30 pm today" in receipt.text.toPlainText()
    receipt.close()

    assert page.model.rowCount() == 1
    row = page.model.row_at(0)
    assert row is not None and (row.reference, row.customer_name) == (reference, customer)
    assert time_left(page) == "4 h left"  # working time: 10:00-12:00 and 13:30-15:30
    page.table.selectRow(0)

    clock.now = sh(2026, 12, 3, 15, 0)  # half an hour left: amber
    refresh(qtbot, page)
    assert time_left(page) == "30 min left"
    assert page.model.row_at(0).near  # type: ignore[union-attr]  # a row
    page.table.selectRow(0)
    step(qtbot, page, EventKind.PAUSED, "等客户寄样品照片")
    assert time_left(page) == "paused · 30 min left"
    clock.now = sh(2026, 12, 4, 11, 0)  # the next morning: a paused clock does not tick
    refresh(qtbot, page)
    assert time_left(page) == "paused · 30 min left"
    page.table.selectRow(0)
    step(qtbot, page, EventKind.RESUMED)
    assert time_left(page) == "30 min left"
    # Paused Thu 15:00-18:00 and Fri 09:00-11:00: 5 working hours; due Friday 11:30 now.
    moved = page.model.row_at(0)
    assert moved is not None and moved.due == sh(2026, 12, 4, 11, 30)
    assert not moved.paused


def test_a_refused_step_is_a_sentence_in_the_dialog(qtbot, win: MainWindow) -> None:
    page = complaints_page(qtbot, win)
    service = win.services.complaints
    from salesdesk.services.complaints.records import ComplaintDraft

    customer = win.services.promises.customers()[0][0]
    service.record(ComplaintDraft(customer, "发票抬头错误", category="billing"))
    refresh(qtbot, page)
    page.table.selectRow(0)
    QTest.mouseClick(page.step_buttons[EventKind.CLOSED], Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, page, StepDialog)
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]  # a StepDialog
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)  # type: ignore[attr-defined]
    assert dialog.error.text() == "The complaint is not resolved yet: resolve it first."  # type: ignore[attr-defined]
    dialog.reject()  # type: ignore[attr-defined]


def test_near_breach_on_today_opens_it_on_the_complaints_page(
        qtbot, win: MainWindow, clock: Clock) -> None:
    from salesdesk.services.complaints.records import ComplaintDraft

    service = win.services.complaints
    customer = win.services.promises.customers()[0][0]
    urgent = service.record(ComplaintDraft(customer, "整批货物受潮", severity="critical")).id
    service.record(ComplaintDraft(customer, "发票晚到", severity="low"))
    clock.now = sh(2026, 12, 3, 15, 0)  # the critical one has 30 working minutes left
    today = win.today
    today.reload()  # (after the read under way when the window opened, if any)
    qtbot.waitUntil(lambda: bool(getattr(today.shown(), "complaints", ())), timeout=10000)
    assert [c.id for c in today.shown().complaints] == [urgent]  # type: ignore[union-attr]
    assert today.complaints.title.text() == "Complaints near breach (1)"
    page = win.complaints
    with qtbot.waitSignal(page.detail_loaded, timeout=10000):
        QTest.mouseClick(today.complaints.buttons[0], Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is page
    selected = page.selected()
    assert selected is not None and selected.id == urgent
    assert "整批货物受潮" in page.facts.text()
    assert [page.history.item(i).text().split(" · ")[1].split("\n")[0]
            for i in range(page.history.count())] == ["Received"]


def test_new_complaint_from_the_customer_view_and_its_timeline_entry(
        qtbot, win: MainWindow) -> None:
    from salesdesk.ui.complaints.record import NewComplaintButton
    from tests.ui.accounts import open_customer_of

    win.show_page("customers")
    customer_id = open_customer_of(qtbot, win, SALESPERSON[1])
    [button] = win.customers.findChildren(NewComplaintButton)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: button.dialog is not None and button.dialog.isVisible(),
                    timeout=10000)
    dialog = button.dialog
    assert dialog is not None and dialog.customer.currentData() == customer_id
    type_text(qtbot, dialog.description, "送货司机态度差")
    timeline = win.customers.timeline
    with qtbot.waitSignal(timeline.loaded, timeout=10000):
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    [entry] = [e for e in timeline.entries() if type(e).__name__ == "ComplaintEntry"]
    assert entry.description == "送货司机态度差"  # type: ignore[union-attr]  # a ComplaintEntry
    receipt = getattr(dialog, "receipt", None)
    if receipt is not None:
        receipt.close()


def test_the_receipt_and_the_resolution_letter_as_pdf(
        qtbot, win: MainWindow, tmp_path: Path) -> None:
    from salesdesk.services.complaints.records import ComplaintDraft, StepDraft
    from tests.unit.documents.test_visit_summary import squeezed, text_of

    service = win.services.complaints
    customer = win.services.promises.customers()[0][0]
    cid = service.record(ComplaintDraft(customer, "铝单板表面色差", severity="critical")).id
    page = complaints_page(qtbot, win)
    page.table.selectRow(0)
    assert page.receipt_button.isEnabled() and not page.letter_button.isEnabled()
    with qtbot.waitSignal(page.document_saved, timeout=20000):
        page.save_document("receipt", tmp_path / "receipt.pdf")
    text = squeezed(text_of(tmp_path / "receipt.pdf"))
    reference = service.detail(cid).reference
    assert "ComplaintAcknowledgement" in text and reference in text
    assert "We will contact you by 3:30 pm today" in text_of(tmp_path / "receipt.pdf")
    for kind, words in ((EventKind.CONTACTED, ""), (EventKind.SOLUTION_PROPOSED, "免费更换20张"),
                        (EventKind.RESOLVED, "已送到")):
        service.take_step(cid, StepDraft(kind, text=words))
    refresh(qtbot, page)
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    page.table.selectRow(0)
    assert page.letter_button.isEnabled()
    with qtbot.waitSignal(page.document_saved, timeout=20000):
        page.save_document("letter", tmp_path / "letter.pdf")
    letter = squeezed(text_of(tmp_path / "letter.pdf"))
    assert "ComplaintResolution" in letter and "免费更换20张" in letter and "已送到" in letter


def test_print_the_receipt_and_the_letter_on_the_printer_chosen(
        qtbot, win: MainWindow, tmp_path: Path) -> None:
    """Receipt ▸ Print… and Resolution letter ▸ Print…: Qt's print dialog, then the pages
    rasterised off the GUI thread onto the printer (a PDF file here), like the saved PDF;
    Save as PDF… from the same menu."""
    from salesdesk.services.complaints.records import ComplaintDraft, StepDraft
    from salesdesk.ui.visits.printing import SentToPrinter
    from tests.ui.modal import ModalAnswers
    from tests.ui.test_visit_printing import assert_printed_like, choice
    from tests.unit.documents.test_visit_summary import page_count, text_of

    service = win.services.complaints
    customer = win.services.promises.customers()[0][0]
    cid = service.record(ComplaintDraft(customer, "铝单板表面色差", severity="critical")).id
    page = complaints_page(qtbot, win)
    page.table.selectRow(0)
    printed, saved = tmp_path / "printed.pdf", tmp_path / "saved.pdf"
    with qtbot.waitSignal(page.document_saved, timeout=30000) as done, \
            ModalAnswers().printer(printed):
        choice(page.receipt_button, "printToPrinter").trigger()
    assert isinstance(done.args[0], SentToPrinter) and done.args[0].pages == 1
    with qtbot.waitSignal(page.document_saved, timeout=20000), ModalAnswers().file(saved):
        choice(page.receipt_button, "printToPdf").trigger()
    assert "ComplaintAcknowledgement" in text_of(saved).replace(" ", "")
    assert page_count(printed) == page_count(saved) == 1
    assert_printed_like(printed, saved, tmp_path)
    for kind, words in ((EventKind.CONTACTED, ""), (EventKind.SOLUTION_PROPOSED, "免费更换20张"),
                        (EventKind.RESOLVED, "已送到")):
        service.take_step(cid, StepDraft(kind, text=words))
    refresh(qtbot, page)
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    page.table.selectRow(0)
    letter = tmp_path / "letter.pdf"
    with qtbot.waitSignal(page.document_saved, timeout=30000), ModalAnswers().printer(letter):
        choice(page.letter_button, "printToPrinter").trigger()
    assert page_count(letter) >= 1
    assert "Printed" in win.statusBar().currentMessage()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the combo's popup, offscreen
def test_filters_narrow_the_board_without_reading_again(qtbot, win: MainWindow) -> None:
    from salesdesk.services.complaints.records import ComplaintDraft

    service = win.services.complaints
    [(first, first_name), (second, _)] = win.services.promises.customers()[:2]
    service.record(ComplaintDraft(first, "色差", category="quality"))
    service.record(ComplaintDraft(second, "发票", category="billing", severity="low"))
    page = complaints_page(qtbot, win)
    assert page.model.rowCount() == 2
    page.category_filter.setCurrentIndex(page.category_filter.findData("billing"))
    assert [page.model.row_at(i).category for i in range(page.model.rowCount())] == [  # type: ignore[union-attr]
        "billing"]
    page.category_filter.setCurrentIndex(0)
    assert page.customer_filter.count() == 1  # filled when opened
    page.customer_filter.showPopup()
    page.customer_filter.hidePopup()
    assert page.customer_filter.count() == 3
    page.customer_filter.setCurrentIndex(page.customer_filter.findText(first_name))
    assert [page.model.row_at(0).customer_id] == [first]  # type: ignore[union-attr]
    assert page.model.rowCount() == 1
    assert "1 open" in page.counts.text()


def test_editing_the_committed_times_and_importing_holidays_times_open_complaints_again(
        qtbot, win: MainWindow, tmp_path: Path) -> None:
    from salesdesk.services.complaints.records import ComplaintDraft
    from salesdesk.ui.complaints.clock_settings import ClockSettingsDialog
    from tests.unit.services.test_complaints import ICS

    service = win.services.complaints
    customer = win.services.promises.customers()[0][0]
    service.record(ComplaintDraft(customer, "铝单板表面色差", severity="high"))
    page = complaints_page(qtbot, win)
    assert page.model.row_at(0).due == sh(2026, 12, 4, 16, 0)  # type: ignore[union-attr]
    QTest.mouseClick(page.clock_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, page, ClockSettingsDialog)
    assert isinstance(dialog, ClockSettingsDialog)
    assert dialog.first[next(iter(dialog.first))].value() == 4.0  # critical: 4 working hours
    ics = tmp_path / "holidays.ics"
    ics.write_text(ICS, encoding="utf-8")
    with qtbot.waitSignal(page.loaded, timeout=10000):  # the import times them again
        dialog.import_from(ics)
    assert "Imported 1 holidays and 1 make-up working days" in dialog.error.text()
    assert page.model.row_at(0).due == sh(2026, 12, 5, 16, 0)  # type: ignore[union-attr]
    high = next(s for s in dialog.first if s.value == "high")
    dialog.first[high].setValue(2.0)  # high: first contact within 2 working hours
    submit(qtbot, page, dialog)
    assert page.model.row_at(0).due == sh(2026, 12, 3, 12, 0)  # type: ignore[union-attr]  # 10-12
    assert service.rules.policy.for_severity(high).first_contact_minutes == 120


def test_friday_hours_edited_in_the_dialog_move_an_open_complaints_deadline(
        qtbot, win: MainWindow) -> None:
    """The working week in "Committed times and calendar…": bad hours are refused naming the
    weekday and the period (nothing saved); Friday ending at 15:00 moves a complaint due Friday
    16:00 to Monday, on the page; the holidays and make-up days are listed by year, and one
    removed and one added are saved with the week."""
    from datetime import date

    from PySide6.QtCore import QDate, QTime

    from salesdesk.services.complaints.records import ComplaintDraft
    from salesdesk.ui.complaints.clock_settings import ClockSettingsDialog

    service = win.services.complaints
    customer = win.services.promises.customers()[0][0]
    service.record(ComplaintDraft(customer, "铝单板表面色差", severity="high"))
    page = complaints_page(qtbot, win)
    assert page.model.row_at(0).due == sh(2026, 12, 4, 16, 0)  # type: ignore[union-attr]
    QTest.mouseClick(page.clock_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, page, ClockSettingsDialog)
    assert isinstance(dialog, ClockSettingsDialog)
    friday = dialog.week[4]
    assert friday.worked.isChecked() and not dialog.week[5].worked.isChecked()
    assert friday.afternoon_to.time() == QTime(18, 0)
    # The year's holidays and make-up days, as the .ics import or the shipped calendar left them.
    dialog.year.setCurrentIndex(dialog.year.findData(2026))
    listed = [dialog.days.item(i).text() for i in range(dialog.days.count())]
    assert any(t.startswith("2026-10-01") and "public holiday" in t for t in listed), listed
    assert any("make-up working day" in t for t in listed), listed
    dialog.days.setCurrentRow(next(i for i, t in enumerate(listed) if t.startswith("2026-10-01")))
    QTest.mouseClick(dialog.remove_day, Qt.MouseButton.LeftButton)
    dialog.day.setDate(QDate(2026, 12, 26))  # a Saturday worked
    dialog.day_kind.setCurrentIndex(dialog.day_kind.findData("workday"))
    QTest.mouseClick(dialog.add_day, Qt.MouseButton.LeftButton)
    assert any(dialog.days.item(i).text().startswith("2026-12-26")
               for i in range(dialog.days.count()))

    friday.afternoon_from.setTime(QTime(11, 0))  # before the morning ends
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert dialog.error.text() == ("Friday afternoon must start after the morning ends "
                                   "(the lunch break cannot be negative)")
    for row in dialog.week.values():
        row.worked.setChecked(False)
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "weekday" in dialog.error.text(), timeout=10000)
    assert dialog.error.text() == "Working week needs at least one weekday worked"
    assert not win.services.paths.complaint_calendar.exists()  # nothing saved
    assert service.rules.calendar.hours_on(date(2026, 12, 4)).minutes == 450

    for day in range(5):
        dialog.week[day].worked.setChecked(True)
    friday.afternoon_from.setTime(QTime(13, 30))
    friday.afternoon_to.setTime(QTime(15, 0))
    submit(qtbot, page, dialog)
    # Friday: 3 h + 1.5 h; 12 working hours from Thursday 10:00 end on Monday 10:00.
    assert page.model.row_at(0).due == sh(2026, 12, 7, 10, 0)  # type: ignore[union-attr]
    calendar = service.rules.calendar
    assert calendar.hours_on(date(2026, 12, 4)).minutes == 270
    assert date(2026, 10, 1) not in calendar.holidays
    assert date(2026, 12, 26) in calendar.workdays
    assert win.services.paths.complaint_calendar.exists()


def test_attach_a_photo_and_a_file_over_the_limit_is_refused_naming_it(
        qtbot, win: MainWindow, tmp_path: Path) -> None:
    from salesdesk.services.complaints.records import ComplaintDraft

    service = win.services.complaints
    customer = win.services.promises.customers()[0][0]
    cid = service.record(ComplaintDraft(customer, "包装破损")).id
    page = complaints_page(qtbot, win)
    with qtbot.waitSignal(page.detail_loaded, timeout=10000):
        page.table.selectRow(0)
    photo = tmp_path / "破损照片.jpg"
    photo.write_bytes(b"\xff\xd8photo")
    with qtbot.waitSignal(page.detail_loaded, timeout=10000):  # the page reads it again
        page.attach([photo])
    [stored] = service.detail(cid).attachments
    assert stored.path is not None and stored.path.read_bytes() == b"\xff\xd8photo"
    assert "破损照片.jpg</a>" in page.facts.text()
    service.files.limit = 3
    shown: list[str] = []
    win.errors.shown.connect(shown.append)
    page.attach([photo])
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "破损照片.jpg" in shown[0] and "at most 0.0 MB" in shown[0]
    assert len(service.detail(cid).attachments) == 1  # nothing added
