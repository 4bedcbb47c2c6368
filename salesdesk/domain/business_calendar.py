"""The business calendar: when the company works, and working time counted on it.

A :class:`BusinessCalendar` says, in one IANA time zone, which hours of which weekdays are
working time (a lunch break is the gap between two periods of a day), which dates are public
holidays, and which weekend dates are worked instead (调休 make-up working days). The SLA clock
of complaints (``domain/complaint_clock.py``) counts its targets in this working time.

Rules, kept the same by every function here:

- Every instant passed in is timezone-aware (any zone: the same instant gives the same answer);
  every instant returned is in UTC. The calendar's rules are read in ``zone``, never in the
  viewer's or the machine's zone, so a deadline is one instant wherever it is shown.
- Working time is counted in whole minutes. An instant with seconds is rounded UP to the next
  whole minute before counting (10:00:30 counts as 10:01), so a deadline is never earlier than
  the exact one and ``working_minutes(s, add_working(s, n)) == n`` for every ``s``.
- A working period is half-open: 09:00–12:00 is working at 09:00 and at 11:59:59, not at 12:00.
- ``add_working(s, n)`` for ``n > 0`` is the END of the n-th working minute counted from ``s``:
  an instant inside a working period or exactly at its end (12:00, not 13:30 after lunch), never
  in a night, weekend, holiday or lunch break. ``add_working(s, 0)`` is the first working
  instant at or after ``s`` (the moment the clock starts).
- A period may end at 00:00, meaning midnight at the end of its day ("24:00" in JSON).
- Daylight saving: periods are wall-clock times of each local date, converted to UTC with that
  date's offset, so 09:00–17:00 in Berlin is 8 working hours on both sides of a change. A
  wall-clock time that does not exist (skipped forward) is read with the offset before the
  change, an ambiguous one (repeated) as its first occurrence.

Working periods are computed once per calendar object for whole local years (a sorted list of
periods in epoch minutes with a running count of working minutes; more years when asked), and
every question is then a binary search or two: a month-long pause over holidays costs the same
as an hour's. The count (``worked_to``, and ``minute_at`` back) is what the SLA clock computes
with, in integers.

Over 500 lines: one concern, working time on one calendar — the days (hours, holidays, make-up
days), the timeline the counts are made on, the arithmetic on it, and its JSON form; each part
needs the others' invariants (the count's origin, the minute rounding).
"""

from __future__ import annotations

import json
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from salesdesk.domain.clock import require_aware

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DAY_MINUTES = 24 * 60
_MIDNIGHT = time(0)
_FIRST_YEAR, _LAST_YEAR = 2, 9997  # a margin inside datetime's 1..9999 for the year around
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
JSON_VERSION = 1
CHINA_ZONE = "Asia/Shanghai"
_CHINA_DATA = "cn.json"  # in salesdesk/domain/calendars/


def _floor(at: datetime) -> int:
    """``at`` (aware) in minutes since 1970-01-01 UTC, rounded down."""
    if at.tzinfo is None:
        require_aware("instant", at)
    delta = at - _EPOCH
    return delta.days * _DAY_MINUTES + delta.seconds // 60


def _ceil(at: datetime) -> int:
    """``at`` (aware) in minutes since 1970-01-01 UTC, rounded up."""
    if at.tzinfo is None:
        require_aware("instant", at)
    delta = at - _EPOCH  # exact integer arithmetic, no float
    seconds = delta.seconds
    minute = delta.days * _DAY_MINUTES + seconds // 60
    return minute + 1 if seconds % 60 or delta.microseconds else minute


def _instant(minute: int) -> datetime:
    if minute >= 0:  # the fast way; Windows refuses negative timestamps
        return datetime.fromtimestamp(minute * 60, UTC)
    return _EPOCH + timedelta(minutes=minute)


def whole_minute(at: datetime) -> datetime:
    """``at`` rounded up to a whole minute, in UTC: the instant working time is counted from."""
    return _instant(_ceil(at))


def minute_up(at: datetime) -> int:
    """``at`` (aware) as minutes since 1970-01-01 UTC, rounded up: what counts take."""
    return _ceil(at)


def at_minute(minute: int) -> datetime:
    """The instant (aware UTC) of minutes since 1970-01-01 UTC."""
    return _instant(minute)


def _minute_of_day(value: time, *, end: bool) -> int:
    if end and value == _MIDNIGHT:
        return _DAY_MINUTES
    return value.hour * 60 + value.minute


def _parse_time(text: object, where: str) -> time:
    if text == "24:00":
        return _MIDNIGHT
    if not isinstance(text, str) or len(text) != 5 or text[2] != ":":
        raise ValueError(f"{where}: {text!r} is not a time HH:MM")
    try:
        return time(int(text[:2]), int(text[3:]))
    except ValueError as exc:
        raise ValueError(f"{where}: {text!r} is not a time HH:MM") from exc


@dataclass(frozen=True)
class WorkingHours:
    """One day's working periods in local wall-clock time, e.g. ((09:00, 12:00), (13:30, 18:00)).

    Periods are whole minutes, in order, without overlap; an end of 00:00 means midnight at the
    end of the day. Raises ValueError (naming ``periods``) otherwise.
    """

    periods: tuple[tuple[time, time], ...]

    def __post_init__(self) -> None:
        periods = tuple((start, end) for start, end in self.periods)
        object.__setattr__(self, "periods", periods)
        previous_end = -1
        for start, end in periods:
            for value in (start, end):
                if value.tzinfo is not None or value.second or value.microsecond:
                    raise ValueError(f"periods: {value} is not a whole-minute wall-clock time")
            first, last = _minute_of_day(start, end=False), _minute_of_day(end, end=True)
            if last <= first:
                raise ValueError(f"periods: {start:%H:%M}–{end:%H:%M} ends before it starts")
            if first < previous_end:
                raise ValueError(f"periods: {start:%H:%M} overlaps or precedes the period before")
            previous_end = last

    @property
    def minutes(self) -> int:
        """Working minutes in a day with these hours (on a day without a clock change)."""
        return sum(_minute_of_day(e, end=True) - _minute_of_day(s, end=False)
                   for s, e in self.periods)


def hours(*periods: tuple[str, str]) -> WorkingHours:
    """``hours(("09:00", "12:00"), ("13:30", "18:00"))``; "24:00" is midnight ending the day."""
    return WorkingHours(tuple((_parse_time(s, "periods"), _parse_time(e, "periods"))
                              for s, e in periods))


@dataclass(frozen=True)
class _Timeline:
    """Working periods of local years ``first``..``last`` in epoch minutes, with running totals.

    ``before[i]`` is the calendar's count of working minutes at the start of period i,
    ``through[i]`` at its end, and ``at_lo`` at ``lo``. The count is 0 at the calendar's origin
    (the start of the first timeline it built) and keeps that origin when the timeline grows,
    so a count read from one timeline holds in the next. Immutable: a calendar replaces it.
    """

    first: int
    last: int
    lo: int  # epoch minute of local midnight starting year ``first``
    hi: int  # epoch minute of local midnight after year ``last``
    at_lo: int
    starts: list[int]
    ends: list[int]
    before: list[int]
    through: list[int]


@dataclass(frozen=True)
class BusinessCalendar:
    """Working time in ``zone``: ``week`` maps weekday (0 = Monday .. 6 = Sunday) to its hours
    (a missing weekday is not worked); ``holidays`` are not worked whatever their weekday;
    ``workdays`` are make-up working days (调休), worked with ``workday_hours`` (default: the
    standard day's, Monday's or else the first worked weekday's).

    Raises ValueError naming the field for an unknown zone, a weekday outside 0..6, a date that
    is both a holiday and a workday, or workdays on a calendar with no hours to give them.
    """

    zone: str
    week: Mapping[int, WorkingHours] = field(hash=False)
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    workday_hours: WorkingHours | None = None
    _tz: ZoneInfo = field(init=False, repr=False, compare=False, hash=False)
    _timeline: _Timeline | None = field(
        init=False, default=None, repr=False, compare=False, hash=False
    )
    _building: threading.Lock = field(
        init=False, default_factory=threading.Lock, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        try:
            tz = ZoneInfo(self.zone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"zone: {self.zone!r} is not a time zone") from exc
        object.__setattr__(self, "_tz", tz)
        week = dict(sorted(self.week.items()))
        if any(not isinstance(day, int) or not 0 <= day <= 6 for day in week):
            raise ValueError(f"week: weekdays are 0 (Monday) to 6 (Sunday), got {list(week)}")
        object.__setattr__(self, "week", MappingProxyType(week))
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "workdays", frozenset(self.workdays))
        both = self.holidays & self.workdays
        if both:
            raise ValueError(f"workdays: {min(both)} is also a holiday")
        if self.workdays and not self._make_up_hours().periods:
            raise ValueError("workday_hours: make-up working days need working hours")

    # -- the days ------------------------------------------------------------------------------

    @property
    def standard_hours(self) -> WorkingHours:
        """A standard working day's hours: Monday's, else the first worked weekday's."""
        for day in range(7):
            found = self.week.get(day)
            if found is not None and found.periods:
                return found
        return WorkingHours(())

    @property
    def standard_day_minutes(self) -> int:
        """Working minutes of a standard day (450 for 09:00–12:00 + 13:30–18:00): what one
        "working day" of a target is worth on this calendar."""
        return self.standard_hours.minutes

    def _make_up_hours(self) -> WorkingHours:
        return self.workday_hours if self.workday_hours is not None else self.standard_hours

    def hours_on(self, day: date) -> WorkingHours:
        """The working hours of a local date (no periods when it is not worked)."""
        if day in self.workdays:
            return self._make_up_hours()
        if day in self.holidays:
            return WorkingHours(())
        return self.week.get(day.weekday(), WorkingHours(()))

    def _day_minutes(self, day: date) -> list[tuple[int, int]]:
        """The day's periods as epoch minutes (empty ones, e.g. inside a DST gap, dropped)."""
        out = []
        for start, end in self.hours_on(day).periods:
            first = _floor(datetime.combine(day, start, tzinfo=self._tz))
            end_day = day + timedelta(days=1) if end == _MIDNIGHT else day
            last = _floor(datetime.combine(end_day, end, tzinfo=self._tz))
            if last > first:
                out.append((first, last))
        return out

    def working_periods(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """The working periods of a local date as (start, end) instants, aware UTC."""
        return tuple((_instant(a), _instant(b)) for a, b in self._day_minutes(day))

    # -- the timeline --------------------------------------------------------------------------

    def _year_of(self, minute: int) -> int:
        return _instant(minute).astimezone(self._tz).year

    def _local_new_year(self, year: int) -> int:
        return _floor(datetime.combine(date(year, 1, 1), _MIDNIGHT, tzinfo=self._tz))

    def _build(self, first: int, last: int) -> _Timeline:
        """The timeline of local years ``first``..``last`` (and every year the calendar's
        timeline already covers), made the calendar's. Built under a lock, from the timeline
        current inside it: a thread that asked from an older view (none yet, or narrower) must
        not replace a wider timeline with one that misses its years, or count from another
        origin."""
        if first < _FIRST_YEAR or last > _LAST_YEAR:
            raise ValueError(f"working time is counted from year {_FIRST_YEAR} to {_LAST_YEAR}")
        with self._building:
            current = self._timeline
            if current is not None:
                if current.first <= first and last <= current.last:
                    return current  # another thread built it meanwhile
                first, last = min(first, current.first), max(last, current.last)
            starts: list[int] = []
            ends: list[int] = []
            through: list[int] = []
            total = 0
            day, stop = date(first, 1, 1), date(last + 1, 1, 1)
            one = timedelta(days=1)
            while day < stop:
                for opens, b in self._day_minutes(day):
                    # only a clock change could make two days' periods overlap
                    a = max(opens, ends[-1]) if ends else opens
                    if b <= a:
                        continue
                    starts.append(a)
                    ends.append(b)
                    total += b - a
                    through.append(total)
                day += one
            shift = 0
            if current is not None:  # keep the origin: the count at current.lo stays current.at_lo
                i = bisect_right(starts, current.lo) - 1
                raw = 0 if i < 0 else through[i] - max(0, ends[i] - current.lo)
                shift = current.at_lo - raw
            through = [t + shift for t in through]
            before = [t - (b - a) for t, a, b in zip(through, starts, ends, strict=True)]
            timeline = _Timeline(first, last, self._local_new_year(first),
                                 self._local_new_year(last + 1), shift,
                                 starts, ends, before, through)
            object.__setattr__(self, "_timeline", timeline)
            return timeline

    def _cover(self, lo: int, hi: int) -> _Timeline:
        """The calendar's timeline, widened when it does not cover [lo, hi]."""
        current = self._timeline
        if current is not None and current.lo <= lo and hi <= current.hi:
            return current
        first, last = self._year_of(lo), self._year_of(hi)
        if current is None:  # a year either side: deadlines cross New Year without rebuilding
            return self._build(first - 1, last + 1)
        return self._build(min(current.first, first), max(current.last, last))

    def _extended(self, timeline: _Timeline) -> _Timeline:
        """``timeline`` with more years at its end."""
        if timeline.last >= self._last_worked_year():
            raise ValueError("the calendar has no working time after "
                             f"{timeline.last}: no weekday has working hours")
        more = max(1, timeline.last - timeline.first)
        return self._build(timeline.first, min(timeline.last + more, _LAST_YEAR))

    def _last_worked_year(self) -> int:
        if any(h.periods for h in self.week.values()):
            return _LAST_YEAR
        return max((d.year for d in self.workdays), default=_FIRST_YEAR - 1)

    # -- working time as counts of minutes (what the SLA clock computes with) --------------

    def worked_to(self, minute: int) -> int:
        """The count of working minutes at epoch minute ``minute`` (see :func:`minute_up`): the
        difference of two counts is the working minutes between them. Counts keep their meaning
        for the life of this calendar object; they are not comparable across calendars."""
        timeline = self._timeline
        if timeline is None or not timeline.lo <= minute <= timeline.hi:
            timeline = self._cover(minute, minute)
        i = bisect_right(timeline.starts, minute) - 1
        if i < 0:
            return timeline.at_lo
        end = timeline.ends[i]
        return timeline.through[i] - (end - minute if minute < end else 0)

    def minute_at(self, count: int) -> int:
        """The epoch minute at which the count of working minutes reaches ``count``: the END of
        that working minute (inside a working period or at its end). ``count`` must be above
        ``worked_to`` of some minute already asked about (a count from :meth:`worked_to` plus a
        positive number)."""
        timeline = self._timeline
        if timeline is None or count <= timeline.at_lo:
            raise ValueError(f"count: {count} is not after a minute this calendar counted")
        while True:
            i = bisect_left(timeline.through, count)
            if i < len(timeline.through):
                return timeline.starts[i] + count - timeline.before[i]
            timeline = self._extended(timeline)

    def next_working_minute(self, minute: int) -> int:
        """``minute`` when it is working time, else the epoch minute the next period starts."""
        timeline = self._cover(minute, minute)
        while True:
            i = bisect_right(timeline.starts, minute)
            if i > 0 and minute < timeline.ends[i - 1]:
                return minute
            if i < len(timeline.starts):
                return timeline.starts[i]
            timeline = self._extended(timeline)

    # -- questions -----------------------------------------------------------------------------

    def is_working(self, at: datetime) -> bool:
        """Whether ``at`` falls inside a working period (start included, end excluded)."""
        minute = _floor(at)
        return self.next_working_minute(minute) == minute

    def next_working_instant(self, at: datetime) -> datetime:
        """``at`` itself (in UTC) when it is working time, else the start of the next period."""
        minute = _floor(at)
        found = self.next_working_minute(minute)
        return at.astimezone(UTC) if found == minute else _instant(found)

    def add_working(self, start: datetime, minutes: int) -> datetime:
        """The end of the ``minutes``-th working minute from ``start`` (rounded up to a whole
        minute; ``start`` may be outside working time: counting begins at the next working
        minute). ``minutes == 0`` gives the first working instant from ``start``."""
        if minutes < 0:
            raise ValueError(f"minutes: {minutes} is negative")
        origin = _ceil(start)
        if minutes == 0:
            return _instant(self.next_working_minute(origin))
        return _instant(self.minute_at(self.worked_to(origin) + minutes))

    def working_minutes(self, start: datetime, end: datetime) -> int:
        """Working minutes in [start, end) (both rounded up to whole minutes); 0 when
        ``end <= start``."""
        if end <= start:
            return 0
        a, b = _ceil(start), _ceil(end)
        self._cover(a, b)
        return self.worked_to(b) - self.worked_to(a)

    def with_days(self, holidays: Iterable[date] = (),
                  workdays: Iterable[date] = ()) -> BusinessCalendar:
        """This calendar with more holidays and make-up days (an .ics import): a date given as a
        holiday stops being a workday, and the other way round."""
        new_holidays, new_workdays = frozenset(holidays), frozenset(workdays)
        both = new_holidays & new_workdays
        if both:
            raise ValueError(f"workdays: {min(both)} is also a holiday")
        return BusinessCalendar(
            zone=self.zone,
            week=self.week,
            holidays=(self.holidays - new_workdays) | new_holidays,
            workdays=(self.workdays - new_holidays) | new_workdays,
            workday_hours=self.workday_hours,
        )


# -- China ------------------------------------------------------------------------------------

CHINA_HOURS = hours(("09:00", "12:00"), ("13:30", "18:00"))


@lru_cache(maxsize=1)
def china_days() -> Mapping[int, Mapping[str, Any]]:
    """The shipped holiday data by year (``salesdesk/domain/calendars/cn.json``)."""
    text = resources.files("salesdesk.domain").joinpath("calendars", _CHINA_DATA).read_text(
        encoding="utf-8"
    )
    return MappingProxyType({int(year): entry
                             for year, entry in json.loads(text)["years"].items()})


def china_calendar(years: Iterable[int] | None = None) -> BusinessCalendar:
    """Monday–Friday 09:00–12:00 and 13:30–18:00 in Asia/Shanghai, with China's public holidays
    and 调休 make-up working days of ``years`` (default: every shipped year).

    The same years give the same (immutable) calendar object, so the working time it has
    computed is shared. Raises ValueError for a year that is not shipped (``china_days()``).
    """
    data = china_days()
    wanted = tuple(sorted(data) if years is None else sorted(set(years)))
    missing = [y for y in wanted if y not in data]
    if missing:
        raise ValueError(f"years: no holiday data for {missing}; shipped: {sorted(data)}")
    return _china_calendar(wanted)


@lru_cache(maxsize=8)
def _china_calendar(years: tuple[int, ...]) -> BusinessCalendar:
    data = china_days()
    holidays = {date.fromisoformat(d) for y in years for d in data[y]["holidays"]}
    workdays = {date.fromisoformat(d) for y in years for d in data[y]["workdays"]}
    return BusinessCalendar(
        zone=CHINA_ZONE,
        week=dict.fromkeys(range(5), CHINA_HOURS),
        holidays=frozenset(holidays),
        workdays=frozenset(workdays),
    )


# -- JSON (the user's edited copy) -------------------------------------------------------------


def _time_text(value: time, *, end: bool) -> str:
    return "24:00" if end and value == _MIDNIGHT else f"{value:%H:%M}"


def _hours_json(value: WorkingHours) -> list[list[str]]:
    return [[_time_text(s, end=False), _time_text(e, end=True)] for s, e in value.periods]


def to_json(calendar: BusinessCalendar) -> str:
    """The calendar as JSON text (weekdays by name, times "HH:MM", dates ISO, sorted)."""
    document = {
        "version": JSON_VERSION,
        "zone": calendar.zone,
        "week": {WEEKDAY_NAMES[d]: _hours_json(h) for d, h in calendar.week.items()},
        "holidays": sorted(d.isoformat() for d in calendar.holidays),
        "workdays": sorted(d.isoformat() for d in calendar.workdays),
        "workday_hours": (None if calendar.workday_hours is None
                          else _hours_json(calendar.workday_hours)),
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def _parse_hours(value: object, where: str) -> WorkingHours:
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list of [start, end] periods")
    periods = []
    for n, period in enumerate(value):
        if not isinstance(period, list) or len(period) != 2:
            raise ValueError(f"{where}.{n}: expected [start, end]")
        periods.append((_parse_time(period[0], f"{where}.{n}"),
                        _parse_time(period[1], f"{where}.{n}")))
    try:
        return WorkingHours(tuple(periods))
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from exc


def _parse_dates(value: object, where: str) -> frozenset[date]:
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list of dates")
    out = set()
    for n, item in enumerate(value):
        try:
            out.add(date.fromisoformat(item))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{where}.{n}: {item!r} is not a date YYYY-MM-DD") from exc
    return frozenset(out)


def from_json(text: str) -> BusinessCalendar:
    """A calendar from :func:`to_json`'s text. Raises ValueError naming the field at fault."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"calendar: not JSON ({exc})") from exc
    if not isinstance(document, dict):
        raise ValueError("calendar: expected a JSON object")
    if document.get("version") != JSON_VERSION:
        raise ValueError(f"version: {document.get('version')!r} is not {JSON_VERSION}")
    week_in = document.get("week")
    if not isinstance(week_in, dict):
        raise ValueError("week: expected an object of weekday: periods")
    week = {}
    for name, value in week_in.items():
        if name not in WEEKDAY_NAMES:
            raise ValueError(f"week: {name!r} is not one of {', '.join(WEEKDAY_NAMES)}")
        week[WEEKDAY_NAMES.index(name)] = _parse_hours(value, f"week.{name}")
    zone = document.get("zone")
    if not isinstance(zone, str):
        raise ValueError("zone: expected a time zone name")
    raw_hours = document.get("workday_hours")
    return BusinessCalendar(
        zone=zone,
        week=week,
        holidays=_parse_dates(document.get("holidays", []), "holidays"),
        workdays=_parse_dates(document.get("workdays", []), "workdays"),
        workday_hours=None if raw_hours is None else _parse_hours(raw_hours, "workday_hours"),
    )
