"""The editor's banner: a new customer that looks like one already stored (save anyway, or
open that one), or a customer a sync took off this computer."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from salesdesk.services.customers.records import DuplicateHit


class EditorBanner(QFrame):
    """Hidden until there is something to say; its buttons only for duplicates."""

    open_requested = Signal(object)  # uuid of the first existing customer it names

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateBanner")
        self.setStyleSheet("#duplicateBanner { background: #fff4ce; border: 1px solid #e0c060; }")
        layout = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        buttons = QHBoxLayout()
        self.save_anyway = QPushButton()
        self.save_anyway.setObjectName("saveAnyway")
        self.open_existing = QPushButton()
        buttons.addWidget(self.save_anyway)
        buttons.addWidget(self.open_existing)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.hide()
        self.duplicates: list[DuplicateHit] = []
        self.open_existing.clicked.connect(self._open_first)

    def retranslate(self) -> None:
        self.save_anyway.setText(self.tr("Save anyway"))
        self.open_existing.setText(self.tr("Open the existing customer"))
        if self.duplicates:
            self.show_duplicates(self.duplicates)

    def clear(self) -> None:
        """Hidden, with its buttons back, naming no duplicates."""
        self.hide()
        self.save_anyway.show()
        self.open_existing.show()
        self.duplicates = []

    def show_duplicates(self, hits: list[DuplicateHit]) -> None:
        self.duplicates = hits
        lines = []
        for hit in hits[:5]:
            if hit.reason == "tax_id":
                why = self.tr("same unified social credit code")
            elif hit.reason == "name":
                why = self.tr("same name")
            else:
                why = self.tr("same phone %1").replace("%1", hit.detail)
            lines.append(f"• {hit.name} ({why})")
        self.text.setText(
            self.tr("This looks like a customer you already have:") + "\n" + "\n".join(lines)
        )
        self.show()

    def show_gone(self, text: str) -> None:
        self.text.setText(text)
        self.save_anyway.hide()
        self.open_existing.hide()
        self.show()

    def _open_first(self) -> None:
        if self.duplicates:
            self.open_requested.emit(self.duplicates[0].id)
