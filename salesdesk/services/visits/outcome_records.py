"""What the visit-outcome form sends and gets (plain dataclasses), and a draft as the
``visit_drafts`` table keeps it (JSON). The use cases are in :mod:`.outcomes`."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from salesdesk.domain.promises import PromiseStatus
from salesdesk.kit.changes import Changes

_DRAFT_VERSION = 1
OUTCOME_TEXT = ("met_with", "discussed", "customer_needs", "dislikes", "receiving_problems",
                "improvements", "next_step")
_QUOTE_TEXT = ("competitor", "product_text", "their_price", "our_price", "currency", "unit",
               "notes")


# --- what the form sends and gets -----------------------------------------------------------


@dataclass(frozen=True)
class QuoteDraft:
    """A competitor's price as typed: prices are text until recorded (then Decimal), so
    nothing typed is lost to a parse. ``id`` is set for a quote already recorded."""

    competitor: str = ""
    product_text: str = ""
    their_price: str = ""
    our_price: str = ""
    currency: str = "CNY"
    unit: str = "t"
    notes: str = ""
    id: uuid.UUID | None = None

    def is_blank(self) -> bool:
        return self.id is None and not any(
            v.strip() for v in (self.competitor, self.product_text, self.their_price,
                                self.our_price, self.notes)
        )


@dataclass(frozen=True)
class PromiseDraft:
    """A promise made on the visit: what, to whom (a contact, or a name in ``made_to``), by
    when, and who must deliver it (``department``: "" for the salesperson, else a
    :class:`~salesdesk.domain.people.Department`). ``id`` is set once recorded; ``status``
    is the recorded promise's (a closed one is shown, not changed)."""

    description: str = ""
    due: date | None = None
    contact_id: uuid.UUID | None = None
    made_to: str = ""
    department: str = ""
    id: uuid.UUID | None = None
    status: str = PromiseStatus.OPEN.value

    def is_blank(self) -> bool:
        """A row added and left empty (its due date is a default, not an input)."""
        return (self.id is None and not self.description.strip() and not self.made_to.strip()
                and self.contact_id is None and not self.department)


@dataclass(frozen=True)
class OutcomeDraft:
    """Everything the outcome form holds. ``customer_id`` matters only for a visit not yet
    stored (an unplanned one); ``purpose`` is stored for those too."""

    visit_id: uuid.UUID
    visited_at: datetime
    customer_id: uuid.UUID | None = None
    met_contact_ids: list[uuid.UUID] = field(default_factory=list)
    met_with: str = ""
    discussed: str = ""
    customer_needs: str = ""
    dislikes: str = ""
    receiving_problems: str = ""
    improvements: str = ""
    next_step: str = ""
    purpose: str = ""
    quotes: list[QuoteDraft] = field(default_factory=list)
    promises: list[PromiseDraft] = field(default_factory=list)


@dataclass(frozen=True)
class ContactChoice:
    id: uuid.UUID
    name: str
    role: str = ""


@dataclass(frozen=True)
class OutcomeForm:
    """What the form opens with. ``outcome`` is the recorded outcome of a done visit (or an
    empty one); ``draft`` what was typed and not yet recorded, if anything."""

    visit_id: uuid.UUID
    stored: bool  # the visit has a row (planned, done or cancelled); False: unplanned
    status: str  # the stored visit's status; "" for an unplanned one
    customer_id: uuid.UUID | None
    customer_name: str
    starts_at: datetime | None
    purpose: str
    contacts: list[ContactChoice]
    outcome: OutcomeDraft
    draft: OutcomeDraft | None = None
    draft_saved_at: datetime | None = None
    customers: list[tuple[uuid.UUID, str]] = field(default_factory=list)  # unplanned: whom


@dataclass(frozen=True)
class OutcomeSaved:
    visit_id: uuid.UUID
    promises_made: int
    quotes: int
    changes: Changes


# --- drafts as JSON -----------------------------------------------------------------------


def draft_to_json(draft: OutcomeDraft) -> dict[str, Any]:
    """The draft as the ``visit_drafts.data`` column keeps it (plain JSON)."""

    def plain(value: Any) -> Any:
        if isinstance(value, uuid.UUID):
            return str(value)
        if isinstance(value, datetime | date):
            return value.isoformat()
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    data: dict[str, Any] = plain(asdict(draft))
    data["v"] = _DRAFT_VERSION
    return data


def _uuid(value: Any) -> uuid.UUID | None:
    return uuid.UUID(str(value)) if value else None


def draft_from_json(data: dict[str, Any]) -> OutcomeDraft:
    """The inverse of :func:`draft_to_json`; unknown keys (a newer draft) are ignored."""
    quotes = [
        QuoteDraft(**{k: v for k, v in qd.items() if k in _QUOTE_TEXT}, id=_uuid(qd.get("id")))
        for qd in data.get("quotes", [])
    ]
    made = [
        PromiseDraft(
            description=str(pd.get("description", "")),
            due=date.fromisoformat(pd["due"]) if pd.get("due") else None,
            contact_id=_uuid(pd.get("contact_id")),
            made_to=str(pd.get("made_to", "")),
            department=str(pd.get("department", "")),
            id=_uuid(pd.get("id")),
            status=str(pd.get("status", PromiseStatus.OPEN.value)),
        )
        for pd in data.get("promises", [])
    ]
    visit_id = _uuid(data["visit_id"])
    assert visit_id is not None
    return OutcomeDraft(
        visit_id=visit_id,
        visited_at=datetime.fromisoformat(data["visited_at"]),
        customer_id=_uuid(data.get("customer_id")),
        met_contact_ids=[uuid.UUID(c) for c in data.get("met_contact_ids", [])],
        quotes=quotes,
        promises=made,
        **{k: str(data.get(k, "")) for k in (*OUTCOME_TEXT, "purpose")},
    )
