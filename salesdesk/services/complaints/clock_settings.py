"""The business calendar and the policy complaints are timed on, as the user edits them.

Both are JSON files in the data directory (``paths.complaint_calendar`` and
``paths.complaint_policy``); without them the shipped ones apply:
:func:`~salesdesk.domain.business_calendar.china_calendar` (China's holidays and 调休 days,
Monday–Friday 09:00–12:00 and 13:30–18:00, Asia/Shanghai) and
:data:`~salesdesk.domain.complaint_clock.DEFAULT_POLICY`. A file that cannot be read is
reported (``complaints.clock_file``), never silently replaced. Saving writes atomically.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import TypeVar

from salesdesk.domain.business_calendar import (
    BusinessCalendar,
    WorkingHours,
    china_calendar,
    from_json,
    to_json,
)
from salesdesk.domain.complaint_clock import (
    DEFAULT_POLICY,
    Policy,
    Severity,
    Targets,
    policy_from_json,
    policy_to_json,
)
from salesdesk.domain.validation import ErrorCode, FieldError, ValidationFailed
from salesdesk.kit.errors import KnownError

T = TypeVar("T")


class ClockFileDamaged(KnownError):
    """The calendar or policy file in the data directory cannot be read (params: file,
    problem)."""

    code = "complaints.clock_file"


@dataclass(frozen=True)
class ClockRules:
    """What the committed clock is computed on."""

    calendar: BusinessCalendar
    policy: Policy

    def targets(self, severity: str) -> Targets:
        return self.policy.for_severity(Severity(severity))


@dataclass(frozen=True)
class DayHours:
    """A worked weekday as the settings dialog edits it: the morning, then the afternoon after
    the lunch break (None: the morning only)."""

    morning: tuple[time, time]
    afternoon: tuple[time, time] | None = None

    @staticmethod
    def of(hours: WorkingHours) -> DayHours | None:
        """A weekday's hours as morning and afternoon (the first and the last period); None
        when the day is not worked."""
        periods = hours.periods
        if not periods:
            return None
        if len(periods) == 1:
            return DayHours(periods[0])
        return DayHours((periods[0][0], periods[-2][1] if len(periods) > 2 else periods[0][1]),
                        periods[-1])


@dataclass(frozen=True)
class CalendarEdit:
    """The working week (weekday 0 = Monday → its hours; a weekday missing is not worked), the
    public holidays and the make-up working days (调休), as the user edited them."""

    week: Mapping[int, DayHours]
    holidays: frozenset[date]
    workdays: frozenset[date]

    @staticmethod
    def of(calendar: BusinessCalendar) -> CalendarEdit:
        week = {day: DayHours.of(h) for day, h in calendar.week.items()}
        return CalendarEdit({d: h for d, h in week.items() if h is not None},
                            calendar.holidays, calendar.workdays)

    def applied_to(self, calendar: BusinessCalendar) -> BusinessCalendar:
        """``calendar`` (its zone, its make-up days' hours) with this week and these days.

        Raises:
            ValidationFailed: no weekday worked (``week``), a period ending before it starts
                or an afternoon starting before the morning ends (``week.<day>.morning`` /
                ``week.<day>.afternoon``); nothing is saved.
        """
        errors: list[FieldError] = []
        if not self.week:
            errors.append(FieldError("week", ErrorCode.NO_WORKDAY))
        week: dict[int, WorkingHours] = {}
        for day, hours in sorted(self.week.items()):
            start, end = hours.morning
            if end <= start:
                errors.append(FieldError(f"week.{day}.morning", ErrorCode.ENDS_BEFORE_START))
                continue
            periods = [hours.morning]
            if hours.afternoon is not None:
                after, until = hours.afternoon
                if after < end:
                    errors.append(FieldError(f"week.{day}.afternoon",
                                             ErrorCode.BEFORE_MORNING_ENDS))
                    continue
                if until <= after:
                    errors.append(FieldError(f"week.{day}.afternoon",
                                             ErrorCode.ENDS_BEFORE_START))
                    continue
                periods.append(hours.afternoon)
            week[day] = WorkingHours(tuple(periods))
        if errors:
            raise ValidationFailed(errors)
        return BusinessCalendar(zone=calendar.zone, week=week,
                                holidays=self.holidays - self.workdays, workdays=self.workdays,
                                workday_hours=calendar.workday_hours)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _load(path: Path, parse: Callable[[str], T], default: Callable[[], T]) -> T:
    """What ``path`` holds, or ``default()`` when there is no such file.

    Raises:
        ClockFileDamaged: the file cannot be read or parsed (the problem names the field).
    """
    try:
        return parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return default()
    except (OSError, ValueError) as exc:  # a damaged file is reported, never replaced
        raise ClockFileDamaged(str(exc), file=str(path), problem=str(exc)) from exc


class ClockSettings:
    """Loads and saves the calendar and the policy; :attr:`rules` is what is in force."""

    def __init__(self, calendar_path: Path, policy_path: Path) -> None:
        self._calendar_path = calendar_path
        self._policy_path = policy_path
        self._rules: ClockRules | None = None

    @property
    def rules(self) -> ClockRules:
        if self._rules is None:
            self._rules = ClockRules(self._load_calendar(), self._load_policy())
        return self._rules

    def _load_calendar(self) -> BusinessCalendar:
        return _load(self._calendar_path, from_json, china_calendar)

    def _load_policy(self) -> Policy:
        return _load(self._policy_path, policy_from_json, lambda: DEFAULT_POLICY)

    def save(self, calendar: BusinessCalendar | None = None,
             policy: Policy | None = None) -> ClockRules:
        """Writes what is given and puts it in force; the caller then recomputes open
        complaints (:meth:`ComplaintService.recompute_open`)."""
        current = self.rules
        if calendar is not None:
            _write(self._calendar_path, to_json(calendar))
        if policy is not None:
            _write(self._policy_path, policy_to_json(policy))
        self._rules = ClockRules(calendar or current.calendar, policy or current.policy)
        return self._rules
