"""Visits as an iCalendar file (RFC 5545) for the salesperson's phone or Outlook calendar.

One VCALENDAR (``METHOD:PUBLISH``) with one VEVENT per visit. Re-importing an export updates
the events it made before instead of adding copies: each visit's UID is its id
(``<uuid>@salesdesk``) and its SEQUENCE, which the caller raises whenever the visit changes, tells
the calendar which copy is newer. A cancelled visit is exported as ``STATUS:CANCELLED``, so the
calendar strikes it out or removes it rather than keeping a stale appointment.

Times are written in UTC (``DTSTART:20260115T013000Z``), not as local times with a ``TZID``: a
UTC time means the same instant in every calendar program without a ``VTIMEZONE`` block (a
``TZID`` whose VTIMEZONE is missing or disagrees is how Outlook ends up shifting appointments by
hours), and each calendar shows it in its own user's zone. Asia/Shanghai has had no daylight
saving since 1991, so nothing is lost by not naming it.

Written by hand, with no library at run time: CRLF line ends, TEXT escaping, lines folded at 75
octets without splitting a UTF-8 character, parameter values always in double quotes (RFC 6868
carets for the quote, caret and line breaks they cannot hold).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

from salesdesk.domain.clock import require_aware

PRODID = "-//SalesDesk//Visits//EN"
MAX_OCTETS = 75  # RFC 5545 §3.1: a content line is folded to lines of at most 75 octets

# Control characters are not allowed in TEXT or parameter values (RFC 5545 §3.3.11, §3.1);
# line breaks are handled before this strips the rest (tab is allowed).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_LINE_BREAK = re.compile("\r\n|\r|\n")


@dataclass(frozen=True)
class Attendee:
    """A person at the visit. Without an email address there is no calendar address to write:
    such a person is left out of ATTENDEE (name them in the description)."""

    name: str
    email: str = ""


@dataclass(frozen=True)
class CalendarVisit:
    """What a calendar needs of one visit; ``starts``, ``ends`` and ``updated`` are aware."""

    id: uuid.UUID
    customer: str
    place: str
    purpose: str
    starts: datetime
    ends: datetime
    updated: datetime  # when the visit last changed (LAST-MODIFIED)
    sequence: int = 0  # raised by the caller each time the visit changes
    description: str = ""
    attendees: tuple[Attendee, ...] = ()
    organizer: Attendee | None = None
    cancelled: bool = False


def calendar_bytes(visits: Iterable[CalendarVisit], *, now: datetime) -> bytes:
    """The .ics file of ``visits``; ``now`` (aware) is its DTSTAMP, when the file was made.

    Raises ValueError for a naive time, a visit that ends before it starts or a negative
    SEQUENCE: those are the caller's mistakes, not the user's.
    """
    stamp = _utc(now, "now")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for visit in visits:
        lines += _event(visit, stamp)
    lines.append("END:VCALENDAR")
    return b"".join(_fold(line) for line in lines)


def uid(visit_id: uuid.UUID) -> str:
    """The UID of a visit's event: the same in every export, so a re-import updates it."""
    return f"{visit_id}@salesdesk"


def _event(visit: CalendarVisit, stamp: str) -> Iterator[str]:
    starts, ends = _utc(visit.starts, "starts"), _utc(visit.ends, "ends")
    if visit.ends < visit.starts:
        raise ValueError(f"visit {visit.id} ends before it starts")
    if visit.sequence < 0:
        raise ValueError(f"visit {visit.id} has a negative sequence")
    summary = " – ".join(p for p in (visit.customer, visit.purpose) if p.strip())
    yield "BEGIN:VEVENT"
    yield f"UID:{uid(visit.id)}"
    yield f"SEQUENCE:{visit.sequence}"
    yield f"DTSTAMP:{stamp}"
    yield f"LAST-MODIFIED:{_utc(visit.updated, 'updated')}"
    yield f"DTSTART:{starts}"
    if visit.ends > visit.starts:  # RFC 5545: DTEND is later than DTSTART, or left out
        yield f"DTEND:{ends}"
    yield f"SUMMARY:{text(summary)}"
    if visit.place.strip():
        yield f"LOCATION:{text(visit.place)}"
    if visit.description.strip():
        yield f"DESCRIPTION:{text(visit.description)}"
    yield f"STATUS:{'CANCELLED' if visit.cancelled else 'CONFIRMED'}"
    yield "TRANSP:OPAQUE"
    if visit.organizer is not None and visit.organizer.email.strip():
        yield f"ORGANIZER{_address(visit.organizer)}"
    for person in visit.attendees:
        if person.email.strip():
            yield f"ATTENDEE;ROLE=REQ-PARTICIPANT{_address(person)}"
    yield "END:VEVENT"


def _utc(moment: datetime, what: str) -> str:
    require_aware(what, moment)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def text(value: str) -> str:
    """``value`` as an iCalendar TEXT value (RFC 5545 §3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROLS.sub("", _LINE_BREAK.sub("\\\\n", value))


def param(value: str) -> str:
    """``value`` as a quoted parameter value: RFC 6868 carets for ``^``, ``"`` and line breaks."""
    value = value.replace("^", "^^").replace('"', "^'")
    return '"' + _CONTROLS.sub("", _LINE_BREAK.sub("^n", value)) + '"'


def _address(person: Attendee) -> str:
    cn = f";CN={param(person.name)}" if person.name.strip() else ""
    return f"{cn}:mailto:{quote(person.email.strip(), safe='@!$&*+=-._~')}"


def _fold(line: str) -> bytes:
    """One content line, CRLF-terminated, folded so no physical line exceeds 75 octets.

    A fold is CRLF plus one space, which counts towards the next line's 75; it falls between
    characters, never inside a character's UTF-8 bytes.
    """
    out, size, limit = bytearray(), 0, MAX_OCTETS
    for char in line:
        encoded = char.encode("utf-8")
        if size + len(encoded) > limit:
            out += b"\r\n "
            size, limit = 0, MAX_OCTETS - 1
        out += encoded
        size += len(encoded)
    return bytes(out) + b"\r\n"
