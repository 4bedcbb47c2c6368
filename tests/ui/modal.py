"""Answers the modal dialogs that an action opens, as a user would: real QFileDialog,
QPrintDialog and QMessageBox instances, found while they run their own event loop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QWidget

Answer = Callable[[QWidget], None]


class ModalAnswers:
    """Queue of expected modal dialogs and how to answer each, in order.

    Used as a context manager around a ``QAction.trigger()``: a timer watches for the active
    modal widget and answers it; leaving the block fails if an expected dialog never came.
    """

    def __init__(self) -> None:
        self._pending: list[tuple[type[QWidget], Answer]] = []
        self.texts: list[str] = []  # what each answered dialog said (message boxes)
        self.unexpected: list[str] = []  # dialogs nobody expected (closed, and a failure)
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._poll)

    def file(self, path: Path | None) -> ModalAnswers:
        """A file dialog: types ``path`` and accepts, or cancels when ``path`` is None."""

        def answer(dialog: QWidget) -> None:
            assert isinstance(dialog, QFileDialog)
            if path is None:
                dialog.reject()
                return
            edit = dialog.findChild(QLineEdit, "fileNameEdit")
            assert edit is not None
            edit.setText(str(path))
            dialog.accept()

        self._pending.append((QFileDialog, answer))
        return self

    def printer(self, path: Path | None) -> ModalAnswers:
        """Qt's print dialog: chooses "Print to File (PDF)" with ``path`` and prints, as a user
        without a printer would; cancels when ``path`` is None."""

        def answer(dialog: QWidget) -> None:
            assert isinstance(dialog, QPrintDialog)
            if path is None:
                dialog.reject()
                return
            edit = dialog.findChild(QLineEdit, "filename")
            assert edit is not None
            edit.setText(str(path))
            dialog.accept()

        self._pending.append((QPrintDialog, answer))
        return self

    def message(self, button: QMessageBox.StandardButton) -> ModalAnswers:
        """A message box: records its text and presses ``button``."""

        def answer(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            self.texts.append(box.text())
            target = box.button(button)
            assert target is not None, f"no {button} on {box.text()!r}"
            target.click()

        self._pending.append((QMessageBox, answer))
        return self

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible():
            return
        if self._pending and isinstance(widget, self._pending[0][0]):
            _, answer = self._pending.pop(0)
            answer(widget)
            return
        # Not what the user expected to see: note it and close it, so the test fails
        # instead of waiting forever in the dialog's own event loop.
        text = widget.text() if isinstance(widget, QMessageBox) else widget.windowTitle()
        self.unexpected.append(f"{type(widget).__name__}: {text}")
        widget.close()

    def __enter__(self) -> ModalAnswers:
        self._timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._timer.stop()
        if kind is None:
            assert not self.unexpected, f"unexpected dialogs: {self.unexpected}"
            assert not self._pending, f"{len(self._pending)} expected dialog(s) never opened"
