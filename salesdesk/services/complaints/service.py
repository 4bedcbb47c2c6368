"""Complaints: record one while the customer is still there, take the steps of its handling,
and keep its committed clock right.

Recording is one transaction: the complaint, its first history entry, its attachments' rows and
both deadlines, set by the committed clock (domain/complaint_clock.py) on the business calendar
and policy in force (:mod:`.clock_settings`). Every step goes through the state machine
(domain/complaints.py), appends one history row and recomputes the stored deadlines in the same
transaction; editing the calendar or the policy recomputes every open complaint's
(:meth:`ComplaintService.recompute_open`). The stored deadlines let the board sort thousands of
complaints in SQL; the time left is computed once per read from them.

A paused complaint stores the deadlines as of its pause: its time left stays what it was when it
was paused, on every screen, until it is resumed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from salesdesk.db import complaint_board as columns
from salesdesk.db import complaints as q
from salesdesk.db import state
from salesdesk.db.models import Complaint, ComplaintAttachment, ComplaintEvent
from salesdesk.db.people import bound_user, get_user
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.documents.ical_holidays import read_days
from salesdesk.domain import complaints as rules
from salesdesk.domain.business_calendar import BusinessCalendar
from salesdesk.domain.clock import utcnow
from salesdesk.domain.complaint_clock import Policy, Severity, clock, in_words
from salesdesk.domain.complaints import (
    Channel,
    ComplaintCategory,
    ComplaintState,
    ComplaintStatus,
    EventKind,
    HistoryEntry,
    Step,
)
from salesdesk.domain.ids import uuid7
from salesdesk.domain.people import Role
from salesdesk.domain.validation import ErrorCode, FieldError, ValidationFailed
from salesdesk.kit.errors import KnownError
from salesdesk.services.complaints.attachments import AttachmentStore, StoredFile
from salesdesk.services.complaints.clock_settings import ClockRules, ClockSettings
from salesdesk.services.complaints.records import (
    AttachmentRow,
    Board,
    BoardClock,
    BoardFilter,
    BoardRow,
    BoardRows,
    Committed,
    ComplaintDetail,
    ComplaintDraft,
    CustomerComplaint,
    EventRow,
    HolidaysImported,
    Recomputed,
    Recorded,
    StepDraft,
    Written,
)

DESCRIPTION_LIMIT = 4000
NEAR_BREACH_SHOWN = 50  # the Today page and the digest list the nearest this many
DONE_SHOWN = 500  # the resolved and closed tab shows the latest this many


class HolidaysUnreadable(KnownError):
    """An .ics file of holidays that cannot be imported (params: file, problem)."""

    code = "complaints.holidays_unreadable"


class ComplaintGone(KnownError):
    """The complaint was deleted (or a sync removed its customer) since it was shown."""

    code = "complaints.gone"


def _choice(errors: list[FieldError], name: str, value: str, allowed: type[Any]) -> None:
    if value not in {v.value for v in allowed}:
        errors.append(FieldError(name, ErrorCode.CHOICE, {"value": value}))


def _validate(draft: ComplaintDraft) -> list[FieldError]:
    errors: list[FieldError] = []
    if draft.customer_id is None:
        errors.append(FieldError("customer", ErrorCode.REQUIRED))
    description = draft.description.strip()
    if not description:
        errors.append(FieldError("complaint", ErrorCode.REQUIRED))
    elif len(description) > DESCRIPTION_LIMIT:
        errors.append(FieldError("complaint", ErrorCode.TOO_LONG, {"limit": DESCRIPTION_LIMIT}))
    _choice(errors, "channel", draft.channel, Channel)
    _choice(errors, "category", draft.category, ComplaintCategory)
    _choice(errors, "severity", draft.severity, Severity)
    for name, value, limit in (("contact_name", draft.contact_name, 100),
                               ("batch_no", draft.batch_no, 50)):
        if len(value.strip()) > limit:
            errors.append(FieldError(name, ErrorCode.TOO_LONG, {"limit": limit}))
    return errors


def _state(c: Complaint) -> ComplaintState:
    return ComplaintState(
        status=ComplaintStatus(c.status), paused_at=c.paused_at, department=c.department,
        contacted_at=c.contacted_at, resolved_at=c.resolved_at, closed_at=c.closed_at,
        satisfaction=c.satisfaction, satisfaction_comment=c.satisfaction_comment,
    )


def _put_state(c: Complaint, s: ComplaintState) -> None:
    c.status, c.paused_at, c.department = s.status.value, s.paused_at, s.department
    c.contacted_at, c.resolved_at, c.closed_at = s.contacted_at, s.resolved_at, s.closed_at
    c.satisfaction, c.satisfaction_comment = s.satisfaction, s.satisfaction_comment


def _entries(rows: Sequence[Any]) -> dict[uuid.UUID, list[HistoryEntry]]:
    found: dict[uuid.UUID, list[HistoryEntry]] = {}
    for complaint_id, kind, at, reason in rows:
        found.setdefault(complaint_id, []).append(HistoryEntry(EventKind(kind), at, reason))
    return found


def _stored(at: datetime) -> str:
    """An instant as the store keeps it (UTC text that sorts as the instants do)."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _instant(stored: str | None) -> datetime | None:
    return None if stored is None else datetime.fromisoformat(stored).replace(tzinfo=UTC)


def _left_between(calendar: BusinessCalendar, start: datetime, due: datetime) -> int:
    """Working minutes from ``start`` to ``due``; negative when ``due`` is past."""
    if due >= start:
        return calendar.working_minutes(start, due)
    return -calendar.working_minutes(due, start)


class ComplaintService:
    """Writes return :class:`Recorded`/:class:`Written` (their ``changes``: complaints, and
    an op waiting to be sent); every method is one transaction."""

    def __init__(
        self,
        factory: sessionmaker[LocalSession],
        zone: ZoneInfo,
        settings: ClockSettings,
        files: AttachmentStore,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._factory = factory
        self._zone = zone
        self._settings = settings
        self.files = files
        self.clock = clock

    # --- the clock in force -------------------------------------------------------------------

    @property
    def rules(self) -> ClockRules:
        return self._settings.rules

    def now(self) -> datetime:
        return self.clock()

    def committed(self, severity: str, language: str,
                  received_at: datetime | None = None) -> Committed:
        """The committed times of a complaint of ``severity`` received at ``received_at``
        (default now), and the contact time in words: what the script reads out. Pure: no
        database, so the dialog asks it on every keystroke."""
        rules_ = self.rules
        at = received_at or self.clock()
        c = clock(at, rules_.targets(severity), rules_.calendar, [], at,
                  contacted_at=None, resolved_at=None)
        words = in_words(c.deadlines.first_contact, at, rules_.calendar.zone, language)
        return Committed(at, c.deadlines.first_contact, c.deadlines.resolution, words)

    def _store_deadlines(self, session: Session, complaints: Sequence[Complaint],
                         now: datetime, extra: HistoryEntry | None = None) -> None:
        """Recomputes and stores each complaint's deadlines from its history's pauses (plus
        ``extra``, a step not flushed yet). A paused complaint is computed as of its pause."""
        rules_ = self.rules
        history = _entries(q.clock_events(session, [c.id for c in complaints]))
        for c in complaints:
            entries = history.get(c.id, [])
            if extra is not None:
                entries = [*entries, extra]
            due = rules.stored_deadlines(_state(c), c.received_at, rules_.targets(c.severity),
                                         rules_.calendar, entries, now=now)
            c.first_contact_due, c.resolution_due = due.first_contact, due.resolution

    # --- recording ----------------------------------------------------------------------------

    def _tag(self, session: Session) -> str:
        node = state.read(session, state.CLIENT_ID)
        if node is None:  # the outbox makes it on its first write otherwise; same key
            node = str(uuid7())
            state.write(session, state.CLIENT_ID, node)
            session.flush()
        return rules.node_tag(node)

    def _reference(self, session: Session, at: datetime) -> str:
        day = at.astimezone(ZoneInfo(self.rules.calendar.zone)).strftime("%Y%m%d")
        tag = self._tag(session)
        prefix = rules.reference_prefix(day, tag)
        return rules.reference(day, tag, q.highest_number(session, prefix) + 1)

    def next_reference(self) -> str:
        """The reference the next complaint recorded now will get (the script reads it out
        before saving; :meth:`record` keeps it unless another complaint took it meanwhile)."""
        with unit_of_work(self._factory) as session:
            return self._reference(session, self.clock())

    def record(self, draft: ComplaintDraft) -> Recorded:
        """Records a complaint with its first history entry, its attachments and both
        deadlines, in one transaction.

        Raises:
            ValidationFailed: every problem with the draft, each naming its field.
            AttachmentTooLarge, AttachmentUnreadable: an attachment (nothing recorded).
        """
        errors = _validate(draft)
        if errors:
            raise ValidationFailed(errors)
        stored = [self.files.add(path) for path in draft.attachments]
        now = self.clock()
        with unit_of_work(self._factory) as session:
            assert draft.customer_id is not None
            if q.live_customer(session, draft.customer_id) is None:
                raise ValidationFailed([FieldError("customer", ErrorCode.NOT_FOUND)])
            if draft.contact_id is not None:
                owner = q.contact_of(session, draft.contact_id)
                if owner is None or owner[0] != draft.customer_id:
                    raise ValidationFailed([FieldError("complaint_contact", ErrorCode.CHOICE)])
            me = bound_user(session)
            by = uuid.UUID(me[0]) if me else None
            wanted = draft.reference.strip()
            taken = not wanted or q.reference_taken(session, wanted)
            reference = self._reference(session, now) if taken else wanted
            complaint = Complaint(
                id=uuid7(), customer_id=draft.customer_id, reference=reference,
                contact_id=draft.contact_id, contact_name=draft.contact_name.strip(),
                channel=draft.channel, category=draft.category, severity=draft.severity,
                description=draft.description.strip(),
                shipment_notice_id=draft.shipment_notice_id, product_id=draft.product_id,
                batch_no=draft.batch_no.strip(), received_at=now, received_by_id=by,
                status=ComplaintStatus.RECEIVED.value,
            )
            self._store_deadlines(session, [complaint], now)
            session.add(complaint)
            session.add(ComplaintEvent(id=uuid7(), complaint_id=complaint.id,
                                       kind=EventKind.RECEIVED.value, at=now, by_id=by))
            self._add_files(session, complaint.id, stored)
            assert complaint.first_contact_due and complaint.resolution_due
            return Recorded(complaint.id, reference, complaint.first_contact_due,
                            complaint.resolution_due)

    def _add_files(self, session: Session, complaint_id: uuid.UUID,
                   stored: Sequence[StoredFile]) -> None:
        for f in stored:
            session.add(ComplaintAttachment(id=uuid7(), complaint_id=complaint_id,
                                            sha256=f.sha256, filename=f.filename, size=f.size,
                                            mime=f.mime))

    def attach(self, complaint_id: uuid.UUID, paths: Sequence[Path]) -> Written:
        """Adds attachments to a complaint (its bytes copied into the data directory first)."""
        stored = [self.files.add(p) for p in paths]
        with unit_of_work(self._factory) as session:
            if q.get(session, complaint_id) is None:
                raise ComplaintGone(str(complaint_id))
            self._add_files(session, complaint_id, stored)
        return Written(complaint_id)

    # --- handling -----------------------------------------------------------------------------

    def take_step(self, complaint_id: uuid.UUID, draft: StepDraft) -> Written:
        """Takes one step through the state machine, appends it to the history and recomputes
        the stored deadlines, in one transaction.

        Raises:
            ValidationFailed: the step is not allowed now (domain/complaints.py: apply).
            ComplaintGone: the complaint is no longer on this laptop.
        """
        now = self.clock()
        step = Step(draft.kind, now, text=draft.text, department=draft.department,
                    reason=draft.reason, score=draft.score)
        with unit_of_work(self._factory) as session:
            complaint = q.get(session, complaint_id)
            if complaint is None:
                raise ComplaintGone(str(complaint_id))
            after = rules.apply(_state(complaint), step)
            me = bound_user(session)
            session.add(ComplaintEvent(
                id=uuid7(), complaint_id=complaint_id, kind=draft.kind.value, at=now,
                by_id=uuid.UUID(me[0]) if me else None, text=draft.text.strip(),
                department=draft.department, reason=draft.reason.strip(), score=draft.score))
            _put_state(complaint, after)
            self._store_deadlines(session, [complaint], now,
                                  HistoryEntry(draft.kind, now, draft.reason.strip()))
        return Written(complaint_id)

    def recompute_open(self) -> Recomputed:
        """Recomputes every unresolved complaint's stored deadlines on the calendar and policy
        in force (after they were edited); paused time is measured again on the new calendar."""
        now = self.clock()
        with unit_of_work(self._factory) as session:
            open_ = q.unresolved(session)
            self._store_deadlines(session, open_, now)
            return Recomputed(len(open_))

    def time_untimed(self) -> Recomputed:
        """Sets the deadlines of open complaints that have none (recorded before the store
        had them: migration 0010 converts rows but cannot run the clock); the Complaints
        page asks once when it first opens."""
        now = self.clock()
        with unit_of_work(self._factory) as session:
            untimed = q.unresolved(session, untimed=True)
            self._store_deadlines(session, untimed, now)
            return Recomputed(len(untimed))

    def save_rules(self, calendar: BusinessCalendar | None = None,
                   policy: Policy | None = None) -> Recomputed:
        """Saves an edited calendar and/or policy and recomputes the open complaints."""
        self._settings.save(calendar, policy)
        return self.recompute_open()

    def import_holidays(self, source: Path) -> HolidaysImported:
        """Adds an .ics file's holidays and make-up working days (调休) to the calendar in
        force, saves it and recomputes the open complaints.

        Raises:
            HolidaysUnreadable: the file cannot be read, or is not such a calendar (the
                problem names the line or the date).
        """
        try:
            days = read_days(source.read_bytes())
            calendar = self.rules.calendar.with_days(days.holidays, days.workdays)
        except (OSError, ValueError) as exc:  # IcsError is a ValueError
            problem = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise HolidaysUnreadable(str(exc), file=source.name, problem=problem) from exc
        recomputed = self.save_rules(calendar=calendar)
        return HolidaysImported(len(days.holidays), len(days.workdays), len(days.skipped),
                                recomputed.count)

    # --- reading ------------------------------------------------------------------------------

    def _near_thresholds(self, now: datetime) -> dict[tuple[str, bool], str]:
        """For each severity and clock (first contact or resolution), the latest deadline that
        is near breach at ``now`` (domain/complaints.py: near_breach — a quarter of the target
        or less left), as stored text: the board compares, the calendar counts 8 times."""
        rules_ = self.rules
        found: dict[tuple[str, bool], str] = {}
        for severity, targets in rules_.policy.targets.items():
            for first, target in ((True, targets.first_contact_minutes),
                                  (False, targets.resolution_minutes)):
                latest = rules_.calendar.add_working(now, target // rules.NEAR_BREACH_SHARE)
                found[(severity.value, first)] = _stored(latest)
        return found

    def _board(self, *, done: bool, limit: int | None) -> Board:
        now = self.clock()
        with unit_of_work(self._factory) as session:
            raw = q.board_raw(session, done=done, limit=limit)
            names = q.board_customers(session, raw)
        clock = BoardClock(_stored(now), {} if done else self._near_thresholds(now))
        return Board(BoardRows(raw, lambda r: self._board_row(r, names, clock, now, done),
                               names, clock), now)

    def board(self, wanted: BoardFilter | None = None, limit: int | None = None) -> Board:
        """Open complaints, the nearest deadline first, each with its time left now (made for
        a row when it is read: see :class:`BoardRows`)."""
        board = self._board(done=False, limit=limit)
        if wanted is None:
            return board
        return Board(board.rows.matching(
            category=wanted.category, severity=wanted.severity,
            customer_id=wanted.customer_id, department=wanted.department), board.now)

    def done(self, limit: int = DONE_SHOWN) -> Board:
        """Resolved and closed complaints, the latest received first (their clocks stopped)."""
        return self._board(done=True, limit=limit)

    def _board_row(self, r: tuple[Any, ...], names: dict[str, str], clock: BoardClock,
                   now: datetime, done: bool) -> BoardRow:
        due = _instant(r[columns.B_DUE])
        paused_at = _instant(r[columns.B_PAUSED])
        left: int | None = None
        if due is not None and not done:
            left = _left_between(self.rules.calendar, paused_at or now, due)
        return BoardRow(
            id=uuid.UUID(r[columns.B_ID]), reference=r[columns.B_REFERENCE],
            customer_id=uuid.UUID(r[columns.B_CUSTOMER_ID]),
            customer_name=names.get(r[columns.B_CUSTOMER_ID], ""),
            category=r[columns.B_CATEGORY], severity=r[columns.B_SEVERITY],
            status=ComplaintStatus(r[columns.B_STATUS]), department=r[columns.B_DEPARTMENT],
            received_at=_instant(r[columns.B_RECEIVED]) or now,
            due=due, first_contact=bool(r[columns.B_FIRST_CONTACT]), left=left,
            paused=paused_at is not None, near=not done and clock.near(r),
        )

    def my_department(self) -> str | None:
        """The bound HQ staff member's department (None for anyone else): the complaints
        escalated to it are theirs to work."""
        with unit_of_work(self._factory) as session:
            me = bound_user(session)
            user = get_user(session, uuid.UUID(me[0])) if me is not None else None
            if user is None or user.role != Role.HQ.value:
                return None
            return user.department or None

    def near_breach(self, limit: int = NEAR_BREACH_SHOWN) -> list[BoardRow]:
        """Open complaints near breach or breached and not paused, the most urgent first."""
        return self.board().rows.urgent()[:limit]

    def detail(self, complaint_id: uuid.UUID) -> ComplaintDetail:
        now = self.clock()
        with unit_of_work(self._factory) as session:
            found = q.detail(session, complaint_id)
            if found is None:
                raise ComplaintGone(str(complaint_id))
            c: Complaint = found[0]
            events = q.history(session, complaint_id)
            files = q.attachments(session, complaint_id)
            pauses = rules.pauses(_entries(q.clock_events(session, [complaint_id])).get(
                complaint_id, []))
        rules_ = self.rules
        moment = c.paused_at or now
        result = clock(c.received_at, rules_.targets(c.severity), rules_.calendar, pauses,
                       moment, contacted_at=c.contacted_at, resolved_at=c.resolved_at)
        return ComplaintDetail(
            id=c.id, reference=c.reference, customer_id=c.customer_id,
            customer_name=found.customer_name,
            contact=found.contact_on_file or c.contact_name, channel=c.channel,
            category=c.category, severity=c.severity, description=c.description,
            batch_no=c.batch_no, received_at=c.received_at, received_by=found.received_by or "",
            status=ComplaintStatus(c.status), department=c.department,
            paused=c.paused_at is not None, first_contact_due=c.first_contact_due,
            resolution_due=c.resolution_due, first_contact_left=result.first_contact_left,
            resolution_left=result.resolution_left, contacted_at=c.contacted_at,
            resolved_at=c.resolved_at, closed_at=c.closed_at, satisfaction=c.satisfaction,
            satisfaction_comment=c.satisfaction_comment,
            events=[EventRow(e.id, EventKind(e.kind), e.at, e.by_name or "", e.text,
                             e.department, e.reason, e.score) for e in events],
            attachments=[AttachmentRow(f.id, f.filename, f.size, f.mime,
                                       self.files.path_of(f.sha256)
                                       if self.files.has(f.sha256) else None)
                         for f in files],
        )

    def for_customer(self, customer_id: uuid.UUID) -> list[CustomerComplaint]:
        with unit_of_work(self._factory) as session:
            rows = q.for_customer(session, customer_id)
        return [CustomerComplaint(r.id, r.reference, r.received_at, r.category,
                                  ComplaintStatus(r.status), r.description, r.satisfaction)
                for r in rows]
