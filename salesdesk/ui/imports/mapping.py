"""The import's mapping step: the file's first rows, and which column feeds each field.

Columns are named as Excel names them ("B · 城市"). A field the importer reads only to report
that it is not applied (a salesperson's import: the salesperson column) is marked "ignored" in
the form, and its column is greyed in the preview. The strings keep the translation context
"ImportDialog" they had when they were the dialog's own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from salesdesk.services.imports.table import Table, column_letter
from salesdesk.ui import messages

PREVIEW_ROWS = 20
_IGNORED_COLOR = QColor("#8c8c8c")
_HINT_STYLE = "color: palette(placeholder-text);"


def _column_name(index: int, header: str) -> str:
    return f"{column_letter(index)} · {header}" if header else column_letter(index)


class FilePreview(QGroupBox):
    """The first rows of the file, numbered as Excel numbers them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("importPreview")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(140)
        layout.addWidget(self.table)

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("ImportDialog", "First rows of the file"))

    def show_table(self, table: Table) -> None:
        rows = table.rows[:PREVIEW_ROWS]
        preview = self.table
        preview.clear()
        preview.setColumnCount(len(table.headers))
        preview.setRowCount(len(rows))
        preview.setHorizontalHeaderLabels(
            [_column_name(i, h) for i, h in enumerate(table.headers)])
        preview.setVerticalHeaderLabels([str(r.number) for r in rows])
        for r, row in enumerate(rows):
            for c, text in enumerate(row.cells):
                preview.setItem(r, c, QTableWidgetItem(text))
        preview.resizeColumnsToContents()

    def mark_ignored(self, table: Table, ignored: set[int], why: str) -> None:
        """Greys the columns that feed an ignored field, and says so in their header."""
        preview = self.table
        for c, header in enumerate(table.headers):
            text = _column_name(c, header)
            if c in ignored:
                text = QCoreApplication.translate("ImportDialog", "%1 (ignored)").replace(
                    "%1", text)
            item = QTableWidgetItem(text)
            if c in ignored:
                item.setForeground(QBrush(_IGNORED_COLOR))
                item.setToolTip(why)
            preview.setHorizontalHeaderItem(c, item)
            for r in range(preview.rowCount()):
                cell = preview.item(r, c)
                if cell is not None:
                    cell.setForeground(QBrush(_IGNORED_COLOR) if c in ignored else QBrush())
        preview.resizeColumnsToContents()


class ColumnMapping(QGroupBox):
    """One combo box per field, in three columns of label and combo."""

    changed = Signal()  # the user chose another column for a field

    def __init__(self, fields: Sequence[str], ignored: frozenset[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ignored = ignored
        grid = QGridLayout(self)
        self.combos: dict[str, QComboBox] = {}
        self.labels: dict[str, QLabel] = {}
        per_column = (len(fields) + 2) // 3
        for i, name in enumerate(fields):
            label = QLabel()
            combo = QComboBox()
            combo.setObjectName(f"map_{name}")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.currentIndexChanged.connect(self.changed)
            label.setBuddy(combo)
            row, col = i % per_column, (i // per_column) * 2
            grid.addWidget(label, row, col)
            grid.addWidget(combo, row, col + 1)
            self.combos[name] = combo
            self.labels[name] = label
        self.ignored_note = QLabel()
        self.ignored_note.setObjectName("ignoredNote")
        self.ignored_note.setWordWrap(True)
        self.ignored_note.setStyleSheet(_HINT_STYLE)
        self.ignored_note.setVisible(bool(ignored))
        grid.addWidget(self.ignored_note, per_column, 0, 1, 6)

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("ImportDialog", "Which column holds what"))
        for name, label in self.labels.items():
            if name in self._ignored:
                label.setText(QCoreApplication.translate("ImportDialog", "%1 (ignored):")
                              .replace("%1", messages.field_label(name)))
            else:
                label.setText(messages.field_label(name) + ":")
        ignored_why = QCoreApplication.translate(
            "ImportDialog",
            "Customers you import are assigned to you. Only HQ can assign a customer to "
            "someone else, so the salesperson column is not imported; rows that name someone "
            "else are listed in the report.")
        self.ignored_note.setText(ignored_why if self._ignored else "")
        for name in self._ignored:
            self.combos[name].setToolTip(ignored_why)

    def set_headers(self, headers: Sequence[str],
                    guessed: Mapping[str, int] | None = None) -> None:
        """Offers these columns; each field takes its ``guessed`` column, or with None keeps
        the column it had (after a change of language)."""
        for name, combo in self.combos.items():
            current = combo.currentData() if guessed is None else guessed.get(name, -1)
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(QCoreApplication.translate("ImportDialog", "(not imported)"), -1)
            for i, header in enumerate(headers):
                combo.addItem(_column_name(i, header), i)
            index = combo.findData(current if current is not None else -1)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def mapping(self) -> dict[str, int]:
        """The chosen column of every mapped field."""
        result: dict[str, int] = {}
        for name, combo in self.combos.items():
            column = combo.currentData()
            if isinstance(column, int) and column >= 0:
                result[name] = column
        return result

    def ignored_columns(self) -> set[int]:
        return {c for f, c in self.mapping().items() if f in self._ignored}
