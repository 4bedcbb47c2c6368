"""The window shown when the store cannot be opened at start: what is wrong, and the ways on.

Damaged or foreign store: restore one of the automatic backups (listed here), choose another
data folder, or quit. A folder the user may not write, or a store from a newer SalesDesk:
another data folder, or quit. The window never changes anything itself; the app carries out
the choice (:mod:`salesdesk.app`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class Problem(Enum):
    DAMAGED = "damaged"
    FOREIGN = "foreign"
    NOT_WRITABLE = "not_writable"
    TOO_NEW = "too_new"


@dataclass(frozen=True)
class StartProblem:
    kind: Problem
    path: Path  # the store, or the folder that may not be written
    detail: str = ""  # SQLite's or the system's words; the schema revision when too new


def problem_from(exc: Exception, store: Path) -> StartProblem:
    """What :func:`salesdesk.services.store.prepare` refused, as the window tells it."""
    from salesdesk.services.store import (
        DataFolderNotWritable,
        StoreDamaged,
        StoreForeign,
        StoreTooNew,
    )

    if isinstance(exc, DataFolderNotWritable):
        return StartProblem(Problem.NOT_WRITABLE, exc.path, exc.detail)
    if isinstance(exc, StoreDamaged):
        return StartProblem(Problem.DAMAGED, exc.path, exc.detail)
    if isinstance(exc, StoreForeign):
        return StartProblem(Problem.FOREIGN, exc.path)
    if isinstance(exc, StoreTooNew):
        return StartProblem(Problem.TOO_NEW, store, exc.revision)
    raise TypeError(exc)


class Choice(Enum):
    QUIT = "quit"
    RESTORE = "restore"
    OTHER_FOLDER = "other_folder"


class StartProblemDialog(QDialog):
    """Says what is wrong with the store and offers the ways forward; ``choice`` and
    ``chosen`` hold the answer once the dialog is closed."""

    def __init__(
        self, problem: StartProblem, backups: list[Path], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("startProblem")
        self.setWindowTitle("SalesDesk")
        self.setMinimumWidth(560)
        self.problem = problem
        self.choice = Choice.QUIT
        self.chosen: Path | None = None
        can_restore = problem.kind in (Problem.DAMAGED, Problem.FOREIGN)

        layout = QVBoxLayout(self)
        self.headline = QLabel(self._headline())
        self.headline.setObjectName("problemHeadline")
        self.headline.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.explanation = QLabel(self._explanation())
        self.explanation.setObjectName("problemText")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.explanation)
        # The system's or SQLite's own words, for support; the sentence above is the user's.
        self.details = QLabel(self.tr("Details: %1").replace("%1", problem.detail))
        self.details.setObjectName("problemDetails")
        self.details.setStyleSheet("color: palette(placeholder-text);")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setVisible(bool(problem.detail) and problem.kind is not Problem.TOO_NEW)
        layout.addWidget(self.details)

        self.backups = QListWidget()
        self.backups.setObjectName("backupList")
        self.restore_button = QPushButton(self.tr("Restore the selected backup"))
        self.restore_button.setObjectName("restoreButton")
        if can_restore:
            backups_label = QLabel(
                self.tr("Automatic backups (newest first):")
                if backups
                else self.tr("There are no automatic backups in %1.").replace(
                    "%1", str(problem.path.parent / "backups"))
            )
            backups_label.setWordWrap(True)
            layout.addWidget(backups_label)
            for path in backups:
                item = QListWidgetItem(self._backup_text(path))
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                self.backups.addItem(item)
            self.backups.setMaximumHeight(160)
            if backups:
                self.backups.setCurrentRow(0)
                layout.addWidget(self.backups)
        self.backups.setVisible(can_restore and bool(backups))
        self.restore_button.setVisible(can_restore)
        self.restore_button.setEnabled(bool(backups))
        self.backups.itemDoubleClicked.connect(lambda _item: self._restore())

        buttons = QHBoxLayout()
        self.folder_button = QPushButton(self.tr("Choose another data folder…"))
        self.folder_button.setObjectName("otherFolderButton")
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.setObjectName("quitButton")
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch()
        buttons.addWidget(self.quit_button)
        layout.addLayout(buttons)

        self.restore_button.clicked.connect(self._restore)
        self.folder_button.clicked.connect(self._other_folder)
        self.quit_button.clicked.connect(self.reject)

    def _headline(self) -> str:
        kind = self.problem.kind
        if kind is Problem.DAMAGED:
            return self.tr("The customer data is damaged")
        if kind is Problem.FOREIGN:
            return self.tr("The data file is not a SalesDesk file")
        if kind is Problem.NOT_WRITABLE:
            return self.tr("SalesDesk may not write to its data folder")
        return self.tr("This data comes from a newer SalesDesk")

    def _explanation(self) -> str:
        kind, path, detail = self.problem.kind, str(self.problem.path), self.problem.detail
        if kind is Problem.DAMAGED:
            text = self.tr(
                "SalesDesk cannot read %1: the file is damaged, for example cut short "
                "by a full disk or a copy that did not finish. SalesDesk has not changed it. "
                "Restore one of the automatic backups (the damaged file is kept aside), "
                "choose another data folder, or quit and contact support."
            )
        elif kind is Problem.FOREIGN:
            text = self.tr(
                "%1 holds something other than SalesDesk's data. SalesDesk has not changed "
                "it. Restore one of the automatic backups (the file is kept aside), choose "
                "another data folder, or quit and move the file away."
            )
        elif kind is Problem.NOT_WRITABLE:
            text = self.tr(
                "SalesDesk may not write to %1, so it cannot keep your work there. "
                "Choose a folder you can write to, or quit and ask your administrator to "
                "give you write access to this folder."
            )
        else:
            text = self.tr(
                "%1 was written by a newer version of SalesDesk (schema %2). Install the "
                "newer version to open it; nothing was changed. You can also choose another "
                "data folder, or quit."
            ).replace("%2", detail)
        return text.replace("%1", path)

    def _backup_text(self, path: Path) -> str:
        stat = path.stat()
        when = datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M")
        size = f"{stat.st_size / 1_048_576:.1f} MB"
        return f"{when} · {path.name} · {size}"

    def selected_backup(self) -> Path | None:
        item = self.backups.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _restore(self) -> None:
        chosen = self.selected_backup()
        if chosen is None:
            return
        self.choice, self.chosen = Choice.RESTORE, chosen
        self.accept()

    def _other_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a data folder for SalesDesk"), str(Path.home())
        )
        if name:
            self.choice, self.chosen = Choice.OTHER_FOLDER, Path(name)
            self.accept()
