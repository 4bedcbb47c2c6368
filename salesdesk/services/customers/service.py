"""Customer use cases: open, validate, save, look for duplicates, delete, rank by tier."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from salesdesk.db import search_index
from salesdesk.db.app_settings import get_setting, put_setting
from salesdesk.db.customers import (
    contacts_of,
    customers_by_name_key,
    customers_by_tax_id,
    customers_with_phones,
    get_customer,
)
from salesdesk.db.models import Contact, Customer
from salesdesk.db.people import bound_user, get_user
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.db.tiers import sales_between, set_tiers, tiers_of
from salesdesk.domain import ownership
from salesdesk.domain.clock import utcnow
from salesdesk.domain.customers import Category
from salesdesk.domain.ids import uuid7
from salesdesk.domain.names import name_key
from salesdesk.domain.tiers import Cadence, TierRule, classify, trailing_window
from salesdesk.domain.validation import (
    Checker,
    ErrorCode,
    FieldError,
    ValidationFailed,
    is_landline,
    is_mobile,
    normalize_email,
    normalize_landline,
    normalize_mobile,
    normalize_tax_id,
    phone_digits,
)
from salesdesk.kit.changes import NOTHING, Changes
from salesdesk.services.customers.records import (
    ContactDraft,
    CustomerDetail,
    CustomerDraft,
    CustomerGone,
    DuplicateHit,
)
from salesdesk.services.people import CurrentUser, Person

_CUSTOMER_FIELDS = (
    "name",
    "short_name",
    "category",
    "industry",
    "tax_id",
    "region",
    "province",
    "city",
    "address",
    "phone",
    "email",
    "website",
    "visit_cadence_days",
    "assigned_to_id",
    "notes",
)
# The fields of the draft that only HQ staff may change (entities.py: Owner.HQ).
HQ_OWNED_FIELDS = tuple(f for f in _CUSTOMER_FIELDS if ownership.is_hq_owned("customers", f))
_CONTACT_FIELDS = ("name", "role", "mobile", "landline", "email", "wechat", "is_primary", "notes")


def validate(draft: CustomerDraft) -> list[FieldError]:
    """Every problem with a draft, each naming its field (contacts as ``contacts.N.field``)."""
    check = Checker()
    check.required("name", draft.name)
    check.max_length("name", draft.name, 200)
    check.max_length("short_name", draft.short_name, 100)
    check.choice("category", draft.category, {c.value for c in Category}, optional=False)
    check.phone("phone", draft.phone)
    check.tax_id("tax_id", draft.tax_id)
    check.email("email", draft.email)
    check.positive_int("visit_cadence_days", draft.visit_cadence_days, 365)
    check.max_length("address", draft.address, 300)
    errors = check.errors
    for i, contact in enumerate(draft.contacts):
        c = Checker(prefix=f"contacts.{i}.")
        c.required("name", contact.name)
        c.max_length("name", contact.name, 100)
        c.mobile("mobile", contact.mobile)
        c.landline("landline", contact.landline)
        c.email("email", contact.email)
        errors += c.errors
    return errors


def normalized(draft: CustomerDraft) -> CustomerDraft:
    """The draft as it will be stored: trimmed text, phones in one canonical spelling."""

    def phone(value: str) -> str:
        value = value.strip()
        if is_mobile(value):
            return normalize_mobile(value)
        if is_landline(value):
            return normalize_landline(value)
        return value

    contacts = [
        replace(
            c,
            name=c.name.strip(),
            role=c.role.strip(),
            mobile=normalize_mobile(c.mobile) if is_mobile(c.mobile) else c.mobile.strip(),
            landline=normalize_landline(c.landline) if c.landline.strip() else "",
            email=normalize_email(c.email),
            wechat=c.wechat.strip(),
        )
        for c in draft.contacts
    ]
    tags = sorted({t.strip() for t in draft.tags if t.strip()})
    return replace(
        draft,
        name=draft.name.strip(),
        short_name=draft.short_name.strip(),
        region=draft.region.strip(),
        province=draft.province.strip(),
        city=draft.city.strip(),
        address=draft.address.strip(),
        phone=phone(draft.phone),
        tax_id=normalize_tax_id(draft.tax_id),
        email=normalize_email(draft.email),
        website=draft.website.strip(),
        tags=tags,
        contacts=contacts,
    )


def _person(session: Session, user_id: uuid.UUID | None) -> Person | None:
    """Whom an assignment names, as this store knows them (None: unassigned, or no such row)."""
    user = get_user(session, user_id) if user_id is not None else None
    if user is None:
        return None
    return Person(user.id, user.display_name, user.role, user.active and user.deleted_at is None)


def _detail(
    session: Session, customer: Customer, contacts: list[Contact], cadence: Cadence
) -> CustomerDetail:
    draft = CustomerDraft(
        id=customer.id,
        tags=list(customer.tags or []),
        contacts=[
            ContactDraft(id=c.id, **{f: getattr(c, f) for f in _CONTACT_FIELDS}) for c in contacts
        ],
        **{f: getattr(customer, f) for f in _CUSTOMER_FIELDS},
    )
    return CustomerDetail(
        draft=draft,
        tier=customer.tier,
        sales_12m=customer.sales_12m,
        credit_terms=customer.credit_terms,
        effective_cadence_days=cadence.days_for(customer.tier, customer.visit_cadence_days),
        assignee=_person(session, customer.assigned_to_id),
    )


def write_draft(session: Session, draft: CustomerDraft) -> Customer:
    """Applies a validated, normalized draft in the caller's transaction (the editor's save and
    the import both write through it); only fields that changed reach the outbox.

    Ids are assigned here rather than at flush, so contacts need no flush of their own: a
    customer costs at most two flushes (and search-index passes) however many contacts it has.
    """
    customer = get_customer(session, draft.id) if draft.id else None
    is_new = customer is None
    if customer is None:
        customer = Customer(id=draft.id or uuid7())
        session.add(customer)
    for f in _CUSTOMER_FIELDS:
        if getattr(customer, f, None) != getattr(draft, f):
            setattr(customer, f, getattr(draft, f))
    if list(customer.tags or []) != draft.tags:
        customer.tags = list(draft.tags)
    key = name_key(draft.name)
    if customer.name_key != key:
        customer.name_key = key
    if is_new:
        session.flush()  # the customer row must exist before its contacts (foreign key)
    existing = {} if is_new else {c.id: c for c in contacts_of(session, customer.id)}
    kept: set[uuid.UUID] = set()
    for cd in draft.contacts:
        contact = existing.get(cd.id) if cd.id else None
        if contact is None:
            contact = Contact(id=cd.id or uuid7(), customer_id=customer.id)
            session.add(contact)
        for f in _CONTACT_FIELDS:
            if getattr(contact, f, None) != getattr(cd, f):
                setattr(contact, f, getattr(cd, f))
        kept.add(contact.id)
    now = utcnow()
    for cid, contact in existing.items():
        if cid not in kept:
            contact.deleted_at = now
    return customer


def _enforce_ownership(session: Session, draft: CustomerDraft) -> CustomerDraft:
    """Refuses a salesperson's draft that changes an HQ-owned field (HQ would reject the push
    and restore the value at the next sync); gives a salesperson's new customer to its
    creator, as HQ does. HQ staff and a store never logged in change anything, but assign
    customers to salespeople only (:func:`_check_assignee`).

    Raises:
        ValidationFailed: one ``HQ_OWNED`` error per field changed, or ``NOT_ASSIGNABLE``.
    """
    user = CurrentUser.from_row(bound_user(session))
    existing = get_customer(session, draft.id) if draft.id else None
    writer = user.writer if user is not None else None
    if writer is None or not writer.bound:
        _check_assignee(session, draft, existing)
        return draft
    values = {name: getattr(draft, name) for name in HQ_OWNED_FIELDS}
    stored = None if existing is None else {n: getattr(existing, n) for n in HQ_OWNED_FIELDS}
    errors = ownership.refused("customers", writer, values, stored, utcnow())
    if errors:
        raise ValidationFailed([FieldError(name, ErrorCode.HQ_OWNED) for name in errors])
    if existing is None:
        owner = ownership.owner_of_new("customers", writer, draft.assigned_to_id)
        draft = replace(draft, assigned_to_id=owner)
    return draft


def _check_assignee(session: Session, draft: CustomerDraft, existing: Customer | None) -> None:
    """Refuses a new assignment to someone who is not a salesperson: HQ would reject it (the
    whole customer, for a new one). An assignment left as it was is kept whoever it names.

    Raises:
        ValidationFailed: ``NOT_ASSIGNABLE`` on ``assigned_to_id``.
    """
    person = draft.assigned_to_id
    if person is None or (existing is not None and existing.assigned_to_id == person):
        return
    target = _person(session, person)
    if target is None or not target.is_salesperson:
        raise ValidationFailed([FieldError("assigned_to_id", ErrorCode.NOT_ASSIGNABLE)])


def _valid(draft: CustomerDraft) -> CustomerDraft:
    """The draft normalized for storing.

    Raises:
        ValidationFailed: every problem with the draft.
    """
    errors = validate(draft)
    if errors:
        raise ValidationFailed(errors)
    return normalized(draft)


def _permitted(session: Session, draft: CustomerDraft) -> CustomerDraft:
    """The draft as this user may save it (a salesperson's new customer is theirs).

    Raises:
        CustomerGone: the draft edits a customer the store no longer has.
        ValidationFailed: the draft changes a field this user may not change.
    """
    if draft.id is not None and get_customer(session, draft.id) is None:
        raise CustomerGone(draft.id)
    return _enforce_ownership(session, draft)


def _duplicates(session: Session, draft: CustomerDraft) -> list[DuplicateHit]:
    """Existing customers like a normalized draft, the surest reason first (tax id, name key,
    shared phone)."""
    hits: dict[uuid.UUID, DuplicateHit] = {}
    key = name_key(draft.name)
    phones = {
        draft.phone,
        *(c.mobile for c in draft.contacts),
        *(c.landline for c in draft.contacts),
    } - {""}
    if draft.tax_id:
        for c in customers_by_tax_id(session, draft.tax_id, draft.id):
            hits[c.id] = DuplicateHit(c.id, c.name, "tax_id", draft.tax_id)
    if key:
        for c in customers_by_name_key(session, key, draft.id):
            if c.id not in hits:
                hits[c.id] = DuplicateHit(c.id, c.name, "name", key)
    for c, _ in customers_with_phones(session, phones, draft.id):
        if c.id not in hits:
            shared = sorted(phone_digits(p) for p in phones)
            hits[c.id] = DuplicateHit(c.id, c.name, "phone", ", ".join(shared))
    return list(hits.values())


@dataclass(frozen=True)
class SaveOutcome:
    saved: CustomerDetail | None
    duplicates: list[DuplicateHit]

    @property
    def changes(self) -> Changes:
        """A saved customer is a new row in the list and a change waiting to be sent."""
        return Changes(customers=True, sync_state=True) if self.saved is not None else NOTHING


class CustomerService:
    """Write side of customers. Every method is one transaction."""

    def __init__(
        self,
        factory: sessionmaker[LocalSession],
        cadence: Cadence | None = None,
        tier_rule: TierRule | None = None,
    ) -> None:
        self._factory = factory
        self._cadence = cadence or Cadence()
        self._tier_rule = tier_rule or TierRule()

    def get(self, customer_id: uuid.UUID) -> CustomerDetail | None:
        with unit_of_work(self._factory) as session:
            customer = get_customer(session, customer_id)
            if customer is None:
                return None
            return _detail(
                session, customer, list(contacts_of(session, customer.id)), self._cadence
            )

    def save(self, draft: CustomerDraft) -> CustomerDetail:
        """Validates and saves a customer with its contacts, in one transaction.

        Raises:
            ValidationFailed: a field is invalid.
            CustomerGone: the draft edits a customer the store no longer has.
        """
        draft = _valid(draft)
        with unit_of_work(self._factory) as session:
            return self._write_in(session, _permitted(session, draft))

    def save_checked(self, draft: CustomerDraft, *, allow_duplicates: bool) -> SaveOutcome:
        """Saves unless the draft is a new customer that looks like an existing one.

        One validation and one transaction: the ownership check, the look for duplicates and
        the write see the same store, so nothing another writer commits can slip between them.
        Validation and ownership errors raise :class:`ValidationFailed` first, so the user
        fixes fields before being asked about duplicates.

        Raises:
            ValidationFailed: a field is invalid, or one the user may not change was changed.
            CustomerGone: the draft edits a customer the store no longer has.
        """
        draft = _valid(draft)
        with unit_of_work(self._factory) as session:
            draft = _permitted(session, draft)
            if draft.id is None and not allow_duplicates:
                hits = _duplicates(session, draft)
                if hits:
                    return SaveOutcome(saved=None, duplicates=hits)
            return SaveOutcome(saved=self._write_in(session, draft), duplicates=[])

    def find_duplicates(self, draft: CustomerDraft) -> list[DuplicateHit]:
        """Existing customers with the same tax id, the same name (ignoring company suffixes)
        or a shared phone, the surest reason first."""
        with unit_of_work(self._factory) as session:
            return _duplicates(session, normalized(draft))

    def _write_in(self, session: Session, draft: CustomerDraft) -> CustomerDetail:
        """Writes a valid, permitted draft inside the caller's transaction."""
        customer = write_draft(session, draft)
        session.flush()
        return _detail(
            session, customer, list(contacts_of(session, customer.id)), self._cadence
        )

    def delete(self, customer_id: uuid.UUID) -> None:
        """Tombstones a customer and its contacts; HQ keeps the history."""
        with unit_of_work(self._factory) as session:
            customer = get_customer(session, customer_id)
            if customer is None:
                return
            now = utcnow()
            for contact in contacts_of(session, customer_id):
                contact.deleted_at = now
            customer.deleted_at = now

    @property
    def tier_rule(self) -> TierRule:
        return self._tier_rule

    def recompute_tiers(self, today: date) -> dict[str, int]:
        """Ranks every customer by trailing-12-month sales; returns how many fell in each tier."""
        with unit_of_work(self._factory) as session:
            return rank_customers(session, today, self._tier_rule).counts

    def refresh_tiers_if_stale(self, today: date) -> TierOutcome | None:
        """Recomputes tiers unless they were last computed ``today``; None when they were.

        Tiers depend on the date (orders leave the trailing window), so a laptop opened on a
        new day ranks again even when no order arrived.
        """
        with unit_of_work(self._factory) as session:
            if get_setting(session, TIERS_COMPUTED_ON) == today.isoformat():
                return None
            return rank_customers(session, today, self._tier_rule)

    def rebuild_deferred_search(self) -> bool:
        """Rebuilds the search documents a pull deferred and never finished (cancelled, cut
        off, the app closed); True when there were some, so the list should reload.

        Normally the pull's last page rebuilds them; this keeps a customer from missing in
        search for longer than until the next start.
        """
        with unit_of_work(self._factory) as session:
            return search_index.catch_up_session(session) > 0


TIERS_COMPUTED_ON = "tiers_computed_on"  # app_setting key: ISO date of the last ranking


@dataclass(frozen=True)
class TierOutcome:
    counts: dict[str, int]  # customers per tier, "-" for those without sales
    changed: int  # customers whose tier or trailing sales changed


def rank_customers(session: Session, today: date, rule: TierRule) -> TierOutcome:
    """Ranks every customer inside the caller's transaction (an order import ranks in its own).

    Writes only the customers whose figures changed, and records the day it ranked.
    """
    start, end = trailing_window(today)
    sales = sales_between(session, start, end)
    tiers = classify(sales, rule)
    current = tiers_of(session)
    values = {cid: (t.value if t else None, sales[cid]) for cid, t in tiers.items()}
    changed = {cid: v for cid, v in values.items() if current.get(cid) != v}
    set_tiers(session, changed)
    put_setting(session, TIERS_COMPUTED_ON, today.isoformat())
    counts = {"A": 0, "B": 0, "C": 0, "-": 0}
    for t in tiers.values():
        counts[t.value if t else "-"] += 1
    return TierOutcome(counts, len(changed))
