"""Failures reach the user in two ways (after qutebrowser's KnownError / BugError).

* Failures of the environment — disk full, file unreadable, store locked, HQ unreachable — get a
  polite, specific message and a way forward.
* Bugs get a crash dialog that says the data is safe and offers to save a report. Neither ever
  shows a traceback.
"""

from __future__ import annotations

import sqlite3
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from salesdesk import __version__
from salesdesk.domain.validation import ValidationFailed
from salesdesk.kit.errors import KnownError
from salesdesk.ui import messages


def environment_message(exc: BaseException) -> str | None:
    """The user-facing sentence for a known environmental failure, or None for a bug."""
    if isinstance(exc, ValidationFailed):
        return "\n".join(messages.describe(e) for e in exc.errors)
    if isinstance(exc, KnownError):
        return messages.known_text(exc)  # None (a bug) for a code without words
    if isinstance(exc, PermissionError):
        return QCoreApplication.translate(
            "Errors",
            "SalesDesk may not write to %1. Choose another place or check "
            "the folder's permissions.",
        ).replace("%1", str(exc.filename or ""))
    if isinstance(exc, OSError) and exc.errno == 28:
        return QCoreApplication.translate(
            "Errors", "The disk is full. Free some space and try again; nothing was lost."
        )
    if isinstance(exc, FileNotFoundError):
        return QCoreApplication.translate("Errors", "The file %1 does not exist.").replace(
            "%1", str(exc.filename or "")
        )
    if isinstance(exc, OSError):
        return QCoreApplication.translate("Errors", "The file system refused: %1").replace(
            "%1", exc.strerror or str(exc)
        )
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return QCoreApplication.translate(
            "Errors",
            "The customer store is busy (another SalesDesk may be open). Try again in a moment.",
        )
    return None


def refuse_inline(label: QLabel, exc: BaseException, errors: ErrorReporter) -> None:
    """A form's failed save: what the rules refused, field by field, in the form's own
    ``label`` (the form stays open with everything typed); anything else to ``errors``."""
    if isinstance(exc, ValidationFailed):
        label.setText("\n".join(messages.describe(e) for e in exc.errors))
        label.show()
    else:
        errors.handle(exc)


class ErrorReporter(QObject):
    """Shows errors without blocking the event loop; remembers the last for tests."""

    shown = Signal(str)

    def __init__(self, reports_dir: Path, parent_widget: QWidget | None = None) -> None:
        super().__init__()
        self._reports_dir = reports_dir
        self._parent = parent_widget
        self.last_message = ""

    def set_parent_widget(self, widget: QWidget) -> None:
        self._parent = widget

    def handle(self, exc: BaseException) -> None:
        text = environment_message(exc)
        if text is None:
            self.bug("".join(traceback.format_exception(exc)))
            return
        self.inform(text, warning=True)

    def inform(self, text: str, *, warning: bool = False) -> None:
        self.last_message = text
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)
        box.setWindowTitle("SalesDesk")
        box.setText(text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.shown.emit(text)

    def save_report(self, details: str) -> Path:
        self._reports_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = self._reports_dir / f"crash-{stamp}.txt"
        path.write_text(
            f"SalesDesk {__version__}\nPython {sys.version}\n\n{details}", encoding="utf-8"
        )
        return path

    def bug(self, details: str) -> None:
        """An unexpected error: say the data is safe; offer to save a report for support."""
        text = self.tr(
            "Something went wrong inside SalesDesk. Your saved data is safe; the "
            "last action may not have completed."
        )
        self.last_message = text
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("SalesDesk")
        box.setText(text)
        box.setInformativeText(self.tr("Save a report for support?"))
        save = box.addButton(self.tr("Save report"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)

        def done() -> None:
            if box.clickedButton() is save:
                path = self.save_report(details)
                self.inform(self.tr("The report was saved to %1").replace("%1", str(path)))

        box.finished.connect(done)
        box.open()
        self.shown.emit(text)

    def install_excepthook(self) -> None:
        def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
            self.bug("".join(traceback.format_exception(kind, value, tb)))

        sys.excepthook = hook
