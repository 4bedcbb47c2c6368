"""The committed clock of a complaint: its first-contact and resolution deadlines, and time left.

Everything is a pure function of what is stored — when the complaint was received, its pauses,
when it was contacted and resolved — and of the business calendar and the policy in force. Any
screen computing it at the same ``now`` gets the same answer; editing the calendar or the policy
and computing again from the same stored inputs gives the new deadlines, with the paused time
measured again on the new calendar.

The rule. The clock starts at the first working minute at or after receipt (a complaint received
on a Sunday evening starts on Monday 09:00). It ticks through working time only
(``domain/business_calendar.py``: whole minutes, rounded up) and not while paused. A target of N
minutes is met by the END of the N-th unpaused working minute: that instant is the deadline.

Pauses ("waiting on the customer"):

- A pause covers [start, end); ``end is None`` means it is still open. An open pause counts up
  to ``now``: the deadlines are computed as if the clock resumed now, and ``paused`` is True.
  Every minute the pause goes on moves the deadline by that minute, so the time left does not
  change while paused.
- Pauses are clipped to [received, now] (a pause recorded as starting before receipt counts
  from receipt; a pause starting after ``now`` does not count yet; one whose end is before its
  start covers nothing) and overlapping or touching pauses are merged, so a minute is never
  counted twice.
- Only the working minutes a pause covered move a deadline: a pause over a night, a weekend or a
  holiday adds nothing for those.
- A pause that begins after a deadline has passed does not move it (the target was already
  missed then), but it does stop the overdue time growing: time left is the target minus the
  unpaused working minutes elapsed, so it freezes in every pause.
- Resolving straight from a pause: the resolution clock stops at ``resolved_at``; the open
  pause counts up to then. Likewise the first-contact deadline is fixed at ``contacted_at``.

Targets are working minutes (:class:`Targets`). In the policy, "h" is working hours and a "day"
is a standard working day of the calendar: :data:`STANDARD_DAY_MINUTES`, the 450 minutes of
09:00–12:00 + 13:30–18:00 (``BusinessCalendar.standard_day_minutes`` for another calendar;
:meth:`Targets.of` converts).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType
from zoneinfo import ZoneInfo

from salesdesk.domain.business_calendar import BusinessCalendar, at_minute, minute_up
from salesdesk.domain.clock import require_aware

STANDARD_DAY_MINUTES = 450  # china_calendar's day: 3 h before lunch + 4.5 h after


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


@dataclass(frozen=True)
class Targets:
    """Working minutes to first contact and to resolution, both counted from receipt."""

    first_contact_minutes: int
    resolution_minutes: int

    def __post_init__(self) -> None:
        for name in ("first_contact_minutes", "resolution_minutes"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"{name}: {value!r} is not a positive number of minutes")

    @classmethod
    def of(cls, first_contact_hours: int, resolution_days: int,
           day_minutes: int = STANDARD_DAY_MINUTES) -> Targets:
        """Targets in working hours and working days of ``day_minutes`` each."""
        return cls(first_contact_hours * 60, resolution_days * day_minutes)


@dataclass(frozen=True)
class Policy:
    """Targets by severity; every severity must have one (ValueError naming it otherwise)."""

    targets: Mapping[Severity, Targets] = field(hash=False)

    def __post_init__(self) -> None:
        targets = {Severity(s): t for s, t in self.targets.items()}
        missing = [s.value for s in Severity if s not in targets]
        if missing:
            raise ValueError(f"targets: no targets for {', '.join(missing)}")
        object.__setattr__(self, "targets", MappingProxyType(targets))

    def for_severity(self, s: Severity) -> Targets:
        return self.targets[Severity(s)]


def policy_to_json(policy: Policy) -> str:
    """The policy as JSON text: severity -> first_contact_minutes, resolution_minutes."""
    return json.dumps({s.value: {"first_contact_minutes": t.first_contact_minutes,
                                 "resolution_minutes": t.resolution_minutes}
                       for s, t in policy.targets.items()}, indent=1)


def policy_from_json(text: str) -> Policy:
    """A policy from :func:`policy_to_json`'s text; ValueError naming the field at fault."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"policy: not JSON ({exc})") from exc
    if not isinstance(document, dict):
        raise ValueError("policy: expected a JSON object")
    targets = {}
    for name, entry in document.items():
        if name not in set(Severity):
            raise ValueError(f"{name}: not a severity ({', '.join(Severity)})")
        if not isinstance(entry, dict):
            raise ValueError(f"{name}: expected first_contact_minutes and resolution_minutes")
        try:
            targets[Severity(name)] = Targets(entry.get("first_contact_minutes", 0),
                                              entry.get("resolution_minutes", 0))
        except ValueError as exc:
            raise ValueError(f"{name}.{exc}") from exc
    return Policy(targets)


DEFAULT_POLICY = Policy({
    Severity.CRITICAL: Targets.of(4, 2),  # 240 / 900 working minutes
    Severity.HIGH: Targets.of(12, 5),  # 720 / 2,250
    Severity.NORMAL: Targets.of(24, 10),  # 1,440 / 4,500
    Severity.LOW: Targets.of(48, 20),  # 2,880 / 9,000
})


@dataclass(frozen=True)
class Pause:
    """The clock stopped from ``start`` to ``end`` (None: still paused), with why."""

    start: datetime
    end: datetime | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        require_aware("start", self.start)
        require_aware("end", self.end)


@dataclass(frozen=True)
class Deadlines:
    first_contact: datetime
    resolution: datetime
    paused: bool  # currently paused: the clock does not tick


@dataclass(frozen=True)
class Clock:
    """What a screen needs for one complaint."""

    deadlines: Deadlines
    first_contact_left: int | None  # working minutes left (negative: breached); None when met
    resolution_left: int | None  # None when resolved
    paused_minutes: int = 0  # working minutes paused so far (up to resolution)


def _paused_spans(received: int, pauses: Sequence[Pause],
                  until: int) -> list[tuple[int, int]]:
    """Pauses clipped to [received, until] and merged, in order, as epoch minutes (rounded up)."""
    spans = []
    for pause in pauses:
        start = max(minute_up(pause.start), received)
        end = until if pause.end is None else min(minute_up(pause.end), until)
        if end > start:
            spans.append((start, end))
    if len(spans) < 2:
        return spans
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        if start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _due_count(calendar: BusinessCalendar, at_received: int, target: int,
               spans: list[tuple[int, int]]) -> int:
    """The count of working minutes (``calendar.worked_to``) at which ``target`` unpaused
    working minutes from receipt (``at_received``, its count) are done. A pause moves it by
    the working minutes it covers, unless it began once the target was already reached: then
    the count at its start is at least the due count."""
    due = at_received + target
    for start, end in spans:
        at_start = calendar.worked_to(start)
        if at_start >= due:
            break
        due += calendar.worked_to(end) - at_start
    return due


def _paused_before(calendar: BusinessCalendar, spans: list[tuple[int, int]], now: int,
                   at_now: int) -> int:
    """Working minutes paused before ``now`` (``at_now`` its count)."""
    paused = 0
    for start, end in spans:
        if start >= now:
            break
        paused += (at_now if end >= now else calendar.worked_to(end)) - calendar.worked_to(start)
    return paused


def is_paused(pauses: Sequence[Pause], now: datetime) -> bool:
    """Whether a pause covers ``now``."""
    return any(p.start <= now and (p.end is None or p.end > now) for p in pauses)


def deadlines(received_at: datetime, targets: Targets, calendar: BusinessCalendar,
              pauses: Sequence[Pause], now: datetime) -> Deadlines:
    """Both deadlines as of ``now`` (an open pause counts as if resumed now)."""
    received = minute_up(received_at)
    at_received = calendar.worked_to(received)
    spans = _paused_spans(received, pauses, minute_up(now)) if pauses else []
    return Deadlines(
        first_contact=at_minute(calendar.minute_at(
            _due_count(calendar, at_received, targets.first_contact_minutes, spans))),
        resolution=at_minute(calendar.minute_at(
            _due_count(calendar, at_received, targets.resolution_minutes, spans))),
        paused=bool(pauses) and is_paused(pauses, now),
    )


def clock(received_at: datetime, targets: Targets, calendar: BusinessCalendar,
          pauses: Sequence[Pause], now: datetime, *, contacted_at: datetime | None,
          resolved_at: datetime | None) -> Clock:
    """The complaint's clock at ``now``: deadlines and working minutes left.

    The first-contact clock stops at ``contacted_at``, the resolution clock at ``resolved_at``
    (an open pause then counts up to that moment, so resolving straight from a pause still
    subtracts it). Time left is the target minus the unpaused working minutes elapsed: it does
    not move while paused, and goes negative by the minutes of the breach.
    """
    received, moment = minute_up(received_at), minute_up(now)
    first_target, resolution_target = targets.first_contact_minutes, targets.resolution_minutes
    at_received = calendar.worked_to(received)
    if not pauses:  # most complaints: nothing to clip, merge or add back
        at_now = calendar.worked_to(moment) if contacted_at is None or resolved_at is None else 0
        elapsed = max(0, at_now - at_received)  # 0 when ``now`` is before receipt (clock skew)
        return Clock(
            Deadlines(at_minute(calendar.minute_at(at_received + first_target)),
                      at_minute(calendar.minute_at(at_received + resolution_target)), False),
            None if contacted_at is not None else first_target - elapsed,
            None if resolved_at is not None else resolution_target - elapsed,
        )
    contact_stop = moment if contacted_at is None else min(moment, minute_up(contacted_at))
    resolve_stop = moment if resolved_at is None else min(moment, minute_up(resolved_at))
    resolve_spans = _paused_spans(received, pauses, resolve_stop)
    contact_spans = (resolve_spans if contact_stop == resolve_stop
                     else _paused_spans(received, pauses, contact_stop))
    first_left = resolution_left = None
    if contacted_at is None or resolved_at is None:
        at_now = calendar.worked_to(moment)
        elapsed = max(0, at_now - at_received)
        if contacted_at is None:
            first_left = first_target - elapsed + _paused_before(calendar, contact_spans,
                                                                 moment, at_now)
        if resolved_at is None:
            resolution_left = resolution_target - elapsed + _paused_before(
                calendar, resolve_spans, moment, at_now)
    return Clock(
        deadlines=Deadlines(
            first_contact=at_minute(calendar.minute_at(
                _due_count(calendar, at_received, first_target, contact_spans))),
            resolution=at_minute(calendar.minute_at(
                _due_count(calendar, at_received, resolution_target, resolve_spans))),
            paused=resolved_at is None and is_paused(pauses, now),
        ),
        first_contact_left=first_left,
        resolution_left=resolution_left,
        paused_minutes=sum(calendar.worked_to(e) - calendar.worked_to(s)
                           for s, e in resolve_spans),
    )


# -- the committed time in words (the reception script) -------------------------------------

_ZH_WEEKDAYS = "一二三四五六日"
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def _zh_time(at: datetime) -> str:
    hour = at.hour
    if hour < 6:
        part = "凌晨"
    elif hour < 12:
        part = "上午"
    elif hour < 13:
        part = "中午"
    elif hour < 19:
        part = "下午"
    else:
        part = "晚上"
    twelve = hour % 12 or 12
    return f"{part} {twelve}:{at.minute:02d}"


def _en_time(at: datetime) -> str:
    twelve = at.hour % 12 or 12
    return f"{twelve}:{at.minute:02d} {'am' if at.hour < 12 else 'pm'}"


def _zh_day(day: date, today: date) -> str:
    if day == today:
        return "今天"
    if (day - today).days == 1:
        return "明天"
    year = f"{day.year}年" if day.year != today.year else ""
    return f"{year}{day.month}月{day.day}日（周{_ZH_WEEKDAYS[day.weekday()]}）"


def _en_day(day: date, today: date) -> str:
    year = f" {day.year}" if day.year != today.year else ""
    return f"{_EN_WEEKDAYS[day.weekday()]} {day.day} {_EN_MONTHS[day.month - 1]}{year}"


def in_words(deadline: datetime, now: datetime, zone: str, language: str) -> str:
    """The committed contact time as the reception script says it, in the calendar's ``zone``.

    zh: 我们会在今天下午 4:30 之前与您联系 / 明天上午 11:30 / 12月8日（周一）上午 9:00;
    en: We will contact you by 4:30 pm today / by tomorrow, 11:30 am / by Monday 8 December,
    9:00 am. The year is named when it is not this year's. ``language`` is a code such as
    "zh_CN" or "en"; anything not Chinese is English.
    """
    require_aware("deadline", deadline)
    tz = ZoneInfo(zone)
    local, today = deadline.astimezone(tz), now.astimezone(tz).date()
    day = local.date()
    if language.lower().startswith("zh"):
        return f"我们会在{_zh_day(day, today)}{_zh_time(local)} 之前与您联系"
    if day == today:
        when = f"{_en_time(local)} today"
    elif (day - today).days == 1:
        when = f"tomorrow, {_en_time(local)}"
    else:
        when = f"{_en_day(day, today)}, {_en_time(local)}"
    return f"We will contact you by {when}"
