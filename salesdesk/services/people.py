"""People as the services show them: a user of HQ (:class:`Person`) and the one this laptop's
store belongs to (:class:`CurrentUser`). Shared by the customer book, imports and sync."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from salesdesk.domain.ownership import Writer
from salesdesk.domain.people import Role


@dataclass(frozen=True)
class Person:
    id: uuid.UUID
    name: str
    role: str
    active: bool = True  # False: deactivated or deleted at HQ, kept for the customers they hold
    username: str = ""  # the HQ login, unique; "" where the caller did not read it

    @property
    def is_salesperson(self) -> bool:
        """Whether HQ accepts this person as a customer's assignee (role SALES)."""
        return self.role == Role.SALES.value


@dataclass(frozen=True)
class CurrentUser:
    """The HQ user this laptop's store belongs to (bound at the first login; kept after a
    logout, since the store's unsent changes are still theirs)."""

    id: uuid.UUID
    username: str
    role: str | None  # "sales" or "hq"; None when unknown (an old login, not yet synced)

    @property
    def is_salesperson(self) -> bool:
        """True when HQ-owned fields (assignment, credit terms) are HQ's to change, not ours."""
        return self.role == Role.SALES.value

    @property
    def writer(self) -> Writer | None:
        """Who writes, for :mod:`salesdesk.domain.ownership`; None while the role is unknown."""
        return Writer(Role(self.role), self.id) if self.role in tuple(Role) else None

    @classmethod
    def from_row(cls, row: tuple[str, str, str | None] | None) -> CurrentUser | None:
        if row is None:
            return None
        user_id, username, role = row
        return cls(uuid.UUID(user_id), username, role)
