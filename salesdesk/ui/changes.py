"""The change hub: one signal that tells every page what an operation changed.

The task runner owns it (``TaskRunner.changes``) and announces whatever a finished job
reports (:func:`salesdesk.kit.changes.changes_of`), with the widget that started the job as
``initiator``; a page ignores what it caused itself (it updates from its own callback).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from salesdesk.kit.changes import Changes


class ChangeHub(QObject):
    changed = Signal(object, object)  # (Changes, initiator or None)

    def announce(self, changes: Changes, initiator: object | None = None) -> None:
        if changes:
            self.changed.emit(changes, initiator)
