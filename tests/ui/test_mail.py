"""Mail through the window, as a user does it: Mail › Mail settings…, Mail › Outbox, its
buttons, and the automatic round, against a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from salesdesk.mail.message import Attachment, OutgoingMail
from salesdesk.mail.sender import password_name
from salesdesk.ui.mail.outbox import OutboxModel, OutboxWindow
from salesdesk.ui.mail.settings import MailSettingsDialog
from salesdesk.ui.main_window import MainWindow
from tests.mailtest.server import SmtpServer, free_port, smtp_server
from tests.memory_keyring import MemoryKeyring


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def _settings_dialog(qtbot, window: MainWindow) -> MailSettingsDialog:
    window.mail.settings_action.trigger()
    dialogs = [d for d in window.findChildren(MailSettingsDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def _configure(qtbot, window: MainWindow, port: int, *, login: str = "",
               password: str = "") -> None:
    dialog = _settings_dialog(qtbot, window)
    dialog.host.setText("127.0.0.1")
    dialog.security.setCurrentIndex(dialog.security.findData("none"))
    dialog.port.setValue(port)
    dialog.sender_edit.setText("张三 <zhang@salesdesk.cn>")
    dialog.login.setText(login)
    dialog.password.setText(password)
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def _queue(window: MainWindow, subject: str, to: str = "wang@qianghuang.cn") -> None:
    window.services.mail.queue(OutgoingMail(
        to=(to,), subject=subject, text="货已发出", html="<p>货已发出</p>",
        attachments=(Attachment("发货通知单.pdf", b"%PDF-1.4 notice"),)))


def _outbox(qtbot, window: MainWindow, rows: int) -> OutboxWindow:
    window.mail.outbox_action.trigger()
    outbox = window.mail.outbox
    assert outbox is not None and outbox.isVisible()
    qtbot.waitUntil(lambda: outbox.model.rowCount() == rows, timeout=10000)
    return outbox


def _states(outbox: OutboxWindow) -> list[str]:
    model = outbox.model
    return [model.index(r, OutboxModel.STATE).data() for r in range(model.rowCount())]


def _select(outbox: OutboxWindow, subject: str) -> None:
    for row, mail in enumerate(outbox.model.rows):
        if mail.subject == subject:
            outbox.table.selectRow(row)
            return
    raise AssertionError(subject)


def test_send_now_sends_the_queued_mail_through_the_real_server(
    qtbot, window: MainWindow, smtp: SmtpServer
) -> None:
    window.mail.sending.timer.stop()  # this test sends by hand
    _configure(qtbot, window, smtp.port)
    assert window.services.settings.smtp_host == "127.0.0.1"
    _queue(window, "发货通知一")
    _queue(window, "发货通知二")
    outbox = _outbox(qtbot, window, 2)
    assert _states(outbox) == ["Queued", "Queued"]
    qtbot.mouseClick(outbox.send_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(s.startswith("Sent ") for s in _states(outbox)), timeout=10000)
    assert smtp.inbox.count == 2
    assert outbox.status.text() == "Sent: 2."
    assert outbox.send_now.isEnabled() and not outbox.progress.isVisible()


def test_outcome_unknown_is_sent_again_only_when_the_user_confirms(
    qtbot, window: MainWindow, smtp: SmtpServer
) -> None:
    window.mail.sending.timer.stop()
    _configure(qtbot, window, smtp.port)
    smtp.inbox.drop_after_data = 1
    _queue(window, "发货通知")
    outbox = _outbox(qtbot, window, 1)
    qtbot.mouseClick(outbox.send_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _states(outbox) == ["Outcome unknown"], timeout=10000)
    assert smtp.inbox.count == 1  # the server had it: the app cannot know
    qtbot.mouseClick(outbox.send_now, Qt.MouseButton.LeftButton)  # never by itself
    qtbot.waitUntil(outbox.send_now.isEnabled, timeout=10000)
    _select(outbox, "发货通知")
    assert outbox.send_again.isEnabled()

    def answer(button: QMessageBox.StandardButton) -> str:
        qtbot.mouseClick(outbox.send_again, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        text = box.text()
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)
        return text

    assert "may already have it" in answer(QMessageBox.StandardButton.No)
    qtbot.wait(200)
    assert _states(outbox) == ["Outcome unknown"] and smtp.inbox.count == 1
    answer(QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: _states(outbox)[0].startswith("Sent "), timeout=10000)
    assert smtp.inbox.count == 2


def test_a_refused_recipient_shows_failed_with_the_servers_reason(
    qtbot, window: MainWindow, smtp: SmtpServer
) -> None:
    window.mail.sending.timer.stop()
    _configure(qtbot, window, smtp.port)
    smtp.inbox.refuse["nobody@qianghuang.cn"] = "550 5.1.1 User unknown"
    _queue(window, "退信", to="nobody@qianghuang.cn")
    _queue(window, "正常")
    outbox = _outbox(qtbot, window, 2)
    qtbot.mouseClick(outbox.send_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Failed" in _states(outbox), timeout=10000)
    qtbot.waitUntil(outbox.send_now.isEnabled, timeout=10000)
    failed = next(r for r, m in enumerate(outbox.model.rows) if m.subject == "退信")
    assert outbox.model.index(failed, OutboxModel.DETAIL).data() == (
        "nobody@qianghuang.cn: 550 5.1.1 User unknown")
    assert outbox.status.text() == "Sent: 1. Failed: 1."
    assert smtp.inbox.count == 1


def test_mail_goes_by_itself_and_waits_with_its_reason_without_a_server(
    qtbot, window: MainWindow
) -> None:
    port = free_port()
    _configure(qtbot, window, port)
    _queue(window, "自动发送")
    sending = window.mail.sending
    sending.timer.setInterval(200)
    outbox = _outbox(qtbot, window, 1)
    qtbot.waitUntil(lambda: "refused" in (outbox.model.rows[0].last_error or "").lower(),
                    timeout=10000)
    assert _states(outbox) == ["Queued"]
    with smtp_server(port=port) as server:
        qtbot.waitUntil(lambda: _states(outbox)[0].startswith("Sent "), timeout=10000)
    assert server.inbox.count == 1


def test_settings_name_each_wrong_field_and_the_password_goes_to_the_keyring(
    qtbot, window: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    dialog = _settings_dialog(qtbot, window)
    dialog.host.setText("")
    dialog.sender_edit.setText("zhang at salesdesk")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "dialogError")
    assert error is not None
    qtbot.waitUntil(error.isVisible, timeout=10000)
    assert error.text() == ("Mail server is required\n"
                            "Your address is not a valid email address")
    assert window.services.settings.smtp_host == ""
    dialog.reject()
    _configure(qtbot, window, 2525, login="zhang@salesdesk.cn", password="口令-s3cret")
    smtp = window.services.mail.smtp
    assert memory_keyring.get_password("SalesDesk", password_name(smtp)) == "口令-s3cret"
    saved = json.loads(window.services.paths.settings.read_text(encoding="utf-8"))
    assert saved["smtp_login"] == "zhang@salesdesk.cn" and saved["smtp_port"] == 2525
    assert "口令-s3cret" not in json.dumps(saved, ensure_ascii=False)
