"""The customer book's plain data, passed between the services and the UI (no SQLAlchemy:
the list's start-up path imports it)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from salesdesk.kit.errors import KnownError
from salesdesk.services.people import Person


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


class CustomerGone(KnownError):
    """A draft of a customer the store no longer has: a sync took it off this computer (HQ
    gave it to another salesperson, or deleted it). Saving it would write it again as a new
    customer, which HQ refuses; nothing is written."""

    code = "customers.gone"

    def __init__(self, customer_id: uuid.UUID) -> None:
        super().__init__(f"customer {customer_id} is no longer in this store")
        self.customer_id = customer_id
