"""Shipment notices (发货通知): compose, send, follow the ETA, confirm arrival, rate on-time.

Every write is one transaction through the rules of :mod:`salesdesk.domain.shipments` (refusals
are ``ValidationFailed`` with field codes) and writes the sync outbox, so notices composed by HQ
logistics reach the salesperson and every send reaches HQ. Sending by email puts the message in
the mail outbox in the same transaction as the send's log row (:mod:`.mailing`); a text (SMS,
WeChat) or a printed notice is logged when the user has it.

Over 500 lines: one service class, the notice's use cases (compose, send plan, sends, ETA
change, arrival, the page's reads); mailing, records and timeline entries are already apart.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from salesdesk.db import shipments as q
from salesdesk.db.models import ShipmentDispatch, ShipmentLine, ShipmentNotice
from salesdesk.db.people import bound_user
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain import shipments as rules
from salesdesk.domain.clock import utcnow
from salesdesk.domain.ids import uuid7
from salesdesk.domain.shipment_text import LANGUAGES, NoticeText, short_text, subject
from salesdesk.domain.shipments import (
    Channel,
    DispatchResult,
    Element,
    NoticeFacts,
    NoticeLine,
    NoticeState,
    OnTime,
    ShipmentStatus,
    parse_quantity,
    sms_segments,
)
from salesdesk.domain.validation import ErrorCode, FieldError, ValidationFailed, is_email
from salesdesk.services.shipments.records import (
    Arrival,
    DispatchRow,
    LineDraft,
    NoticeDetail,
    NoticeDraft,
    NoticeGone,
    OnTimeRates,
    RateLine,
    Recipient,
    Saved,
    SendPlan,
    Sent,
    ShipmentList,
    ShipmentRow,
    View,
    quantity_cell,
)

LIMITS = {"order_ref": 100, "carrier": 100, "driver_name": 50, "remarks": 2000}
ON_ROAD_SHOWN = 5000  # on the road: every one (a company has hundreds, not thousands)
VIEW_SHOWN = 2000  # delivered, drafts, all: the newest this many (the tab counts them all)


def _me(session: Session) -> uuid.UUID | None:
    bound = bound_user(session)
    return uuid.UUID(bound[0]) if bound else None


def _facts(draft: NoticeDraft, errors: list[FieldError]) -> NoticeFacts:
    """The draft as the rules read it; a quantity typed but not a number is an error here."""
    lines = []
    for i, line in enumerate(draft.lines):
        qty = parse_quantity(line.quantity) if line.quantity.strip() else None
        if line.quantity.strip() and qty is None:
            errors.append(FieldError(f"lines.{i}.quantity", ErrorCode.QUANTITY,
                                     {"value": line.quantity}))
        lines.append(NoticeLine(line.spec, qty, line.unit, line.batch_no, line.product_id))
    return NoticeFacts(tuple(lines), draft.ship_time, draft.truck_plate, draft.driver_phone,
                       draft.eta, draft.driver_name, draft.carrier)


def _stored_facts(notice: ShipmentNotice, lines: list[ShipmentLine]) -> NoticeFacts:
    return NoticeFacts(
        tuple(NoticeLine(x.spec, x.quantity, x.unit, x.batch_no, x.product_id) for x in lines),
        notice.ship_time, notice.truck_plate, notice.driver_phone, notice.eta,
        notice.driver_name, notice.carrier,
    )


def _recipient(c: object) -> Recipient:
    return Recipient(c.id, c.name, c.role, c.email, c.mobile)  # type: ignore[attr-defined]


def _row(r: q.PageRow) -> ShipmentRow:
    return ShipmentRow(
        r.id, r.customer_id, r.customer_name, r.notice_no, ShipmentStatus(r.status),
        r.ship_time, r.eta, r.first_eta, r.arrived_at, r.truck_plate,
        f"{r.driver_name} {r.driver_phone}".strip(), r.first_line,
    )


def _dispatch_row(d: ShipmentDispatch) -> DispatchRow:
    return DispatchRow(d.id, Channel(d.channel), d.recipient, d.sent_at, d.eta, d.is_update,
                       DispatchResult(d.result), d.detail, d.result_at)


def _detail(session: Session, notice: ShipmentNotice) -> NoticeDetail:
    """A notice as the dialogs show it, read in the caller's transaction."""
    lines = list(q.lines_of(session, notice.id))
    customer = q.live_customer(session, notice.customer_id)
    assert customer is not None  # get_notice checked it
    draft = NoticeDraft(
        customer_id=notice.customer_id,
        lines=tuple(LineDraft(x.spec, quantity_cell(x.quantity), x.unit, x.batch_no,
                              x.product_id) for x in lines),
        recipient_ids=tuple(uuid.UUID(r) for r in notice.recipient_contact_ids),
        order_ref=notice.order_ref, ship_time=notice.ship_time, carrier=notice.carrier,
        truck_plate=notice.truck_plate, driver_name=notice.driver_name,
        driver_phone=notice.driver_phone, eta=notice.eta, remarks=notice.remarks,
        language=notice.language or "zh", id=notice.id,
    )
    return NoticeDetail(
        id=notice.id, customer_name=customer.name, notice_no=notice.notice_no,
        status=ShipmentStatus(notice.status), draft=draft, first_eta=notice.first_eta,
        arrived_at=notice.arrived_at, received_by=notice.received_by,
        arrival_remarks=notice.arrival_remarks,
        missing=tuple(rules.missing_elements(_stored_facts(notice, lines))),
        dispatches=tuple(_dispatch_row(d) for d in q.dispatches_of(session, notice.id)),
        contacts=tuple(_recipient(c) for c in q.contacts_of(session, customer.id)),
    )


class ShipmentService:
    """Every method is one transaction. ``company`` names the sender in the customer's language
    ("zh" or "en")."""

    def __init__(
        self,
        factory: sessionmaker[LocalSession],
        zone: ZoneInfo,
        company: Callable[[str], str] = lambda language: "",
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._factory = factory
        self._zone = zone
        self._company = company
        self._clock = clock

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    @property
    def factory(self) -> sessionmaker[LocalSession]:
        return self._factory

    def now(self) -> datetime:
        return self._clock()

    # --- compose ------------------------------------------------------------------------------

    def save(self, draft: NoticeDraft) -> Saved:
        """Creates or changes a notice with its lines, in one transaction.

        A notice may be saved with elements missing (they stop only a send); what is filled in
        must be valid. Changing the ETA of a notice already sent says so (``eta_slipped``): the
        update with an apology is then ready to send.

        Raises:
            ValidationFailed: every problem at once, each naming its field.
            NoticeGone: the notice being edited is no longer here.
        """
        now = self._clock()
        errors = self._check_draft(draft)
        facts = _facts(draft, errors)
        errors += rules.check(facts, now)
        if errors:
            raise ValidationFailed(errors)
        facts = rules.normalized(facts)
        with unit_of_work(self._factory) as session:
            customer = q.live_customer(session, draft.customer_id)  # type: ignore[arg-type]
            if customer is None:
                raise ValidationFailed([FieldError("customer", ErrorCode.NOT_FOUND)])
            contacts = {c.id for c in q.contacts_of(session, customer.id)}
            if any(r not in contacts for r in draft.recipient_ids):
                raise ValidationFailed([FieldError("recipient_ids", ErrorCode.CHOICE)])
            values = {
                "recipient_contact_ids": [str(r) for r in draft.recipient_ids],
                "order_ref": draft.order_ref.strip(), "ship_time": facts.ship_time,
                "carrier": facts.carrier, "truck_plate": facts.truck_plate,
                "driver_name": facts.driver_name, "driver_phone": facts.driver_phone,
                "eta": facts.eta, "remarks": draft.remarks.strip(), "language": draft.language,
            }
            old_lines: list[ShipmentLine] = []
            slipped = False
            if draft.id is None:
                notice = ShipmentNotice(
                    id=uuid7(), customer_id=customer.id, status=ShipmentStatus.DRAFT.value,
                    notice_no=self._next_number(session, now), created_by_id=_me(session),
                    **values,
                )
                session.add(notice)
                session.flush()  # the lines refer to it
            else:
                found = q.get_notice(session, draft.id)
                if found is None or found.customer_id != customer.id:
                    raise NoticeGone(str(draft.id))
                notice = found
                old_lines = list(q.lines_of(session, notice.id))
                state = NoticeState(ShipmentStatus(notice.status), notice.eta, notice.first_eta)
                slipped = rules.eta_slipped(state, facts.eta)
                for name, value in values.items():  # only what changed reaches the outbox
                    if getattr(notice, name) != value:
                        setattr(notice, name, value)
            self._write_lines(session, notice.id, old_lines, facts.lines)
            return Saved(notice.id, eta_slipped=slipped)

    def _check_draft(self, draft: NoticeDraft) -> list[FieldError]:
        errors: list[FieldError] = []
        if draft.customer_id is None:
            errors.append(FieldError("customer", ErrorCode.REQUIRED))
        for name, limit in LIMITS.items():
            if len(str(getattr(draft, name)).strip()) > limit:
                errors.append(FieldError(name, ErrorCode.TOO_LONG, {"limit": limit}))
        if draft.language not in LANGUAGES:
            errors.append(FieldError("language", ErrorCode.CHOICE, {"value": draft.language}))
        for i, line in enumerate(draft.lines):
            if len(line.spec.strip()) > 300:
                errors.append(FieldError(f"lines.{i}.spec", ErrorCode.TOO_LONG, {"limit": 300}))
            if len(line.batch_no.strip()) > 50:
                errors.append(FieldError(f"lines.{i}.batch_no", ErrorCode.TOO_LONG,
                                         {"limit": 50}))
        return errors

    @staticmethod
    def _write_lines(
        session: Session, notice_id: uuid.UUID, old: list[ShipmentLine],
        new: tuple[NoticeLine, ...],
    ) -> None:
        """Lines kept in place where they are the same, changed where not, the rest added or
        tombstoned: a re-save that changed nothing writes nothing."""
        for position, line in enumerate(new):
            values = {"spec": line.spec, "quantity": line.quantity or 0, "unit": line.unit,
                      "batch_no": line.batch_no, "product_id": line.product_id,
                      "position": position}
            if position < len(old):
                row = old[position]
                for name, value in values.items():
                    if getattr(row, name) != value:
                        setattr(row, name, value)
            else:
                session.add(ShipmentLine(id=uuid7(), notice_id=notice_id, **values))
        now = utcnow()
        for row in old[len(new):]:
            row.deleted_at = now

    def _next_number(self, session: Session, now: datetime) -> str:
        local = now.astimezone(self._zone)
        midnight = datetime.combine(local.date(), time(), self._zone)
        n = q.notices_today_count(session, midnight) + 1
        return f"FH{local:%Y%m%d}-{n:02d}"

    def new_from_previous(self, notice_id: uuid.UUID) -> NoticeDraft:
        """A new notice to the same customer and recipients with the same goods; the truck,
        driver and times are left for the new shipment.

        Raises: NoticeGone.
        """
        detail = self.detail(notice_id)
        return NoticeDraft(
            customer_id=detail.draft.customer_id, lines=detail.draft.lines,
            recipient_ids=detail.draft.recipient_ids, order_ref=detail.draft.order_ref,
            carrier=detail.draft.carrier, language=detail.draft.language,
        )

    def latest_for(self, customer_id: uuid.UUID) -> uuid.UUID | None:
        """The customer's latest notice ("New from previous" in the customer view)."""
        with unit_of_work(self._factory) as session:
            notice = q.latest_notice_of(session, customer_id)
            return notice.id if notice is not None else None

    def blank(self, customer_id: uuid.UUID) -> NoticeDraft:
        """A new notice to the customer's primary contact (or first one)."""
        with unit_of_work(self._factory) as session:
            contacts = q.contacts_of(session, customer_id)
            return NoticeDraft(customer_id=customer_id,
                               recipient_ids=(contacts[0].id,) if contacts else ())

    def customers(self) -> list[tuple[uuid.UUID, str]]:
        """(id, name) of every customer on this laptop, by name (whom a new notice is for)."""
        from salesdesk.db.promises import customer_choices

        with unit_of_work(self._factory) as session:
            return customer_choices(session)

    def contacts(self, customer_id: uuid.UUID) -> list[Recipient]:
        with unit_of_work(self._factory) as session:
            return [_recipient(c) for c in q.contacts_of(session, customer_id)]

    def products(self) -> list[tuple[uuid.UUID, str, str, str]]:
        """The catalogue for the lines table: id, code, spec text, unit."""
        with unit_of_work(self._factory) as session:
            return q.product_choices(session)

    # --- read one -----------------------------------------------------------------------------

    def detail(self, notice_id: uuid.UUID) -> NoticeDetail:
        """Raises: NoticeGone."""
        with unit_of_work(self._factory) as session:
            notice = q.get_notice(session, notice_id)
            if notice is None:
                raise NoticeGone(str(notice_id))
            return _detail(session, notice)

    def text_of(self, detail: NoticeDetail) -> NoticeText:
        """The words of the notice for the customer (an update after the ETA slipped carries
        the ETA the customer was told last)."""
        draft = detail.draft
        previous = detail.last_sent_eta
        lines = []
        for line in draft.lines:
            lines.append(NoticeLine(line.spec, parse_quantity(line.quantity), line.unit,
                                    line.batch_no, line.product_id))
        return NoticeText(
            customer=detail.customer_name, company=self._company(draft.language),
            lines=tuple(lines),
            ship_time=draft.ship_time, truck_plate=draft.truck_plate,
            driver_name=draft.driver_name, driver_phone=draft.driver_phone, eta=draft.eta,
            carrier=draft.carrier, order_ref=draft.order_ref, remarks=draft.remarks,
            language=draft.language,
            previous_eta=previous if previous is not None and previous != draft.eta else None,
        )

    # --- send ---------------------------------------------------------------------------------

    def plan_send(
        self, notice_id: uuid.UUID, recipient_ids: tuple[uuid.UUID, ...] | None = None
    ) -> SendPlan:
        """What a send would do: the problems that stop it (missing elements first), who an
        email reaches and who it does not, the text and its SMS segments, the subject.

        Raises: NoticeGone.
        """
        detail = self.detail(notice_id)
        return self._plan(detail, recipient_ids)

    def _plan(
        self, detail: NoticeDetail, recipient_ids: tuple[uuid.UUID, ...] | None
    ) -> SendPlan:
        wanted = detail.draft.recipient_ids if recipient_ids is None else recipient_ids
        by_id = {c.contact_id: c for c in detail.contacts}
        recipients = tuple(by_id[r] for r in wanted if r in by_id)
        errors: list[FieldError] = []
        facts = _facts(detail.draft, errors)
        errors += rules.check(facts, self._clock())
        errors += [FieldError(str(e), ErrorCode.REQUIRED) for e in rules.missing_elements(facts)]
        if detail.status in (ShipmentStatus.ARRIVED, ShipmentStatus.CANCELLED):
            errors.insert(0, FieldError("status", ErrorCode.ALREADY_CLOSED,
                                        {"value": detail.status.value}))
        words = self.text_of(detail)
        text = short_text(words, self._zone)
        return SendPlan(
            notice_id=detail.id, customer_name=detail.customer_name, is_update=words.is_update,
            problems=tuple(errors), recipients=recipients,
            without_email=tuple(r for r in recipients if not is_email(r.email)),
            text=text, segments=sms_segments(text), subject=subject(words, self._zone),
        )

    def log_send(
        self, notice_id: uuid.UUID, channel: Channel,
        recipient_ids: tuple[uuid.UUID, ...] | None = None,
    ) -> Sent:
        """Logs a send the user made themselves: the text copied for SMS or WeChat (one row
        per recipient, with their mobile), the text copied (``copy``) or the PDF printed or
        saved (``pdf``). The notice counts as sent: its first ETA is fixed.

        Raises: ValidationFailed (an element missing, a field wrong, arrived or cancelled);
        NoticeGone.
        """
        if channel is Channel.EMAIL:
            raise ValueError("email goes through send_email")
        with unit_of_work(self._factory) as session:
            notice, plan, words = self.sendable(session, notice_id, recipient_ids)
            now = self._clock()
            targets: list[tuple[uuid.UUID | None, str]]
            if channel is Channel.SMS and plan.recipients:
                targets = [(r.contact_id, f"{r.name} {r.mobile}".strip())
                           for r in plan.recipients]
            else:
                targets = [(r.contact_id, r.name) for r in plan.recipients] or [(None, "")]
            ids = []
            for contact_id, recipient in targets:
                message = plan.subject if channel is Channel.PDF else plan.text
                ids.append(self.dispatch(
                    session, notice, channel, contact_id=contact_id, recipient=recipient,
                    message=message, is_update=words.is_update, result=DispatchResult.SENT,
                    now=now))
            self.mark_sent(notice)
            return Sent(notice.id, tuple(ids))

    def sendable(
        self, session: Session, notice_id: uuid.UUID,
        recipient_ids: tuple[uuid.UUID, ...] | None,
    ) -> tuple[ShipmentNotice, SendPlan, NoticeText]:
        """In the caller's transaction: the notice, its send plan and words, or
        ``ValidationFailed`` with what stops the send (``NoticeGone``)."""
        notice = q.get_notice(session, notice_id)
        if notice is None:
            raise NoticeGone(str(notice_id))
        session.flush()
        detail = _detail(session, notice)
        plan = self._plan(detail, recipient_ids)
        if plan.problems:
            raise ValidationFailed(list(plan.problems))
        return notice, plan, self.text_of(detail)

    def dispatch(
        self, session: Session, notice: ShipmentNotice, channel: Channel, *,
        contact_id: uuid.UUID | None, recipient: str, message: str, is_update: bool,
        result: DispatchResult, now: datetime, outbox_id: uuid.UUID | None = None,
    ) -> uuid.UUID:
        """Logs one send in the caller's transaction (the ETA it told, who sent it)."""
        row = ShipmentDispatch(
            id=uuid7(), notice_id=notice.id, sent_at=now, channel=channel.value,
            contact_id=contact_id, recipient=recipient[:200], eta=notice.eta,
            is_update=is_update, message=message, result=result.value,
            result_at=now if result is not DispatchResult.QUEUED else None,
            outbox_id=outbox_id, sent_by_id=_me(session),
        )
        session.add(row)
        return row.id

    @staticmethod
    def mark_sent(notice: ShipmentNotice) -> None:
        """A draft becomes sent; the first send fixes the first ETA (domain.after_send)."""
        state = rules.after_send(
            NoticeState(ShipmentStatus(notice.status), notice.eta, notice.first_eta)
        )
        if notice.status != state.status.value:
            notice.status = state.status.value
        if notice.first_eta != state.first_eta:
            notice.first_eta = state.first_eta

    def pdf(self, notice_id: uuid.UUID) -> tuple[bytes, str]:
        """The notice as a PDF in the customer's language, and its file name (nothing is
        logged: printing or saving it is logged by :meth:`log_send` with ``Channel.PDF``).

        Raises: NoticeGone.
        """
        from salesdesk.documents.shipment_notice import file_name, notice_pdf

        detail = self.detail(notice_id)
        words = self.text_of(detail)
        return (notice_pdf(words, self._zone, notice_no=detail.notice_no),
                file_name(words, detail.notice_no))

    # --- on the road --------------------------------------------------------------------------

    def change_eta(self, notice_id: uuid.UUID, eta: datetime) -> Saved:
        """Moves the ETA; on a notice already sent the update with its apology is then ready
        to send (``eta_slipped``). Raises: ValidationFailed; NoticeGone."""
        detail = self.detail(notice_id)
        return self.save(replace(detail.draft, eta=eta))

    def confirm_arrival(self, notice_id: uuid.UUID, arrival: Arrival) -> Saved:
        """Raises: ValidationFailed (a draft, arrived already, cancelled, a time to come);
        NoticeGone."""
        errors = []
        for name, value, limit in (("received_by", arrival.received_by, 100),
                                   ("arrival_remarks", arrival.remarks, 2000)):
            if len(value.strip()) > limit:
                errors.append(FieldError(name, ErrorCode.TOO_LONG, {"limit": limit}))
        if errors:
            raise ValidationFailed(errors)
        with unit_of_work(self._factory) as session:
            notice = q.get_notice(session, notice_id)
            if notice is None:
                raise NoticeGone(str(notice_id))
            state = rules.confirm_arrival(
                NoticeState(ShipmentStatus(notice.status), notice.eta, notice.first_eta),
                arrival.at, self._clock(),
            )
            notice.status = state.status.value
            notice.arrived_at = state.arrived_at
            notice.received_by = arrival.received_by.strip()
            notice.arrival_remarks = arrival.remarks.strip()
            return Saved(notice.id)

    def cancel(self, notice_id: uuid.UUID) -> Saved:
        """Raises: ValidationFailed (arrived already); NoticeGone."""
        with unit_of_work(self._factory) as session:
            notice = q.get_notice(session, notice_id)
            if notice is None:
                raise NoticeGone(str(notice_id))
            if notice.status == ShipmentStatus.ARRIVED.value:
                raise ValidationFailed([FieldError("status", ErrorCode.ALREADY_CLOSED,
                                                   {"value": notice.status})])
            notice.status = ShipmentStatus.CANCELLED.value
            return Saved(notice.id)

    # --- lists and rates ----------------------------------------------------------------------

    def page(self, view: View = View.ALL, customer_id: uuid.UUID | None = None
             ) -> ShipmentList:
        """One view of the Shipments page (on the road: all, the next arrival first; a view of
        many: its newest :data:`VIEW_SHOWN`), and every view's count, in one transaction."""
        now = self._clock()
        day_end = datetime.combine(now.astimezone(self._zone).date() + timedelta(days=1),
                                   time(), self._zone)
        sent = ShipmentStatus.SENT.value
        query = {
            View.ON_ROAD: q.PageQuery(status=sent, soonest_first=True, limit=ON_ROAD_SHOWN),
            View.TODAY: q.PageQuery(status=sent, eta_from=now, eta_before=day_end,
                                    soonest_first=True, limit=ON_ROAD_SHOWN),
            View.LATE: q.PageQuery(status=sent, eta_before=now, soonest_first=True,
                                   limit=ON_ROAD_SHOWN),
            View.DELIVERED: q.PageQuery(status=ShipmentStatus.ARRIVED.value, limit=VIEW_SHOWN),
            View.DRAFTS: q.PageQuery(status=ShipmentStatus.DRAFT.value, limit=VIEW_SHOWN),
            View.ALL: q.PageQuery(limit=VIEW_SHOWN),
        }[view]
        query = replace(query, customer_id=customer_id)
        with unit_of_work(self._factory) as session:
            raw = q.page_rows(session, query)
            counted = q.view_counts(session, now, day_end, customer_id)
        counts = dict(zip((View.ON_ROAD, View.LATE, View.TODAY, View.DELIVERED, View.DRAFTS,
                           View.ALL), counted, strict=True))
        return ShipmentList([_row(r) for r in raw], now, view, counts)

    def customers_with_notices(self) -> list[tuple[uuid.UUID, str]]:
        with unit_of_work(self._factory) as session:
            return q.customers_with_notices(session)

    def arriving(self, limit: int = 50) -> tuple[list[ShipmentRow], list[ShipmentRow]]:
        """The Today page's shipments: on the road and due later today (local day), and late
        (the longest late first)."""
        due = self.page(View.TODAY).rows[:limit]
        late = self.page(View.LATE).rows[:limit]
        return due, late

    def on_time(self, customer_id: uuid.UUID | None = None, *, per_customer: bool = True
                ) -> OnTimeRates:
        """On-time delivery against the first ETA promised (and the latest), overall and (unless
        ``per_customer`` is False) per customer, the lowest rate first; counted by the database
        by the domain's rule."""
        with unit_of_work(self._factory) as session:
            rows = q.on_time_counts(session, customer_id, per_customer=per_customer)
        if not per_customer:
            r = rows[0]
            return OnTimeRates(OnTime(int(r[2]), int(r[3] or 0), int(r[4] or 0)))
        lines = [RateLine(uuid.UUID(hex=str(r[0])) if not isinstance(r[0], uuid.UUID) else r[0],
                          r[1], OnTime(int(r[2]), int(r[3]), int(r[4]))) for r in rows]
        overall = OnTime(sum(x.on_time.arrived for x in lines),
                         sum(x.on_time.by_first_eta for x in lines),
                         sum(x.on_time.by_latest_eta for x in lines))
        lines.sort(key=lambda x: (x.on_time.rate_first or 0.0, x.name))
        return OnTimeRates(overall, lines)


__all__ = ["Element", "ShipmentService"]
