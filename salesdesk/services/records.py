"""Plain data passed between the services and the UI."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from salesdesk.domain.enums import Role
from salesdesk.domain.ownership import Writer


@dataclass
class ContactDraft:
    name: str = ""
    role: str = ""
    mobile: str = ""
    landline: str = ""
    email: str = ""
    wechat: str = ""
    is_primary: bool = False
    notes: str = ""
    id: uuid.UUID | None = None  # None: a new contact


@dataclass
class CustomerDraft:
    """What the editor edits. ``id`` None means a new customer."""

    name: str = ""
    short_name: str = ""
    category: str = "ordinary"
    industry: str = ""
    tax_id: str = ""
    region: str = ""
    province: str = ""
    city: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    visit_cadence_days: int | None = None
    assigned_to_id: uuid.UUID | None = None
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    contacts: list[ContactDraft] = field(default_factory=list)
    id: uuid.UUID | None = None


@dataclass(frozen=True)
class CustomerRecord:
    """A stored customer with its contacts, and its assignee's HQ login ("" if none known)."""

    draft: CustomerDraft
    salesperson_login: str


@dataclass(frozen=True)
class CustomerDetail:
    """A saved customer: the editable draft plus what the app derives."""

    draft: CustomerDraft
    tier: str | None
    sales_12m: Decimal
    credit_terms: str
    effective_cadence_days: int
    # Whom ``draft.assigned_to_id`` names, as this store knows them; None when unassigned or
    # when the store has no such user (not synced yet), so the editor can still say who it is.
    assignee: Person | None = None


@dataclass(frozen=True)
class CustomerRow:
    """One line of the customer list."""

    id: uuid.UUID
    name: str
    short_name: str
    tier: str | None
    category: str
    region: str
    city: str
    salesperson: str  # the assignee's name; "" if unassigned or not in this store
    contact: str
    phone: str
    sales_12m: Decimal
    assigned_to_id: uuid.UUID | None = None


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
class DuplicateHit:
    """An existing customer that looks like the one being saved, and why."""

    id: uuid.UUID
    name: str
    reason: str  # "name" or "phone"
    detail: str  # the shared name key or phone digits


@dataclass(frozen=True)
class CustomerQuery:
    """What the customer list shows: search text, filters and order."""

    text: str = ""
    tier: str | None = None  # "A", "B", "C" or "-" for none
    category: str | None = None
    region: str | None = None
    assigned_to_id: uuid.UUID | None = None
    unassigned: bool = False
    sort: str = "name"  # a key of SORTABLE in the reader
    descending: bool = False


@dataclass(frozen=True)
class FilterOptions:
    regions: list[str]
    # The list's "salesperson" filter: whoever holds a live customer, active or not, known to
    # this store or not (``name`` empty), so a departed salesperson's customers can be found.
    salespeople: list[Person]
    # Whom a customer can be assigned to: active salespeople only, as HQ accepts no one else.
    assignees: list[Person] = field(default_factory=list)


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


class CustomerGone(Exception):
    """A draft of a customer the store no longer has: a sync took it off this computer (HQ
    gave it to another salesperson, or deleted it). Saving it would write it again as a new
    customer, which HQ refuses; nothing is written."""

    def __init__(self, customer_id: uuid.UUID) -> None:
        super().__init__(f"customer {customer_id} is no longer in this store")
        self.customer_id = customer_id
