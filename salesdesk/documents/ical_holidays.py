"""Public holidays and make-up working days (调休) read from an iCalendar file (.ics).

Holiday calendars published for China (and exported by phone and desktop calendars) hold one
all-day VEVENT per holiday block, and one per worked weekend day, named like "国庆节 休" and
"国庆节 补班" / "上班" / "Make-up working day". This reads them as dates for the business
calendar (``BusinessCalendar.with_days``):

- an all-day event (``DTSTART;VALUE=DATE:20261001``, or an 8-digit date) covers its dates up to
  DTEND, which is exclusive (RFC 5545 §3.6.1), or for its DURATION in days or weeks, or one day;
- its summary containing 班 (上班, 补班, 调休上班) or the word "work"/"working" makes its dates
  make-up working days; any other all-day event makes them holidays;
- an event with a time of day, a cancelled one (``STATUS:CANCELLED``), a repeating one (RRULE:
  not expanded) or one longer than a year is not imported, and is listed in ``skipped`` with why,
  so the user can see what was left out.

Written by hand like ``ical.py`` (no library at run time): lines unfolded on bytes before
decoding (a fold may split a UTF-8 character), CRLF or bare LF, a UTF-8 byte-order mark.
A file that is not iCalendar, is not UTF-8, or names one date both a holiday and a working day
raises :class:`IcsError` with the line (or date) at fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

MAX_DAYS = 366  # an all-day event longer than this is not a holiday

_WORK = re.compile(r"班|\bwork(?:ing)?\b", re.IGNORECASE)
_DURATION = re.compile(r"^\+?P(?:(\d+)W|(\d+)D)$")
_LINE_END = re.compile(rb"\r\n|\n|\r")


class IcsError(ValueError):
    """The file cannot be read as holidays; the message names the line or the date."""


@dataclass(frozen=True)
class ImportedDays:
    holidays: frozenset[date]
    workdays: frozenset[date]
    skipped: tuple[str, ...] = ()  # "summary (DTSTART): why", one per event not imported


@dataclass
class _Event:
    line: int
    props: dict[str, tuple[dict[str, str], str]] = field(default_factory=dict)

    def value(self, name: str) -> str:
        return self.props.get(name, ({}, ""))[1]


def read_days(data: bytes) -> ImportedDays:
    """The holidays and make-up working days of an .ics file's all-day events."""
    events = _events(_content_lines(data))
    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    skipped: list[str] = []
    for event in events:
        summary = _unescape(event.value("SUMMARY")).strip()
        days, why = _days_of(event)
        if why:
            skipped.append(f"{summary or '(no title)'} ({event.value('DTSTART')}): {why}")
            continue
        target = workdays if _WORK.search(summary) else holidays
        for day in days:
            target.setdefault(day, summary)
    both = sorted(set(holidays) & set(workdays))
    if both:
        day = both[0]
        raise IcsError(f"{day.isoformat()} is both a holiday ({holidays[day]}) and a working "
                       f"day ({workdays[day]}) in this file")
    return ImportedDays(frozenset(holidays), frozenset(workdays), tuple(skipped))


def _content_lines(data: bytes) -> list[tuple[int, str]]:
    """(line number, unfolded line) pairs; raises IcsError for text that is not UTF-8."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    logical: list[tuple[int, bytearray]] = []
    for number, raw in enumerate(_LINE_END.split(data), start=1):
        if raw[:1] in (b" ", b"\t") and logical:
            logical[-1][1].extend(raw[1:])
        elif raw.strip():
            logical.append((number, bytearray(raw)))
    out = []
    for number, raw in logical:
        try:
            out.append((number, raw.decode("utf-8")))
        except UnicodeDecodeError as exc:
            raise IcsError(f"line {number}: not UTF-8 text") from exc
    return out


def _split(line: str) -> tuple[str, dict[str, str], str]:
    """NAME;PARAM=VALUE;...:VALUE, with double-quoted parameter values that may hold ':;'."""
    i, quoted = 0, False
    while i < len(line):
        char = line[i]
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            break
        i += 1
    head, value = line[:i], line[i + 1:]
    parts = re.findall(r'(?:[^;"]|"[^"]*")+', head)
    name = parts[0].upper() if parts else ""
    params = {}
    for part in parts[1:]:
        key, _, param = part.partition("=")
        params[key.strip().upper()] = param.strip().strip('"')
    return name, params, value


def _events(lines: list[tuple[int, str]]) -> list[_Event]:
    stack: list[str] = []
    events: list[_Event] = []
    current: _Event | None = None
    seen_calendar = False
    for number, line in lines:
        name, params, value = _split(line)
        if name == "BEGIN":
            component = value.strip().upper()
            if not stack and component != "VCALENDAR":
                raise IcsError(f"line {number}: not an iCalendar file (no BEGIN:VCALENDAR)")
            seen_calendar = True
            stack.append(component)
            if component == "VEVENT" and stack[:-1] == ["VCALENDAR"]:
                current = _Event(number)
        elif name == "END":
            component = value.strip().upper()
            if not stack or stack[-1] != component:
                raise IcsError(f"line {number}: END:{component} does not close "
                               f"{stack[-1] if stack else 'anything'}")
            stack.pop()
            if component == "VEVENT" and current is not None and stack == ["VCALENDAR"]:
                events.append(current)
                current = None
        elif not stack:
            raise IcsError(f"line {number}: not an iCalendar file (no BEGIN:VCALENDAR)")
        elif current is not None and stack[-1] == "VEVENT":  # not a nested VALARM's
            current.props.setdefault(name, (params, value.strip()))
    if not seen_calendar:
        raise IcsError("not an iCalendar file (no BEGIN:VCALENDAR)")
    if stack:
        raise IcsError(f"the file ends inside {stack[-1]} (no END:{stack[-1]})")
    return events


def _date(text: str) -> date | None:
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _days_of(event: _Event) -> tuple[list[date], str]:
    """The dates an all-day event covers, or ([], why it is not imported)."""
    if "DTSTART" not in event.props:
        return [], "no start date"
    params, start_text = event.props["DTSTART"]
    start = _date(start_text)
    if start is None:
        if params.get("VALUE", "").upper() == "DATE" or "T" not in start_text:
            return [], f"{start_text!r} is not a date"
        return [], "not an all-day event"
    if event.value("STATUS").upper() == "CANCELLED":
        return [], "cancelled"
    if "RRULE" in event.props:
        return [], "repeats (RRULE): add each year's dates as their own events"
    count = 1
    if "DTEND" in event.props:
        end = _date(event.value("DTEND"))
        if end is None:
            return [], f"end {event.value('DTEND')!r} is not a date"
        count = max(1, (end - start).days)
    elif "DURATION" in event.props:
        match = _DURATION.match(event.value("DURATION").upper())
        if match is None:
            return [], f"duration {event.value('DURATION')!r} is not whole days"
        weeks, days = match.groups()
        count = max(1, int(weeks) * 7 if weeks else int(days))
    if count > MAX_DAYS:
        return [], f"{count} days long"
    return [start + timedelta(days=n) for n in range(count)], ""


def _unescape(text: str) -> str:
    """An iCalendar TEXT value (RFC 5545 §3.3.11) as plain text."""
    return re.sub(r"\\([\\;,nN])",
                  lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)
