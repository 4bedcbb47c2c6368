"""Recording a visit's outcome (拜访纪要): who was met, what was said, competitor prices heard
and the promises made — in one transaction — and the draft kept while it is being typed.

A recorded outcome marks a planned visit done (``domain/visits.py: mark_done``: a
``visit_events`` row, the sequence bumped). A visit nobody planned is created with its outcome
(the id it gets is chosen when its form opens, so its draft can be kept under it). A done
visit's outcome can be edited. Each promise made is a real ``promises`` row, checked by
``domain/promises.py``; a refused promise or price refuses the whole outcome, nothing is
written, and every problem names its field (``quotes.1.their_price``, ``promises.0.due``).

Drafts (``visit_drafts``) stay on this laptop and never sync; recording deletes the draft in
the same transaction.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from salesdesk.db import visit_outcomes as q
from salesdesk.db.customers import contacts_of, get_customer
from salesdesk.db.models import CompetitorQuote, Promise, Visit, VisitEvent
from salesdesk.db.people import bound_user
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain import promises, visits
from salesdesk.domain.clock import require_aware, utcnow
from salesdesk.domain.due import SHANGHAI, local_date
from salesdesk.domain.ids import uuid7
from salesdesk.domain.people import Department
from salesdesk.domain.promises import PromiseState, PromiseStatus
from salesdesk.domain.validation import (
    Checker,
    ErrorCode,
    FieldError,
    ValidationFailed,
    fold_width,
    parse_amount,
)
from salesdesk.domain.visits import VisitState, VisitStatus
from salesdesk.kit.changes import Changes
from salesdesk.services.promises import PromiseDraft as NewPromise
from salesdesk.services.promises import write_promise
from salesdesk.services.visits.outcome_records import (
    OUTCOME_TEXT,
    ContactChoice,
    OutcomeDraft,
    OutcomeForm,
    OutcomeSaved,
    PromiseDraft,
    QuoteDraft,
    draft_from_json,
    draft_to_json,
)

DEPARTMENTS = {d.value for d in Department}  # or "": whoever made the promise delivers it
_CURRENCY = re.compile(r"[A-Z]{3}")


# --- validation ---------------------------------------------------------------------------


def _prefixed(errors: list[FieldError], prefix: str) -> list[FieldError]:
    return [replace(e, field=prefix + e.field) for e in errors]


def quote_errors(i: int, quote: QuoteDraft) -> list[FieldError]:
    check = Checker(prefix=f"quotes.{i}.")
    check.required("competitor", quote.competitor)
    check.max_length("competitor", quote.competitor, 200)
    check.max_length("product_text", quote.product_text, 300)
    check.required("their_price", quote.their_price)
    for name in ("their_price", "our_price"):
        text = getattr(quote, name)
        if text.strip() and parse_amount(text) is None:
            check.errors.append(FieldError(f"quotes.{i}.{name}", ErrorCode.AMOUNT))
    currency = fold_width(quote.currency).strip().upper()
    if not _CURRENCY.fullmatch(currency):
        check.errors.append(
            FieldError(f"quotes.{i}.currency", ErrorCode.CHOICE, {"value": quote.currency})
        )
    check.required("unit", quote.unit)
    check.max_length("unit", quote.unit, 16)
    return check.errors


def promise_errors(i: int, made: PromiseDraft, made_on: date) -> list[FieldError]:
    """A new promise's problems; its due date is checked by ``domain/promises.make``."""
    check = Checker(prefix=f"promises.{i}.")
    check.required("description", made.description)
    check.max_length("made_to", made.made_to, 100)
    check.choice("department", made.department, DEPARTMENTS, optional=True)
    errors = check.errors
    if made.due is None:
        errors.append(FieldError(f"promises.{i}.due", ErrorCode.REQUIRED))
    else:
        try:
            promises.make(made_on, made.due)
        except ValidationFailed as refused:
            errors += _prefixed(refused.errors, f"promises.{i}.")
    return errors


def _visit_state(visit: Visit) -> VisitState:
    return VisitState(
        starts_at=visit.starts_at,
        ends_at=visit.ends_at,
        status=VisitStatus(visit.status),
        visited_at=visit.visited_at,
        reason=visit.reason,
        sequence=visit.sequence,
        deleted=visit.deleted_at is not None,
    )


# --- the service --------------------------------------------------------------------------


class OutcomeService:
    """Opens, drafts and records visit outcomes. Every method is one unit of work."""

    def __init__(self, factory: sessionmaker[LocalSession], zone: ZoneInfo = SHANGHAI) -> None:
        self._factory = factory
        self.zone = zone

    # --- reading ------------------------------------------------------------------------

    def open(self, visit_id: uuid.UUID) -> OutcomeForm:
        """The form for a stored visit, with its recorded outcome and any draft."""
        with unit_of_work(self._factory) as session:
            visit = q.get_visit(session, visit_id)
            if visit is None:
                raise ValidationFailed([FieldError("visit", ErrorCode.NOT_FOUND,
                                                   {"value": str(visit_id)})])
            customer = get_customer(session, visit.customer_id)
            return OutcomeForm(
                visit_id=visit.id,
                stored=True,
                status=visit.status,
                customer_id=visit.customer_id,
                customer_name=customer.name if customer is not None else "",
                starts_at=visit.starts_at,
                purpose=visit.purpose,
                contacts=self._contacts(session, visit.customer_id),
                outcome=self._recorded(session, visit),
                **self._draft_of(session, visit.id),
            )

    def open_unplanned(self, customer_id: uuid.UUID | None = None) -> OutcomeForm:
        """The form for a visit nobody planned: the newest such draft if one was left
        unfinished, else a new visit id (kept in the draft until the outcome is recorded)."""
        with unit_of_work(self._factory) as session:
            left = q.unplanned_drafts(session)
            draft = draft_from_json(left[0].data) if left else None
            visit_id = draft.visit_id if draft is not None else uuid7()
            if draft is not None:
                customer_id = draft.customer_id
            customer = get_customer(session, customer_id) if customer_id else None
            now = utcnow()
            return OutcomeForm(
                visit_id=visit_id,
                stored=False,
                status="",
                customer_id=customer.id if customer is not None else None,
                customer_name=customer.name if customer is not None else "",
                starts_at=None,
                purpose="",
                contacts=self._contacts(session, customer.id) if customer is not None else [],
                outcome=OutcomeDraft(visit_id=visit_id, visited_at=now,
                                     customer_id=customer_id),
                draft=draft,
                draft_saved_at=left[0].saved_at if left else None,
                customers=q.customer_choices(session),
            )

    def contacts(self, customer_id: uuid.UUID) -> list[ContactChoice]:
        """The contacts one can meet at a customer (for an unplanned visit's form)."""
        with unit_of_work(self._factory) as session:
            return self._contacts(session, customer_id)

    @staticmethod
    def _contacts(session: Session, customer_id: uuid.UUID) -> list[ContactChoice]:
        return [ContactChoice(c.id, c.name, c.role) for c in contacts_of(session, customer_id)]

    @staticmethod
    def _draft_of(session: Session, visit_id: uuid.UUID) -> dict[str, Any]:
        row = q.get_draft(session, visit_id)
        if row is None:
            return {}
        return {"draft": draft_from_json(row.data), "draft_saved_at": row.saved_at}

    @staticmethod
    def _recorded(session: Session, visit: Visit) -> OutcomeDraft:
        quotes = [
            QuoteDraft(
                competitor=r.competitor,
                product_text=r.product_text,
                their_price="" if r.their_price is None else str(r.their_price),
                our_price="" if r.our_price is None else str(r.our_price),
                currency=r.currency,
                unit=r.unit,
                notes=r.notes,
                id=r.id,
            )
            for r in q.quotes_of_visit(session, visit.id)
        ]
        made = [
            PromiseDraft(
                description=p.description,
                due=p.due,
                contact_id=p.contact_id,
                made_to=p.made_to,
                department=p.department,
                id=p.id,
                status=p.status,
            )
            for p in q.promises_of_visit(session, visit.id)
        ]
        done = visit.status == VisitStatus.DONE.value
        # Not yet recorded: met as planned, when planned (or now, if that is still to come).
        met = visit.met_contact_ids if done else visit.contact_ids
        return OutcomeDraft(
            visit_id=visit.id,
            visited_at=visit.visited_at or min(visit.starts_at, utcnow()),
            customer_id=visit.customer_id,
            met_contact_ids=[uuid.UUID(c) for c in met or []],
            purpose=visit.purpose,
            quotes=quotes,
            promises=made,
            **{k: getattr(visit, k) for k in OUTCOME_TEXT},
        )

    # --- drafts ---------------------------------------------------------------------------

    def save_draft(self, draft: OutcomeDraft) -> None:
        """Keeps what is typed (local only: no outbox entry, nothing to announce)."""
        with unit_of_work(self._factory) as session:
            q.put_draft(session, draft.visit_id, draft_to_json(draft), utcnow())

    def discard_draft(self, visit_id: uuid.UUID) -> None:
        with unit_of_work(self._factory) as session:
            q.delete_draft(session, visit_id)

    # --- recording ------------------------------------------------------------------------

    def record(self, draft: OutcomeDraft, at: datetime | None = None) -> OutcomeSaved:
        """Records the outcome in one transaction, or refuses it whole (ValidationFailed).

        A planned visit is marked done; a stored done visit's outcome is replaced (quotes and
        open promises removed from the form are deleted; closed promises stay as they were);
        a visit with no row is created, done, for ``draft.customer_id``.
        """
        at = at or utcnow()
        require_aware("visited_at", draft.visited_at)
        with unit_of_work(self._factory) as session:
            me = self._me(session)
            visit = q.get_visit(session, draft.visit_id)
            customer_id = visit.customer_id if visit is not None else draft.customer_id
            errors: list[FieldError] = []
            if customer_id is None or get_customer(session, customer_id) is None:
                errors.append(FieldError("customer", ErrorCode.REQUIRED))
                raise ValidationFailed(errors)
            known = {c.id for c in contacts_of(session, customer_id)}
            stray = [c for c in draft.met_contact_ids if c not in known]
            if stray:
                errors.append(FieldError("met_contact_ids", ErrorCode.NOT_FOUND,
                                         {"value": str(stray[0])}))
            made_on = local_date(draft.visited_at, self.zone)
            stored_promises = (
                {p.id: p for p in q.promises_of_visit(session, visit.id)} if visit else {}
            )
            for i, quote in enumerate(draft.quotes):
                if not quote.is_blank():
                    errors += quote_errors(i, quote)
            for i, made in enumerate(draft.promises):
                if made.is_blank():
                    continue
                if made.contact_id is not None and made.contact_id not in known:
                    errors.append(FieldError(f"promises.{i}.contact_id", ErrorCode.NOT_FOUND,
                                             {"value": str(made.contact_id)}))
                row = stored_promises.get(made.id) if made.id else None
                errors += (
                    promise_errors(i, made, made_on) if row is None
                    else self._promise_edit_errors(i, made, row)
                )
            kept = {p.id for p in draft.promises if p.id is not None}
            for row in stored_promises.values():
                if row.id not in kept and row.status != PromiseStatus.OPEN.value:
                    errors.append(FieldError("promises", ErrorCode.ALREADY_CLOSED,
                                             {"value": row.description}))
            if visit is None:
                done, event = visits.mark_done(visits.plan(draft.visited_at), draft.visited_at,
                                               by=str(me or ""), at=at)
            elif visit.status == VisitStatus.DONE.value:
                done, event = replace(_visit_state(visit), visited_at=draft.visited_at), None
            else:
                try:
                    done, event = visits.mark_done(_visit_state(visit), draft.visited_at,
                                                   by=str(me or ""), at=at)
                except ValidationFailed as refused:
                    errors += refused.errors
                    done, event = _visit_state(visit), None
            if errors:
                raise ValidationFailed(errors)

            if visit is None:
                visit = Visit(id=draft.visit_id, customer_id=customer_id, salesperson_id=me,
                              starts_at=draft.visited_at, purpose=draft.purpose.strip(),
                              contact_ids=[str(c) for c in draft.met_contact_ids])
                session.add(visit)
            self._write_visit(visit, draft, done)
            session.flush()  # the visit row exists before what refers to it
            if event is not None:
                session.add(VisitEvent(
                    visit_id=visit.id, kind=event.kind.value, at=event.at, by_id=me,
                    reason=event.reason, previous_starts_at=event.previous_starts_at,
                    previous_ends_at=event.previous_ends_at,
                ))
            quotes = self._write_quotes(session, visit, draft.quotes, at)
            made_count, promises_changed = self._write_promises(
                session, visit, draft.promises, stored_promises, made_on=made_on, me=me, at=at
            )
            q.delete_draft(session, visit.id)
        return OutcomeSaved(
            visit_id=draft.visit_id,
            promises_made=made_count,
            quotes=quotes,
            changes=Changes(visits=True, promises=promises_changed),
        )

    @staticmethod
    def _me(session: Session) -> uuid.UUID | None:
        """The user this store belongs to, if HQ has sent their row (promises name a user)."""
        bound = bound_user(session)
        if bound is None:
            return None
        user_id = uuid.UUID(bound[0])
        return user_id if q.user_exists(session, user_id) else None

    @staticmethod
    def _promise_edit_errors(i: int, made: PromiseDraft, row: Promise) -> list[FieldError]:
        """A recorded promise: an open one may be reworded and moved (``change_due``); a
        closed one is the promises ledger's, not the outcome's, to change."""
        unchanged = (made.description.strip() == row.description and made.due == row.due
                     and made.contact_id == row.contact_id
                     and made.made_to.strip() == row.made_to
                     and made.department == row.department)
        if unchanged:
            return []
        state = PromiseState(made_on=row.made_on, due=row.due, status=PromiseStatus(row.status))
        check = Checker(prefix=f"promises.{i}.")
        check.required("description", made.description)
        check.choice("department", made.department, DEPARTMENTS, optional=True)
        errors = check.errors
        if made.due is None:
            errors.append(FieldError(f"promises.{i}.due", ErrorCode.REQUIRED))
            return errors
        try:
            promises.change_due(state, made.due)
        except ValidationFailed as refused:
            errors += _prefixed(refused.errors, f"promises.{i}.")
        return errors

    @staticmethod
    def _write_visit(visit: Visit, draft: OutcomeDraft, done: VisitState) -> None:
        values: dict[str, Any] = {
            "status": done.status.value,
            "visited_at": done.visited_at,
            "sequence": done.sequence,
            "met_contact_ids": [str(c) for c in draft.met_contact_ids],
            **{k: getattr(draft, k).strip() for k in OUTCOME_TEXT},
        }
        for name, value in values.items():
            if getattr(visit, name, None) != value:
                setattr(visit, name, value)

    @staticmethod
    def _write_quotes(
        session: Session, visit: Visit, quotes: list[QuoteDraft], at: datetime
    ) -> int:
        stored = {r.id: r for r in q.quotes_of_visit(session, visit.id)}
        written = 0
        for quote in quotes:
            if quote.is_blank():
                continue
            row = stored.pop(quote.id, None) if quote.id else None
            if row is None:
                row = CompetitorQuote(id=uuid7(), customer_id=visit.customer_id,
                                      visit_id=visit.id)
                session.add(row)
            values: dict[str, Any] = {
                "competitor": quote.competitor.strip(),
                "product_text": quote.product_text.strip(),
                "their_price": parse_amount(quote.their_price),
                "our_price": parse_amount(quote.our_price) if quote.our_price.strip() else None,
                "currency": fold_width(quote.currency).strip().upper(),
                "unit": quote.unit.strip(),
                "notes": quote.notes.strip(),
            }
            for name, value in values.items():
                if getattr(row, name, None) != value:
                    setattr(row, name, value)
            written += 1
        for gone in stored.values():  # removed from the form
            gone.deleted_at = at
        return written

    @staticmethod
    def _write_promises(
        session: Session,
        visit: Visit,
        drafts: list[PromiseDraft],
        stored: dict[uuid.UUID, Promise],
        *,
        made_on: date,
        me: uuid.UUID | None,
        at: datetime,
    ) -> tuple[int, bool]:
        """Writes the form's promises; (how many are new, whether any promise changed)."""
        made = 0
        changed = False
        left = dict(stored)
        for pd in drafts:
            if pd.is_blank():
                continue
            row = left.pop(pd.id, None) if pd.id else None
            if row is None:  # new: the ledger's one writer (validated above, with the form's names)
                assert pd.due is not None
                write_promise(session, NewPromise(
                    customer_id=visit.customer_id, description=pd.description, due=pd.due,
                    contact_id=pd.contact_id, made_to=pd.made_to, department=pd.department,
                    visit_id=visit.id,
                ), me, made_on)
                made += 1
                changed = True
                continue
            if row.status != PromiseStatus.OPEN.value:
                continue  # closed: unchanged (refused above if it was edited)
            values: dict[str, Any] = {
                "description": pd.description.strip(),
                "due": pd.due,
                "contact_id": pd.contact_id,
                "made_to": pd.made_to.strip(),
                "department": pd.department,
            }
            for name, value in values.items():
                if getattr(row, name, None) != value:
                    setattr(row, name, value)
                    changed = True
        for gone in left.values():  # open promises removed from the form
            gone.deleted_at = at
            changed = True
        return made, changed
