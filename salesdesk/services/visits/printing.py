"""Printed visit documents from the store: the visit summary (拜访纪要) of one visit or of a
whole day in one PDF, and the pre-visit brief of a customer.

Each render reads what it needs in one short transaction, lays the PDF out with no
transaction open, and writes it beside the target before moving it into place: a cancel or a
full disk leaves no half-written file and does not touch an existing one. A day's render is a
job (``kit/jobs.py``): progress per visit, cancel between visits. That a summary was printed is
recorded afterwards (:meth:`VisitPrinting.mark_printed`, on the writer).
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from salesdesk.db.customers import contacts_of, get_customer
from salesdesk.db.models import CompetitorQuote, Customer, Promise, Visit
from salesdesk.db.people import people_names
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.db.timeline import (
    get_visit,
    promises_of,
    promises_of_visit,
    quotes_of,
    quotes_of_visit,
    visits_between,
    visits_of,
)
from salesdesk.documents import brief as brief_pdf
from salesdesk.documents import visit_summary as summary_pdf
from salesdesk.documents.layout import Language
from salesdesk.domain.clock import utcnow
from salesdesk.domain.due import is_overdue, local_date
from salesdesk.domain.promises import PromiseState, PromiseStatus, kept_rate
from salesdesk.kit.changes import Changes
from salesdesk.kit.errors import KnownError
from salesdesk.kit.jobs import JobState
from salesdesk.settings import Settings

# The letterhead when settings name no company.
DEFAULT_COMPANY: dict[Language, str] = {
    "zh_CN": "华东彩涂金属材料有限公司", "en": "East China Coated Metals Co., Ltd."}
# Who delivers a promise for an HQ department (domain/people.py: Department), as printed.
DEPARTMENTS: dict[Language, dict[str, str]] = {
    "zh_CN": {"logistics": "物流部", "quality": "质量部", "technical": "技术部",
              "finance": "财务部", "sales_admin": "销售内勤"},
    "en": {"logistics": "Logistics", "quality": "Quality", "technical": "Technical",
           "finance": "Finance", "sales_admin": "Sales office"},
}
TIER_WORDS: dict[Language, str] = {"zh_CN": "{tier} 类", "en": "Tier {tier}"}
BRIEF_VISITS = 5  # the brief's last visits, promises and prices: what fits one page
BRIEF_PROMISES = 10
BRIEF_QUOTES = 6
KEPT_RATE_DAYS = 365  # the brief's kept-rate covers promises due in the last year


class PrintGone(KnownError):
    """The visit (or customer) to print is no longer in the store (deleted, or a sync took it
    away). ``params``: none."""

    code = "visits.print_gone"


class NothingToPrint(KnownError):
    """No visit is planned or done on the day asked for. ``params``: ``day`` (ISO date)."""

    code = "visits.nothing_to_print"


class PrintFileError(KnownError):
    """The PDF could not be written. ``params``: ``path`` and ``reason`` (the system's words)."""

    code = "visits.print_file"


@dataclass(frozen=True)
class Printed:
    """A PDF written: where, and the visits it summarises (none for a brief)."""

    path: Path
    visit_ids: tuple[uuid.UUID, ...] = ()


class VisitPrinting:
    def __init__(self, factory: sessionmaker[LocalSession], settings: Settings) -> None:
        self._factory = factory
        self._settings = settings

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self._settings.time_zone or "Asia/Shanghai")

    # --- reading -----------------------------------------------------------------------

    def summary(self, visit_id: uuid.UUID, *, language: Language = "zh_CN"
                ) -> summary_pdf.VisitSummary:
        """What the printed summary of one visit shows; :class:`PrintGone` if it is not here."""
        with unit_of_work(self._factory) as session:
            return _Reader(session, self, language).summary(visit_id)

    def day_visits(self, day: date) -> list[uuid.UUID]:
        """The visits (planned or done, not cancelled) starting on ``day``, local time."""
        start = datetime.combine(day, time(0), tzinfo=self.zone)
        with unit_of_work(self._factory) as session:
            return [v.id for v in visits_between(session, start, start + timedelta(days=1))]

    def brief(self, customer_id: uuid.UUID, *, now: datetime | None = None,
              language: Language = "zh_CN") -> brief_pdf.PreVisitBrief:
        with unit_of_work(self._factory) as session:
            return _Reader(session, self, language).brief(customer_id, now or utcnow())

    # --- rendering ---------------------------------------------------------------------

    def render_visit(self, visit_id: uuid.UUID, target: Path, *,
                     language: Language = "zh_CN") -> Printed:
        summary = self.summary(visit_id, language=language)
        write_pdf(target, lambda out: summary_pdf.render_visit_summary(summary, out,
                                                                    language=language))
        return Printed(Path(target), (visit_id,))

    def render_day(self, day: date, target: Path, state: JobState, *,
                   language: Language = "zh_CN") -> Printed:
        """All of ``day``'s visits in one PDF, in the order they are planned; progress per
        visit (``done`` of ``total``, the customer's name), cancel between visits.
        :class:`NothingToPrint` when the day has no visit."""
        ids = self.day_visits(day)
        if not ids:
            raise NothingToPrint(day.isoformat(), day=day.isoformat())
        state.progress(0, len(ids))
        with unit_of_work(self._factory) as session:
            reader = _Reader(session, self, language)
            summaries = [reader.summary(visit_id) for visit_id in ids]
        state.check()

        def reached(n: int) -> None:
            state.check()
            state.progress(n, len(summaries), summaries[n].customer)

        write_pdf(target, lambda out: summary_pdf.render_day(summaries, out, language=language,
                                                          on_visit=reached))
        state.progress(len(summaries), len(summaries))
        return Printed(Path(target), tuple(ids))

    def render_brief(self, customer_id: uuid.UUID, target: Path, *,
                     now: datetime | None = None, language: Language = "zh_CN") -> Printed:
        brief = self.brief(customer_id, now=now, language=language)
        write_pdf(target, lambda out: brief_pdf.render_brief(brief, out, language=language))
        return Printed(Path(target))

    # --- recording ---------------------------------------------------------------------

    def mark_printed(self, visit_ids: Iterable[uuid.UUID], at: datetime | None = None
                     ) -> Changes:
        """Records when the summaries were printed (``summary_printed_at``; it syncs)."""
        moment = at or utcnow()
        with unit_of_work(self._factory) as session:
            for visit_id in visit_ids:
                visit = get_visit(session, visit_id)
                if visit is not None:
                    visit.summary_printed_at = moment
        return Changes(visits=True)


class _Reader:
    """Builds documents from rows in one session; people's names read once."""

    def __init__(self, session: Session, printing: VisitPrinting, language: Language) -> None:
        self.session = session
        self.language = language
        self.zone = printing.zone
        settings = printing.settings
        self.company = settings.company_name.strip() or DEFAULT_COMPANY[language]
        logo = Path(settings.company_logo) if settings.company_logo.strip() else None
        self.logo = logo if logo is not None and logo.is_file() else None
        self.names = people_names(session)

    def _customer(self, customer_id: uuid.UUID) -> Customer:
        customer = get_customer(self.session, customer_id)
        if customer is None:
            raise PrintGone(f"customer {customer_id}")
        return customer

    def _person(self, user_id: uuid.UUID | None) -> str:
        return self.names.get(str(user_id), "") if user_id is not None else ""

    def _owner(self, promise: Promise) -> str:
        if promise.department:
            return DEPARTMENTS[self.language].get(promise.department, promise.department)
        return self._person(promise.made_by_id)

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone).replace(tzinfo=None)

    def summary(self, visit_id: uuid.UUID) -> summary_pdf.VisitSummary:
        visit = get_visit(self.session, visit_id)
        if visit is None:
            raise PrintGone(f"visit {visit_id}")
        customer = self._customer(visit.customer_id)
        made = promises_of_visit(self.session, visit.id)
        earlier = [p for p in promises_of(self.session, customer.id,
                                          status=PromiseStatus.OPEN.value)
                   if p.visit_id != visit.id]
        return summary_pdf.VisitSummary(
            company=self.company,
            logo=self.logo,
            customer=customer.name,
            customer_address=visit.place.strip() or _address(customer),
            starts_at=self._local(visit.visited_at or visit.starts_at),
            salesperson=self._person(visit.salesperson_id),
            people_met=self._people_met(visit),
            purpose=visit.purpose,
            discussion=visit.discussed,
            needs=visit.customer_needs,
            dissatisfactions=visit.dislikes,
            receiving_problems=visit.receiving_problems,
            more_we_could_do=visit.improvements,
            next_step=visit.next_step,
            competitor_quotes=tuple(_quote(q) for q in quotes_of_visit(self.session, visit.id)
                                    if q.their_price is not None),
            promises=tuple(summary_pdf.PromiseLine(p.description, self._owner(p), p.due)
                           for p in made),
            open_promises=tuple(
                summary_pdf.PromiseLine(p.description, self._owner(p), p.due, made_on=p.made_on)
                for p in sorted(earlier, key=lambda p: (p.due, p.made_on))),
        )

    def _people_met(self, visit: Visit) -> tuple[str, ...]:
        """The contacts met (with their role), then anyone else named in ``met_with``."""
        contacts = {str(c.id): c for c in contacts_of(self.session, visit.customer_id)}
        people = []
        for contact_id in visit.met_contact_ids or []:
            contact = contacts.get(contact_id)
            if contact is not None:
                people.append(_with_role(contact.name, contact.role, self.language))
        people += [name.strip() for name in visit.met_with.replace("，", ",").replace("、", ",")
                   .split(",") if name.strip()]
        return tuple(people)

    def brief(self, customer_id: uuid.UUID, now: datetime) -> brief_pdf.PreVisitBrief:
        customer = self._customer(customer_id)
        today = local_date(now, self.zone)
        done = visits_of(self.session, customer.id, BRIEF_VISITS, status="done")
        promises = promises_of(self.session, customer.id)
        open_ones = sorted((p for p in promises if p.status == PromiseStatus.OPEN.value),
                           key=lambda p: (p.due, p.made_on))
        period = (today - timedelta(days=KEPT_RATE_DAYS), today)
        states = [PromiseState(made_on=p.made_on, due=p.due, status=PromiseStatus(p.status))
                  for p in promises if p.status in tuple(PromiseStatus)]
        contacts = contacts_of(self.session, customer.id)
        return brief_pdf.PreVisitBrief(
            company=self.company,
            logo=self.logo,
            customer=customer.name,
            prepared_on=today,
            salesperson=self._person(customer.assigned_to_id),
            address=_address(customer),
            tier=TIER_WORDS[self.language].format(tier=customer.tier) if customer.tier else "",
            contacts=tuple(_with_role(c.name, c.role, self.language) for c in contacts),
            last_visits=tuple(
                brief_pdf.PastVisit(local_date(v.visited_at or v.starts_at, self.zone),
                                    v.purpose, v.next_step) for v in done),
            open_promises=tuple(
                brief_pdf.OpenPromise(p.description, self._owner(p), p.due,
                                      is_overdue(p.due, now, self.zone))
                for p in open_ones[:BRIEF_PROMISES]),
            kept_rate=kept_rate(states, period, today),
            kept_period=period,
            quotes=tuple(
                brief_pdf.HeardPrice(local_date(q.created_at, self.zone), q.competitor,
                                     q.product_text, _price(q.their_price, q),
                                     _price(q.our_price, q))
                for q in quotes_of(self.session, customer.id, BRIEF_QUOTES)),
        )


def _address(customer: Customer) -> str:
    """Province and city, unless the address names them already, then the address."""
    address = customer.address.strip()
    parts: Sequence[str] = (customer.province.strip(), customer.city.strip())
    return "".join(p for p in parts if p and p not in address) + address


def _with_role(name: str, role: str, language: Language) -> str:
    if not role.strip():
        return name
    return f"{name}（{role.strip()}）" if language == "zh_CN" else f"{name} ({role.strip()})"


def _price(amount: Decimal | None, quote: CompetitorQuote) -> summary_pdf.Price | None:
    return None if amount is None else summary_pdf.Price(amount, quote.currency, quote.unit)


def _quote(q: CompetitorQuote) -> summary_pdf.CompetitorQuote:
    their = _price(q.their_price, q)
    assert their is not None
    return summary_pdf.CompetitorQuote(q.competitor, q.product_text, their, _price(q.our_price, q))


def write_pdf(target: Path, render: Callable[[Path], None]) -> None:
    """Renders into a file beside ``target`` and moves it into place only when complete."""
    target = Path(target)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise PrintFileError(str(exc), path=str(target), reason=exc.strerror or str(exc)) from exc
    os.close(fd)
    part = Path(name)
    try:
        render(part)
        os.replace(part, target)
    except OSError as exc:
        raise PrintFileError(str(exc), path=str(target), reason=exc.strerror or str(exc)) from exc
    finally:
        with suppress(FileNotFoundError):
            part.unlink()
