"""Complaints (投诉): how one is received, the steps of its handling, and which steps are
allowed when.

The handling runs received → acknowledged → contacted → investigating / escalated → solution
proposed → accepted / refused → resolved → satisfaction asked → closed; a resolved or closed
complaint can be reopened with a reason. Waiting on the customer pauses the committed clock
(with a reason) whatever the step; resuming restarts it. :func:`apply` takes the complaint as it
stands and one step, and returns it after the step, or refuses the step with
:class:`~salesdesk.domain.validation.ValidationFailed` (codes the UI words): closing an
unresolved complaint, resolving without a proposed solution, reopening without a reason,
resuming when not paused...

The committed clock (domain/complaint_clock.py) only ever counts these facts: the first
*contact* meets the first-contact target (a message from the customer is not a response), only
*resolving* meets the resolution target, and a message after resolution (a thank-you) moves
nothing. Pauses are read back from the history (:func:`pause_spans`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from salesdesk.domain.business_calendar import BusinessCalendar
from salesdesk.domain.clock import require_aware
from salesdesk.domain.complaint_clock import Deadlines, Pause, Targets, clock
from salesdesk.domain.people import Department
from salesdesk.domain.validation import ErrorCode, FieldError, ValidationFailed


class ComplaintCategory(StrEnum):
    QUALITY = "quality"
    DELIVERY = "delivery"  # delivery and transport
    SERVICE = "service"
    BILLING = "billing"
    OTHER = "other"


class Channel(StrEnum):
    """How the complaint reached us."""

    PHONE = "phone"
    VISIT = "visit"
    EMAIL = "email"
    CHAT = "chat"  # WeChat and the like
    LETTER = "letter"


class ComplaintStatus(StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    CONTACTED = "contacted"
    INVESTIGATING = "investigating"
    ESCALATED = "escalated"
    SOLUTION_PROPOSED = "solution_proposed"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    RESOLVED = "resolved"
    SATISFACTION_ASKED = "satisfaction_asked"
    CLOSED = "closed"
    REOPENED = "reopened"


class EventKind(StrEnum):
    """One entry of a complaint's history (``complaint_events.kind``)."""

    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"  # the receipt given: the complaint read back, a reference
    CONTACTED = "contacted"  # we reached the customer: meets the first-contact target
    NOTE = "note"  # an investigation note
    CUSTOMER_MESSAGE = "customer_message"  # the customer wrote or called: not a response
    ESCALATED = "escalated"  # sent to an HQ department
    SOLUTION_PROPOSED = "solution_proposed"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    RESOLVED = "resolved"  # meets the resolution target
    SATISFACTION = "satisfaction"  # the customer's score (1-5) and comment
    CLOSED = "closed"
    REOPENED = "reopened"
    PAUSED = "paused"  # waiting on the customer: the clock stops
    RESUMED = "resumed"


DONE = frozenset({ComplaintStatus.RESOLVED, ComplaintStatus.SATISFACTION_ASKED,
                  ComplaintStatus.CLOSED})
"""Statuses in which the complaint is resolved (its resolution clock stopped)."""
_CONTACTED_OR_LATER = frozenset({
    ComplaintStatus.CONTACTED, ComplaintStatus.INVESTIGATING, ComplaintStatus.ESCALATED,
    ComplaintStatus.SOLUTION_PROPOSED, ComplaintStatus.ACCEPTED, ComplaintStatus.REFUSED,
    ComplaintStatus.REOPENED,
})
_BEFORE_CONTACT = frozenset({ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED})
_RESOLVABLE = frozenset({ComplaintStatus.SOLUTION_PROPOSED, ComplaintStatus.ACCEPTED})
SCORES = range(1, 6)
ATTACHMENT_SIZE_LIMIT = 20 * 1024 * 1024
"""An attachment's bytes at most (a phone photo or a scanned letter, not a video): the laptop
refuses a bigger file when attaching, HQ a bigger upload (salesdesk/hq/blobs.py)."""


@dataclass(frozen=True)
class ComplaintState:
    """What the rules need of a complaint (the stored row's status columns)."""

    status: ComplaintStatus = ComplaintStatus.RECEIVED
    paused_at: datetime | None = None  # set while waiting on the customer
    department: str = ""  # the HQ department it was escalated to
    contacted_at: datetime | None = None  # the first contact
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    satisfaction: int | None = None
    satisfaction_comment: str = ""

    @property
    def is_resolved(self) -> bool:
        return self.status in DONE

    @property
    def is_closed(self) -> bool:
        return self.status is ComplaintStatus.CLOSED

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None


@dataclass(frozen=True)
class Step:
    """A step someone takes on a complaint; which fields matter depends on ``kind``."""

    kind: EventKind
    at: datetime
    text: str = ""
    department: str = ""  # ESCALATED
    reason: str = ""  # PAUSED, REOPENED (required); REFUSED, RESUMED (optional)
    score: int | None = None  # SATISFACTION (required, 1-5)


def _refuse(field: str, code: ErrorCode, **params: str | int) -> ValidationFailed:
    return ValidationFailed([FieldError(field, code, dict(params))])


def _out_of_order(state: ComplaintState, step: Step) -> ValidationFailed:
    return _refuse("status", ErrorCode.OUT_OF_ORDER, step=step.kind.value,
                   status=state.status.value)


def received() -> ComplaintState:
    """A complaint just recorded."""
    return ComplaintState()


def apply(state: ComplaintState, step: Step) -> ComplaintState:
    """The complaint after ``step``; refused with :class:`ValidationFailed` if the step is not
    allowed now (codes: ``not_resolved`` closing or asking satisfaction of an unresolved
    complaint, ``no_solution`` resolving without a solution proposed (or after the customer
    refused it), ``reason_required`` pausing or reopening without a reason, ``not_paused``,
    ``already_paused``, ``already_closed``, ``already_open`` (reopening), ``not_contacted``
    (proposing a solution before contacting the customer), ``score`` (not 1-5), ``choice``
    (no such department), ``required`` (a solution or note without text), ``out_of_order``
    (anything else)."""
    require_aware("at", step.at)
    kind, at, text, reason = step.kind, step.at, step.text.strip(), step.reason.strip()
    status = state.status
    if kind is EventKind.CUSTOMER_MESSAGE:
        return state  # heard and kept in the history; no response, moves nothing
    if kind is EventKind.REOPENED:
        if not state.is_resolved:
            raise _refuse("status", ErrorCode.ALREADY_OPEN)
        if not reason:
            raise _refuse("reason", ErrorCode.REASON_REQUIRED)
        return replace(state, status=ComplaintStatus.REOPENED, resolved_at=None, closed_at=None)
    if state.is_closed:
        raise _refuse("status", ErrorCode.ALREADY_CLOSED)
    if kind is EventKind.CLOSED:
        if not state.is_resolved:
            raise _refuse("status", ErrorCode.NOT_RESOLVED)
        return replace(state, status=ComplaintStatus.CLOSED, closed_at=at)
    if kind is EventKind.SATISFACTION:
        if not state.is_resolved:
            raise _refuse("status", ErrorCode.NOT_RESOLVED)
        if step.score not in SCORES:
            raise _refuse("score", ErrorCode.SCORE, value=str(step.score))
        return replace(state, status=ComplaintStatus.SATISFACTION_ASKED,
                       satisfaction=step.score, satisfaction_comment=text)
    if kind is EventKind.NOTE:
        if not text:
            raise _refuse("text", ErrorCode.REQUIRED)
        moves = status in (ComplaintStatus.CONTACTED, ComplaintStatus.REOPENED)
        return replace(state, status=ComplaintStatus.INVESTIGATING) if moves else state
    if state.is_resolved:
        # Resolved: only satisfaction, closing, a note, a message or reopening remain.
        raise _out_of_order(state, step)
    if kind is EventKind.PAUSED:
        if state.is_paused:
            raise _refuse("status", ErrorCode.ALREADY_PAUSED)
        if not reason:
            raise _refuse("reason", ErrorCode.REASON_REQUIRED)
        return replace(state, paused_at=at)
    if kind is EventKind.RESUMED:
        if not state.is_paused:
            raise _refuse("status", ErrorCode.NOT_PAUSED)
        return replace(state, paused_at=None)
    if kind is EventKind.RESOLVED:
        if status not in _RESOLVABLE:
            raise _refuse("status", ErrorCode.NO_SOLUTION, status=status.value)
        # Resolving ends a pause: the clock stopped there, and stays stopped.
        return replace(state, status=ComplaintStatus.RESOLVED, resolved_at=at, paused_at=None)
    if kind is EventKind.ACKNOWLEDGED:
        if status is not ComplaintStatus.RECEIVED:
            raise _out_of_order(state, step)
        return replace(state, status=ComplaintStatus.ACKNOWLEDGED)
    if kind is EventKind.CONTACTED:
        moved = ComplaintStatus.CONTACTED if status in _BEFORE_CONTACT else status
        return replace(state, status=moved, contacted_at=state.contacted_at or at)
    if kind is EventKind.ESCALATED:
        if step.department not in {d.value for d in Department}:
            raise _refuse("department", ErrorCode.CHOICE, value=step.department)
        return replace(state, status=ComplaintStatus.ESCALATED, department=step.department)
    if kind is EventKind.SOLUTION_PROPOSED:
        if status in _BEFORE_CONTACT:
            raise _refuse("status", ErrorCode.NOT_CONTACTED)
        if not text:
            raise _refuse("text", ErrorCode.REQUIRED)
        return replace(state, status=ComplaintStatus.SOLUTION_PROPOSED)
    if kind in (EventKind.ACCEPTED, EventKind.REFUSED):
        if status is not ComplaintStatus.SOLUTION_PROPOSED:
            raise _out_of_order(state, step)
        return replace(state, status=ComplaintStatus(kind.value))
    raise _out_of_order(state, step)  # RECEIVED: only when recorded


@dataclass(frozen=True)
class HistoryEntry:
    """What :func:`pause_spans` needs of a history row."""

    kind: EventKind
    at: datetime
    reason: str = ""


@dataclass(frozen=True)
class PauseSpan:
    start: datetime
    end: datetime | None  # None: still paused
    reason: str


def pause_spans(history: Iterable[HistoryEntry]) -> list[PauseSpan]:
    """The pauses a complaint's history records, in time order: each from a PAUSED event to
    the next RESUMED or RESOLVED (resolving straight from paused ends the pause there); a
    pause still running has no end. A second PAUSED while paused (two people on two laptops)
    keeps the earlier start; a RESUMED with no pause running is ignored."""
    spans: list[PauseSpan] = []
    running: HistoryEntry | None = None
    for entry in sorted(history, key=lambda e: e.at):
        if entry.kind is EventKind.PAUSED and running is None:
            running = entry
        elif entry.kind in (EventKind.RESUMED, EventKind.RESOLVED) and running is not None:
            spans.append(PauseSpan(running.at, entry.at, running.reason))
            running = None
    if running is not None:
        spans.append(PauseSpan(running.at, None, running.reason))
    return spans


def pauses(history: Iterable[HistoryEntry]) -> list[Pause]:
    """The clock's pauses (domain/complaint_clock.py) from a complaint's history."""
    return [Pause(p.start, p.end, p.reason) for p in pause_spans(history)]


def stored_deadlines(state: ComplaintState, received_at: datetime, targets: Targets,
                     calendar: BusinessCalendar, history: Iterable[HistoryEntry], *,
                     now: datetime) -> Deadlines:
    """The deadlines a complaint stores (``first_contact_due``, ``resolution_due``): its
    clock with its history's pauses, as of its pause while paused (the time left then stays
    what it was when paused), else as of ``now``. Every writer uses this: the service after
    each step, and the demo."""
    return clock(received_at, targets, calendar, pauses(history), state.paused_at or now,
                 contacted_at=state.contacted_at, resolved_at=state.resolved_at).deadlines


def meets_first_contact(kind: EventKind) -> bool:
    """Only our contact with the customer meets the first-contact target."""
    return kind is EventKind.CONTACTED


def meets_resolution(kind: EventKind) -> bool:
    """Only resolving meets the resolution target."""
    return kind is EventKind.RESOLVED


# --- the reference number a customer is given ---------------------------------------------

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # no I, L, O, U: nothing to mishear
REFERENCE_PREFIX = "TS"  # 投诉


def node_tag(node_id: str) -> str:
    """Four characters naming this laptop in its complaints' references: the last 20 bits of
    its id (a UUIDv7, whose tail is random) in Crockford's base 32, which reads unambiguously
    over the phone. Two laptops share a tag about once in a million pairs; their references
    then differ still unless they also fall on the same day with the same number."""
    value = int(node_id.replace("-", "")[-5:], 16) & 0xFFFFF
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in (15, 10, 5, 0))


def reference_prefix(day: str, tag: str) -> str:
    """``TS-20261203-7K2Q-``: ``day`` as YYYYMMDD (the calendar's local day of receipt)."""
    return f"{REFERENCE_PREFIX}-{day}-{tag}-"


def reference(day: str, tag: str, number: int) -> str:
    """The ``number``-th complaint this laptop recorded on ``day``: ``TS-20261203-7K2Q-3``."""
    return f"{reference_prefix(day, tag)}{number}"


# --- near breach ----------------------------------------------------------------------------

NEAR_BREACH_SHARE = 4
"""A clock is near breach once a quarter of its target or less is left."""


def near_breach(left: int | None, target: int) -> bool:
    """Whether ``left`` working minutes of a ``target`` (not met, not yet breached) call for
    attention: a quarter of the target or less remains."""
    return left is not None and 0 <= left * NEAR_BREACH_SHARE <= target


def breached(left: int | None) -> bool:
    return left is not None and left < 0
