"""Guards against Qt binding defects that would take the whole app down."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_void_calls_do_not_leak_references_to_none(qapp: QApplication) -> None:
    # PySide6 6.12.0 on Python 3.11 dropped one reference to None per void call; None's count
    # reaches zero within minutes of normal use and the interpreter aborts.
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        QApplication.processEvents()
    assert sys.getrefcount(None) - before > -100
