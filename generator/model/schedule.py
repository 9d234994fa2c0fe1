"""Expand a place's meeting schedule and its exceptions into concrete meetings.

A schedule is monthly: a day of the month (1–28 or the last day) or an nth
weekday (first … fourth or last), optionally only in some months and between
two dates. Exceptions cancel the meeting of a date or move it to another date
and/or time. Meetings are local times in the province's time zone.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from . import Place, Schedule

LAST = -1


@dataclass(frozen=True, slots=True)
class Meeting:
    place: str
    start: datetime            # aware, in the province's time zone
    end: datetime
    scheduled: date            # the date the schedule gives; differs from start.date() when moved
    moved: bool

    @property
    def date(self) -> date:
        return self.start.date()


def month_day(schedule: Schedule, year: int, month: int) -> date:
    """The date the schedule gives in one month (each month has exactly one)."""
    if schedule.day is not None:
        day = calendar.monthrange(year, month)[1] if schedule.day == LAST else schedule.day
        return date(year, month, day)
    first_weekday, length = calendar.monthrange(year, month)
    first = 1 + (schedule.weekday - first_weekday) % 7
    if schedule.week == LAST:
        return date(year, month, first + 7 * ((length - first) // 7))
    return date(year, month, first + 7 * (schedule.week - 1))


def regular_dates(schedule: Schedule, first: date, last: date) -> list[date]:
    """Dates the schedule gives between first and last (inclusive), before exceptions."""
    first = max(first, schedule.start or first)
    last = min(last, schedule.until or last)
    dates = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        if not schedule.months or month in schedule.months:
            day = month_day(schedule, year, month)
            if first <= day <= last:
                dates.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


def is_regular(schedule: Schedule, day: date) -> bool:
    return regular_dates(schedule, day, day) == [day]


def meetings(place: Place, first: date, last: date, tz: ZoneInfo) -> list[Meeting]:
    """The meetings actually held at `place` between first and last, in date order.

    A meeting moved into the window counts even when its scheduled date lies
    outside it, and a meeting moved out of the window does not.
    """
    scheduled = set(regular_dates(place.schedule, first, last))
    scheduled.update(c.date for c in place.changes if c.moved_to and first <= c.moved_to <= last
                     and is_regular(place.schedule, c.date))
    found = (held(place, day, tz) for day in scheduled)
    result = [m for m in found if m is not None and first <= m.date <= last]
    result.sort(key=lambda m: (m.start, m.place))
    return result


def held(place: Place, day: date, tz: ZoneInfo) -> Meeting | None:
    """The meeting the schedule gives on `day` (a regular date) as it is held: moved, or None if cancelled."""
    change = next((c for c in place.changes if c.date == day), None)
    if change and change.cancelled:
        return None
    on = (change.moved_to if change else None) or day
    at = (change.time if change else None) or place.schedule.time
    start = datetime.combine(on, at, tz)
    return Meeting(place.id, start, start + timedelta(minutes=place.schedule.duration), day,
                   (on, at) != (day, place.schedule.time))


def meeting_on(place: Place, day: date, tz: ZoneInfo) -> Meeting | None:
    """The meeting held at `place` on `day`, if any."""
    found = meetings(place, day, day, tz)
    return found[0] if found else None
