"""The editor's salesperson choice: whom HQ accepts as an assignee, plus whoever the stored
assignment names when the list does not offer them (so a save never unassigns silently)."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QComboBox, QWidget

from salesdesk.services.people import CurrentUser, Person
from salesdesk.ui import messages


class AssigneeBox(QComboBox):
    """Item 0 is "(unassigned)"; then the offered salespeople; last, maybe, an extra choice
    for a stored assignee the list does not offer (an inactive user, HQ staff, a user not
    synced yet)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("field_assigned_to_id")
        self._extra = False  # the last choice is the stored assignee, not one of the list
        self._known: Person | None = None  # whom the loaded customer is assigned to
        self._user: CurrentUser | None = None

    def set_user(self, user: CurrentUser | None) -> None:
        self._user = user

    def set_known(self, person: Person | None) -> None:
        """Whom the loaded customer's assignment names, as the store knows them."""
        self._known = person

    def retranslate(self) -> None:
        if self.count():
            self.setItemText(0, self.tr("(unassigned)"))
        if self._extra:
            last = self.count() - 1
            self.setItemText(last, self._label(uuid.UUID(self.itemData(last))))

    def offer(self, people: list[Person], stored: uuid.UUID | None, *, keep_pick: bool) -> None:
        """Offers ``people``. With ``keep_pick``, the user's pick stays selected if it is
        still offered; otherwise (or if not) ``stored``, what a save keeps, is selected."""
        current = self.currentData()
        had_choices = self.count() > 0
        self.clear()
        self._extra = False
        self.addItem(self.tr("(unassigned)"), None)
        for p in people:
            self.addItem(p.name, str(p.id))
        if not keep_pick or not had_choices:
            self.show_person(stored)
        elif current is not None:
            index = self.findData(current)
            if index >= 0:  # the user's pick, or the stored assignee, is still offered
                self.setCurrentIndex(index)
            else:  # no longer offered: show what a save keeps, never "(unassigned)"
                self.show_person(stored)

    def show_person(self, person: uuid.UUID | None) -> None:
        """Selects ``person``, adding them as an extra choice when the list lacks them."""
        if self._extra:
            self.removeItem(self.count() - 1)
            self._extra = False
        if person is None:
            self.setCurrentIndex(0)
            return
        index = self.findData(str(person))
        if index < 0:
            if not self.count():  # the choices arrive later (offer)
                return
            self.addItem(self._label(person), str(person))
            self._extra = True
            index = self.count() - 1
        self.setCurrentIndex(index)

    def person(self) -> uuid.UUID | None:
        """The chosen person (None: unassigned)."""
        data = self.currentData()
        return uuid.UUID(data) if data else None

    def _label(self, person: uuid.UUID) -> str:
        known = self._known
        if known is not None and known.id != person:
            known = None
        if known is None and self._user is not None and person == self._user.id:
            return self._user.username  # a salesperson's own row, not synced yet
        return messages.person_label(known, person)
