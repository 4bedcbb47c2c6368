"""What the complaint service takes and returns: plain dataclasses, never ORM rows."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, overload

from salesdesk.db.complaint_board import (
    B_CATEGORY,
    B_CUSTOMER_ID,
    B_DEPARTMENT,
    B_DUE,
    B_FIRST_CONTACT,
    B_ID,
    B_PAUSED,
    B_SEVERITY,
)
from salesdesk.domain.complaints import (
    Channel,
    ComplaintCategory,
    ComplaintStatus,
    EventKind,
)
from salesdesk.kit.changes import Changes

CHANGED = Changes(complaints=True, sync_state=True)  # a complaint written, and an op to send


@dataclass(frozen=True)
class ComplaintDraft:
    """A complaint as the salesperson records it while the customer is still there."""

    customer_id: uuid.UUID | None
    description: str  # in the customer's own words
    channel: str = Channel.PHONE.value
    category: str = ComplaintCategory.OTHER.value
    severity: str = "normal"
    contact_id: uuid.UUID | None = None
    contact_name: str = ""  # who complained, when not a contact on file
    shipment_notice_id: uuid.UUID | None = None
    product_id: uuid.UUID | None = None
    batch_no: str = ""
    reference: str = ""  # the one the script read out ("" = make one)
    attachments: tuple[Path, ...] = ()


@dataclass(frozen=True)
class StepDraft:
    """A step someone takes on a complaint (domain/complaints.py: Step, without the time)."""

    kind: EventKind
    text: str = ""
    department: str = ""
    reason: str = ""
    score: int | None = None


@dataclass(frozen=True)
class Recorded:
    id: uuid.UUID
    reference: str
    first_contact_due: datetime
    resolution_due: datetime
    changes: Changes = CHANGED


@dataclass(frozen=True)
class Written:
    id: uuid.UUID
    changes: Changes = CHANGED


@dataclass(frozen=True)
class BoardRow:
    """One open complaint on the board, with its clock as of the board's ``now``."""

    id: uuid.UUID
    reference: str
    customer_id: uuid.UUID
    customer_name: str
    category: str
    severity: str
    status: ComplaintStatus
    department: str
    received_at: datetime
    due: datetime | None  # the deadline it runs against: first contact, then resolution
    first_contact: bool  # ``due`` is the first-contact deadline (not yet contacted)
    left: int | None  # working minutes to ``due``; negative: breached by that much
    paused: bool
    near: bool  # near breach (a quarter of the target or less left)

    @property
    def breached(self) -> bool:
        return self.left is not None and self.left < 0


@dataclass(frozen=True)
class BoardClock:
    """The board's instant and, per severity and clock (first contact or resolution), the
    latest deadline still near breach then — all as stored text, so a raw row is judged by
    comparing strings, with no arithmetic on the calendar."""

    now: str
    near_until: dict[tuple[str, bool], str] = field(default_factory=dict)

    def breached(self, r: tuple[Any, ...]) -> bool:
        due = r[B_DUE]
        return r[B_PAUSED] is None and due is not None and due < self.now

    def near(self, r: tuple[Any, ...]) -> bool:
        due = r[B_DUE]
        if r[B_PAUSED] is not None or due is None or due < self.now:
            return False
        until = self.near_until.get((r[B_SEVERITY], bool(r[B_FIRST_CONTACT])))
        return until is not None and due <= until


def _no_row(raw: tuple[Any, ...]) -> BoardRow:
    raise IndexError(raw)


class BoardRows(Sequence[BoardRow]):
    """The board's rows, read once as plain tuples (``db/complaints.py: B_*``); a
    :class:`BoardRow` (ids, times, the time left on the calendar) is made for a row only when
    it is asked for — painting 20,000 complaints makes the few dozen on screen. Filtering
    and counting work on the tuples."""

    def __init__(self, raw: list[tuple[Any, ...]], make: Callable[[tuple[Any, ...]], BoardRow],
                 customers: dict[str, str] | None = None,
                 clock: BoardClock | None = None) -> None:
        self._raw = raw
        self._make = make
        self._made: dict[int, BoardRow] = {}
        self._customers = customers or {}  # names by stored id
        self.clock = clock or BoardClock("")

    @classmethod
    def empty(cls) -> BoardRows:
        return cls([], _no_row)

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, index: int) -> BoardRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[BoardRow]: ...

    def __getitem__(self, index: int | slice) -> BoardRow | list[BoardRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._raw)))]
        if index < 0:
            index += len(self._raw)
        made = self._made.get(index)
        if made is None:
            made = self._made[index] = self._make(self._raw[index])
        return made

    def __eq__(self, other: object) -> bool:
        if isinstance(other, BoardRows):
            return self._raw == other._raw
        return isinstance(other, list) and list(self) == other

    __hash__ = None  # type: ignore[assignment]  # mutable cache: not hashable

    def matching(self, *, category: str | None = None, severity: str | None = None,
                 customer_id: uuid.UUID | None = None,
                 department: str | None = None) -> BoardRows:
        """The rows with these values (None: any), without making a row."""
        wanted = [(B_CATEGORY, category), (B_SEVERITY, severity),
                  (B_CUSTOMER_ID, customer_id.hex if customer_id else None),
                  (B_DEPARTMENT, department)]
        tests = [(i, v) for i, v in wanted if v is not None]
        if not tests:
            return self
        return BoardRows([r for r in self._raw if all(r[i] == v for i, v in tests)],
                         self._make, self._customers, self.clock)

    def index_of(self, row_id: uuid.UUID) -> int | None:
        """Where the complaint ``row_id`` is, without making a row."""
        wanted = row_id.hex
        return next((i for i, r in enumerate(self._raw) if r[B_ID] == wanted), None)

    def customers(self) -> list[tuple[str, uuid.UUID]]:
        """(name, id) of the customers with a row, by name."""
        names = self._customers
        return sorted((names.get(cid, ""), uuid.UUID(cid))
                      for cid in {r[B_CUSTOMER_ID] for r in self._raw})

    def counts(self) -> tuple[int, int, int]:
        """How many rows are near breach, breached and paused: one pass over the tuples, the
        clock's rules inlined (a call per row would double the page's time to first paint)."""
        now, until = self.clock.now, self.clock.near_until
        near = breached = paused = 0
        for r in self._raw:
            due = r[B_DUE]
            if r[B_PAUSED] is not None:
                paused += 1
            elif due is None:
                continue
            elif due < now:
                breached += 1
            elif due <= until.get((r[B_SEVERITY], r[B_FIRST_CONTACT] == 1), ""):
                near += 1
        return near, breached, paused

    def urgent(self) -> BoardRows:
        """Near breach or breached, not paused, in board order."""
        c = self.clock
        return BoardRows([r for r in self._raw if c.breached(r) or c.near(r)], self._make,
                         self._customers, c)


@dataclass(frozen=True)
class Board:
    rows: BoardRows
    now: datetime


@dataclass(frozen=True)
class BoardFilter:
    category: str | None = None
    severity: str | None = None
    customer_id: uuid.UUID | None = None
    department: str | None = None


@dataclass(frozen=True)
class EventRow:
    id: uuid.UUID
    kind: EventKind
    at: datetime
    by: str
    text: str
    department: str
    reason: str
    score: int | None


@dataclass(frozen=True)
class AttachmentRow:
    id: uuid.UUID
    filename: str
    size: int
    mime: str
    path: Path | None  # None: the bytes are not on this laptop (yet)


@dataclass(frozen=True)
class ComplaintDetail:
    id: uuid.UUID
    reference: str
    customer_id: uuid.UUID
    customer_name: str
    contact: str
    channel: str
    category: str
    severity: str
    description: str
    batch_no: str
    received_at: datetime
    received_by: str
    status: ComplaintStatus
    department: str
    paused: bool
    first_contact_due: datetime | None
    resolution_due: datetime | None
    first_contact_left: int | None  # working minutes; None once met
    resolution_left: int | None  # None once resolved
    contacted_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    satisfaction: int | None
    satisfaction_comment: str
    events: list[EventRow] = field(default_factory=list)
    attachments: list[AttachmentRow] = field(default_factory=list)


@dataclass(frozen=True)
class CustomerComplaint:
    """A complaint as the customer timeline shows it."""

    id: uuid.UUID
    reference: str
    received_at: datetime
    category: str
    status: ComplaintStatus
    description: str
    satisfaction: int | None


@dataclass(frozen=True)
class Committed:
    """The committed times for a complaint received at ``received_at``."""

    received_at: datetime
    first_contact: datetime
    resolution: datetime
    words: str  # the first-contact time as the script says it


@dataclass(frozen=True)
class HolidaysImported:
    holidays: int  # days the file names as holidays
    workdays: int  # make-up working days (调休)
    skipped: int  # events that were not all-day days
    recomputed: int  # open complaints whose deadlines moved with it
    changes: Changes = CHANGED


@dataclass(frozen=True)
class Recomputed:
    count: int  # open complaints whose stored deadlines were recomputed
    changes: Changes = CHANGED
