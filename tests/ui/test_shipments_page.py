"""The Shipments page through its real buttons and dialogs: compose a notice (the five elements
checked off as they are typed, bad fields refused by name), send it as a text (copied, logged
per recipient, the segment count shown), change its ETA (the update with the apology opens),
confirm its arrival; the Today page lists it while it is on the road."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit
from shiboken6 import isValid

from salesdesk.domain.shipments import Element, ShipmentStatus
from salesdesk.kit.changes import Changes
from salesdesk.services.shipments.records import View
from salesdesk.ui.main_window import MainWindow
from salesdesk.ui.promises.dialogs import FormDialog
from salesdesk.ui.shipments.compose import ComposeDialog
from salesdesk.ui.shipments.dialogs import ArrivalDialog, CustomerDialog, EtaDialog
from salesdesk.ui.shipments.page import ShipmentsPage
from salesdesk.ui.shipments.send import SendDialog
from tests.ui.accounts import SALESPERSON, bind
from tests.ui.conftest import close_window, open_window
from tests.ui.test_customers_page import type_text


@pytest.fixture
def ship_window(qtbot, demo_data_dir: Path) -> Iterator[MainWindow]:
    """The demo's book without shipment notices, logged in as a salesperson."""
    store = demo_data_dir / "salesdesk.sqlite3"
    with sqlite3.connect(store) as conn:
        for table in ("shipment_dispatches", "shipment_lines", "shipment_notices"):
            conn.execute(f"DELETE FROM {table}")  # fixed table names
    bind(store, SALESPERSON[0], "sales")
    win = open_window(qtbot, demo_data_dir)
    yield win
    close_window(win)


def page_of(qtbot, window: MainWindow) -> ShipmentsPage:
    page = window.shipments
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.show_page("shipments")
    return page


def dialog_of(qtbot, page: ShipmentsPage, kind: type[FormDialog]) -> FormDialog:
    qtbot.waitUntil(lambda: isinstance(page.dialog, kind) and isValid(page.dialog)
                    and page.dialog.isVisible(), timeout=10000)
    assert page.dialog is not None
    return page.dialog


def submit(qtbot, page: ShipmentsPage, dialog: FormDialog) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10000):
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible())


def compose(qtbot, page: ShipmentsPage) -> ComposeDialog:
    """New shipment notice… for the first customer that has a contact."""
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    chooser = dialog_of(qtbot, page, CustomerDialog)
    assert isinstance(chooser, CustomerDialog)
    chooser.customer.setCurrentIndex(1)
    QTest.mouseClick(chooser.ok, Qt.MouseButton.LeftButton)
    dialog = dialog_of(qtbot, page, ComposeDialog)
    assert isinstance(dialog, ComposeDialog)
    return dialog


def show(qtbot, page: ShipmentsPage, view: View) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10000):
        if page.current_view() is view:
            page.reload()
        else:
            page.show_view(view)


def checked(dialog: ComposeDialog) -> dict[Element, bool]:
    return {e: bool(label.property("complete")) for e, label in dialog.checks.items()}


def test_compose_send_by_text_and_confirm_arrival(qtbot, ship_window: MainWindow) -> None:
    page = page_of(qtbot, ship_window)
    dialog = compose(qtbot, page)
    assert not any(checked(dialog).values())  # nothing of the five yet
    # Keyboard first: the lines table has the focus; type a spec, Tab, a quantity.
    assert dialog.lines.hasFocus() or dialog.lines.currentRow() == 0
    dialog.set_line(0, "镀锌卷 DX51D 1.0×1250", "25.5", "t", "B2612")
    assert dialog.lines.rowCount() == 2  # a new empty row to type the next line
    type_text(qtbot, dialog.truck_plate, "yueB")  # a plate typed badly: refused by name
    dialog.truck_plate.setText("粤b·1234")
    dialog.driver_phone.setText("+86 139 0000 1111")
    now = datetime.now().astimezone()
    dialog.ship_time.set_value(now)
    dialog.eta.set_value(now + timedelta(hours=30))
    assert checked(dialog) == dict.fromkeys(Element, True)
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert "Truck plate is not a Chinese plate" in dialog.error.text()
    dialog.truck_plate.setText("粤b·12345")
    submit(qtbot, page, dialog)

    show(qtbot, page, View.DRAFTS)
    assert page.model.rowCount() == 1
    row = page.model.row_at(0)
    assert row is not None and row.truck_plate == "粤B12345" and row.goods.startswith("镀锌卷")
    page.table.selectRow(0)

    QTest.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.sending.dialog is not None and page.sending.dialog.isVisible(),
                    timeout=10000)
    send = page.sending.dialog
    assert isinstance(send, SendDialog)
    assert not send.problems.isVisible()
    assert "车号：粤B12345" in send.text.toPlainText()
    assert send.segments.text().endswith("2 SMS") or send.segments.text().endswith("1 SMS")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        QTest.mouseClick(send.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == send.text.toPlainText()
    assert "Copied" in send.status.text()
    QTest.mouseClick(send.close_button, Qt.MouseButton.LeftButton)

    show(qtbot, page, View.ON_ROAD)
    assert page.model.rowCount() == 1
    row = page.model.row_at(0)
    assert row is not None and row.status is ShipmentStatus.SENT
    assert page.model.data(page.model.index(0, 6)).startswith("in ")  # the countdown
    detail = ship_window.services.shipments.detail(row.id)
    assert detail.first_eta is not None and len(detail.dispatches) >= 1

    # The ETA slips: the update with its apology opens, ready to send.
    page.table.selectRow(0)
    QTest.mouseClick(page.eta_button, Qt.MouseButton.LeftButton)
    eta = dialog_of(qtbot, page, EtaDialog)
    assert isinstance(eta, EtaDialog)
    eta.eta.set_value(now + timedelta(hours=54))
    page.sending.dialog = None
    submit(qtbot, page, eta)
    qtbot.waitUntil(lambda: page.sending.dialog is not None and page.sending.dialog.isVisible(),
                    timeout=10000)
    update = page.sending.dialog
    assert isinstance(update, SendDialog) and update.plan.is_update
    assert "抱歉延误" in update.text.toPlainText()
    QTest.mouseClick(update.close_button, Qt.MouseButton.LeftButton)

    page.table.selectRow(0)
    QTest.mouseClick(page.arrived_button, Qt.MouseButton.LeftButton)
    arrival = dialog_of(qtbot, page, ArrivalDialog)
    assert isinstance(arrival, ArrivalDialog)
    type_text(qtbot, arrival.received_by, "仓库老李")
    submit(qtbot, page, arrival)
    show(qtbot, page, View.DELIVERED)
    assert page.model.rowCount() == 1
    assert "On time 100% against the first ETA" in page.rate.text()


def test_the_send_dialog_names_what_is_missing(qtbot, ship_window: MainWindow) -> None:
    page = page_of(qtbot, ship_window)
    dialog = compose(qtbot, page)
    dialog.set_line(0, "冷轧板 SPCC", "12")
    assert checked(dialog)[Element.SPEC_QUANTITY] and not checked(dialog)[Element.TRUCK_PLATE]
    submit(qtbot, page, dialog)
    show(qtbot, page, View.DRAFTS)
    page.table.selectRow(0)
    QTest.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.sending.dialog is not None and page.sending.dialog.isVisible(),
                    timeout=10000)
    send = page.sending.dialog
    assert isinstance(send, SendDialog)
    assert send.problems.isVisible()
    for words in ("Ship time is required", "Truck plate is required",
                  "Driver's phone is required", "Estimated arrival is required"):
        assert words in send.problems.text()
    assert not send.copy_button.isEnabled() and not send.email_button.isEnabled()
    QTest.mouseClick(send.close_button, Qt.MouseButton.LeftButton)


def test_today_lists_a_late_shipment_one_click_from_arrival(qtbot, ship_window: MainWindow
                                                            ) -> None:
    services = ship_window.services
    from salesdesk.domain.clock import utcnow
    from salesdesk.domain.shipments import Channel
    from salesdesk.services.shipments.records import LineDraft, NoticeDraft

    service = services.shipments
    customer, _ = service.customers()[0]
    now = utcnow()
    saved = service.save(NoticeDraft(customer, (LineDraft("铝单板", "3", "t"),), (),
                                     ship_time=now - timedelta(days=1), truck_plate="粤B12345",
                                     driver_phone="13800138000", eta=now - timedelta(hours=2)))
    service.log_send(saved.id, Channel.COPY)
    today = ship_window.today
    ship_window.show_page("today")
    ship_window.runner.changes.announce(Changes(shipments=True))  # as the service's job would
    def listed() -> bool:
        view = today.shown()
        return view is not None and bool(view.late_shipments)

    qtbot.waitUntil(listed, timeout=10000)
    view = today.shown()
    assert view is not None
    assert [r.id for r in view.late_shipments] == [saved.id]
    section = today.shipments_section
    assert section.list.topLevelItemCount() == 1
    item = section.list.topLevelItem(0)
    assert item is not None and item.text(1) == service.detail(saved.id).customer_name
    QTest.mouseClick(section.buttons[0], Qt.MouseButton.LeftButton)
    page = ship_window.shipments
    arrival = dialog_of(qtbot, page, ArrivalDialog)
    with qtbot.waitSignal(today.loaded, timeout=10000):
        QTest.mouseClick(arrival.ok, Qt.MouseButton.LeftButton)
    assert service.detail(saved.id).status is ShipmentStatus.ARRIVED



def test_the_customer_view_composes_a_notice_for_the_customer_shown(
        qtbot, ship_window: MainWindow) -> None:
    from tests.ui.accounts import open_customer_of

    badge = ship_window.customers.shipment_badge
    with qtbot.waitSignal(badge.loaded, timeout=10000,
                          check_params_cb=lambda summary: summary is not None):
        customer = open_customer_of(qtbot, ship_window, SALESPERSON[1])
    assert "Shipments: 0 on the road" in badge.text.text()
    name = dict(ship_window.services.shipments.customers())[customer]
    QTest.mouseClick(badge.new_button, Qt.MouseButton.LeftButton)
    page = ship_window.shipments
    dialog = dialog_of(qtbot, page, ComposeDialog)
    label = dialog.findChild(QLabel, "noticeCustomer")
    assert label is not None and label.text() == name
    assert ship_window.stack.currentWidget() is page
    dialog.reject()


def test_compose_and_send_by_email_through_the_dialogs(qtbot, ship_window: MainWindow,
                                                      tmp_path: Path) -> None:
    """The email path against a real SMTP server on loopback: the notice arrives with its
    subject, both bodies and the PDF whose text holds the five elements in Chinese."""
    import email
    import email.policy
    import re
    import subprocess

    from tests.mailtest.server import smtp_server

    with smtp_server() as smtp:
        settings = ship_window.services.settings
        settings.smtp_host, settings.smtp_port = "127.0.0.1", smtp.port
        settings.smtp_security, settings.smtp_sender = "none", "张伟 <zhang@salesdesk.cn>"
        page = page_of(qtbot, ship_window)
        dialog = compose(qtbot, page)
        contacts = [dialog.recipients.item(i) for i in range(dialog.recipients.count())]
        assert contacts, "the demo customer has contacts"
        for item in contacts:
            item.setCheckState(Qt.CheckState.Checked)
        dialog.set_line(0, "PVDF氟碳彩涂铝卷 0.8×1250", "3.125", "coil", "B2612")
        dialog.truck_plate.setText("沪AD12345")
        dialog.driver_name.setText("王师傅")
        dialog.driver_phone.setText("021-6123 4567转8")
        now = datetime.now().astimezone()
        dialog.ship_time.set_value(now)
        dialog.eta.set_value(now + timedelta(hours=20))
        submit(qtbot, page, dialog)
        show(qtbot, page, View.DRAFTS)
        page.table.selectRow(0)
        QTest.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.sending.dialog is not None
                        and page.sending.dialog.isVisible(), timeout=10000)
        send = page.sending.dialog
        assert isinstance(send, SendDialog)
        reach = [r for r in send.plan.recipients if r not in send.plan.without_email]
        assert reach, "a demo contact has an email address"
        assert send.email_button.isEnabled()
        QTest.mouseClick(send.email_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(smtp.inbox.deliveries) == 1, timeout=20000)
        assert "outbox" in send.status.text()
        QTest.mouseClick(send.close_button, Qt.MouseButton.LeftButton)

    mail = email.message_from_bytes(smtp.inbox.deliveries[0].content,
                                    policy=email.policy.default)
    assert mail["Subject"] == send.plan.subject
    assert sorted(a.strip() for a in mail["To"].split(",")) == sorted(r.email for r in reach)
    plain = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    for body in (plain, html):
        for part in ("PVDF氟碳彩涂铝卷 0.8×1250", "沪AD12345", "021-61234567-8", "王师傅"):
            assert part in body, part
    [attachment] = list(mail.iter_attachments())
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(attachment.get_content())
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                              capture_output=True, text=True).stdout)
    for part in ("产品规格和数量", "PVDF氟碳彩涂铝卷0.8×1250", "3.125", "卷", "发货时间", "车号",
                 "沪AD12345", "司机联系电话", "021-61234567-8", "预计到达时间"):
        assert part in text, part
    detail = ship_window.services.shipments.detail(send.plan.notice_id)
    qtbot.waitUntil(lambda: all(
        d.result.value == "sent"
        for d in ship_window.services.shipments.detail(send.plan.notice_id).dispatches),
        timeout=10000)
    assert detail.status is ShipmentStatus.SENT


def test_new_from_previous_and_save_pdf(qtbot, ship_window: MainWindow, tmp_path: Path
                                        ) -> None:
    from salesdesk.domain.clock import utcnow
    from salesdesk.services.shipments.records import LineDraft, NoticeDraft

    service = ship_window.services.shipments
    customer, _ = service.customers()[0]
    now = utcnow()
    first = service.save(NoticeDraft(
        customer, (LineDraft("镀锌卷 DX51D", "25.5", "t", "B1"), LineDraft("冷轧板", "3", "t")),
        ship_time=now, truck_plate="粤B12345", driver_phone="13800138000",
        eta=now + timedelta(days=1)))
    page = page_of(qtbot, ship_window)
    show(qtbot, page, View.DRAFTS)
    assert page.select(first.id)
    QTest.mouseClick(page.again_button, Qt.MouseButton.LeftButton)
    again = dialog_of(qtbot, page, ComposeDialog)
    assert isinstance(again, ComposeDialog)
    assert [x.spec for x in again.line_values()] == ["镀锌卷 DX51D", "冷轧板"]
    assert (again.truck_plate.text(), again.driver_phone.text()) == ("", "")
    assert again.ship_time.value() is None and again.eta.value() is None
    assert not checked(again)[Element.TRUCK_PLATE] and checked(again)[Element.SPEC_QUANTITY]
    submit(qtbot, page, again)
    show(qtbot, page, View.DRAFTS)
    assert page.model.rowCount() == 2

    assert page.select(first.id)
    QTest.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.sending.dialog is not None and page.sending.dialog.isVisible(),
                    timeout=10000)
    send = page.sending.dialog
    assert isinstance(send, SendDialog)
    target = tmp_path / "notice.pdf"
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.sending.save_pdf_to(target)
    assert target.read_bytes().startswith(b"%PDF") and "Saved to" in send.status.text()
    QTest.mouseClick(send.close_button, Qt.MouseButton.LeftButton)
    [logged] = service.detail(first.id).dispatches
    assert logged.channel.value == "pdf" and logged.result.value == "sent"


def test_a_line_from_the_catalogue_keeps_its_product(qtbot, ship_window: MainWindow) -> None:
    page = page_of(qtbot, ship_window)
    dialog = compose(qtbot, page)
    products = ship_window.services.shipments.products()
    assert products, "the demo has a catalogue"
    product_id, code, spec, _unit = products[0]
    dialog.lines.setCurrentCell(0, 0)
    cell = dialog.lines.item(0, 0)
    assert cell is not None
    dialog.lines.editItem(cell)
    editor = dialog.lines.findChild(QLineEdit, "lineSpecEditor")
    assert editor is not None and editor.completer() is not None
    editor.setText(f"{code} {spec}")  # as the completer fills it in
    QTest.keyClick(editor, Qt.Key.Key_Tab)  # on to the quantity: the cell is committed
    [line] = dialog.line_values()
    assert (line.spec, line.product_id) == (spec, product_id)
    assert dialog.lines.rowCount() == 2  # room for the next line
    dialog.reject()


def test_cancel_a_notice_after_asking(qtbot, ship_window: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    from salesdesk.services.shipments.records import LineDraft, NoticeDraft
    from tests.ui.modal import ModalAnswers

    service = ship_window.services.shipments
    customer, _ = service.customers()[0]
    saved = service.save(NoticeDraft(customer, (LineDraft("镀锌卷", "3", "t"),),
                                     truck_plate="粤B12345"))
    page = page_of(qtbot, ship_window)
    show(qtbot, page, View.DRAFTS)
    assert page.select(saved.id)
    with ModalAnswers().message(QMessageBox.StandardButton.No):
        QTest.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert service.detail(saved.id).status is ShipmentStatus.DRAFT  # No keeps it
    with qtbot.waitSignal(page.loaded, timeout=10000), \
            ModalAnswers().message(QMessageBox.StandardButton.Yes) as answers:
        QTest.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert "粤B12345" in answers.texts[0]
    assert service.detail(saved.id).status is ShipmentStatus.CANCELLED
    assert page.model.rowCount() == 0  # gone from the drafts


def test_print_the_notice_on_the_printer_chosen(qtbot, ship_window: MainWindow,
                                                tmp_path: Path) -> None:
    from salesdesk.domain.clock import utcnow
    from salesdesk.services.shipments.records import LineDraft, NoticeDraft
    from tests.ui.modal import ModalAnswers

    service = ship_window.services.shipments
    customer, _ = service.customers()[0]
    now = utcnow()
    saved = service.save(NoticeDraft(customer, (LineDraft("镀锌卷", "3", "t"),),
                                     ship_time=now, truck_plate="粤B12345",
                                     driver_phone="13800138000", eta=now + timedelta(days=1)))
    page = page_of(qtbot, ship_window)
    show(qtbot, page, View.DRAFTS)
    assert page.select(saved.id)
    QTest.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.sending.dialog is not None and page.sending.dialog.isVisible(),
                    timeout=10000)
    send = page.sending.dialog
    assert isinstance(send, SendDialog)
    printed = tmp_path / "printed.pdf"
    with ModalAnswers().printer(printed):
        QTest.mouseClick(send.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: send.status.text() == "Printed.", timeout=30000)
    assert printed.read_bytes().startswith(b"%PDF")
    [logged] = service.detail(saved.id).dispatches
    assert logged.channel.value == "pdf"
    QTest.mouseClick(send.close_button, Qt.MouseButton.LeftButton)
