"""Schedule expansion: regular meetings, exceptions, short months and leap years."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil import rrule

from generator.model import Cell, Change, Schedule
from generator.model.schedule import meeting_on, meetings, regular_dates

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def place(schedule, *changes):
    return Cell("cb", "Chi bộ", "xa", None, schedule, tuple(changes), True, None)


def moved(day, to=None, at=None):
    return Change(day, False, to, at, None)


def cancelled(day):
    return Change(day, True, None, None, None)


def dates(schedule, first=date(2026, 1, 1), last=date(2026, 12, 31)):
    return regular_dates(schedule, first, last)


def test_the_5th_of_each_month_at_19_30_in_local_time():
    found = meetings(place(Schedule(time(19, 30), 120, day=5)), date(2026, 1, 1), date(2026, 3, 31), TZ)
    assert [m.start for m in found] == [datetime(2026, m, 5, 19, 30, tzinfo=TZ) for m in (1, 2, 3)]
    assert found[0].start.utcoffset() == timedelta(hours=7)
    assert found[0].end - found[0].start == timedelta(minutes=120)


def test_the_first_saturday_of_each_month():
    first = dates(Schedule(time(19, 30), 120, weekday=5, week=1))
    assert first[:4] == [date(2026, 1, 3), date(2026, 2, 7), date(2026, 3, 7), date(2026, 4, 4)]
    assert all(d.weekday() == 5 and d.day <= 7 for d in first)


def test_the_last_friday_of_each_month():
    last = dates(Schedule(time(19, 30), 120, weekday=4, week=-1))
    assert last[:3] == [date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)]


def test_the_last_day_follows_short_months_and_leap_years():
    last = Schedule(time(19, 0), 120, day=-1)
    assert dates(last)[:4] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]
    assert date(2028, 2, 29) in dates(last, date(2028, 1, 1), date(2028, 12, 31))
    assert date(2100, 2, 28) in dates(last, date(2100, 1, 1), date(2100, 12, 31))


def test_a_day_28_schedule_meets_in_february_even_in_common_years():
    assert date(2026, 2, 28) in dates(Schedule(time(8, 0), 120, day=28))


def test_a_quarterly_area_meets_only_in_its_months():
    assert dates(Schedule(time(8, 0), 120, day=15, months=(1, 4, 7, 10))) == [
        date(2026, 1, 15), date(2026, 4, 15), date(2026, 7, 15), date(2026, 10, 15)]


def test_a_schedule_applies_only_between_its_from_and_until():
    bounded = Schedule(time(8, 0), 120, day=10, start=date(2026, 3, 11), until=date(2026, 6, 10))
    assert dates(bounded) == [date(2026, 4, 10), date(2026, 5, 10), date(2026, 6, 10)]


def test_a_meeting_moved_to_the_12th_replaces_the_5th():
    cell = place(Schedule(time(19, 30), 120, day=5), moved(date(2026, 2, 5), to=date(2026, 2, 12)))
    found = meetings(cell, date(2026, 2, 1), date(2026, 2, 28), TZ)
    assert [m.start for m in found] == [datetime(2026, 2, 12, 19, 30, tzinfo=TZ)]
    assert found[0].moved and found[0].scheduled == date(2026, 2, 5)
    assert meeting_on(cell, date(2026, 2, 5), TZ) is None


def test_a_meeting_moved_to_another_time_keeps_its_date():
    cell = place(Schedule(time(19, 30), 120, day=5), moved(date(2026, 9, 5), at=time(20, 0)))
    assert meeting_on(cell, date(2026, 9, 5), TZ).start == datetime(2026, 9, 5, 20, 0, tzinfo=TZ)


def test_a_cancelled_meeting_is_not_held():
    cell = place(Schedule(time(19, 30), 120, weekday=5, week=1), cancelled(date(2026, 5, 2)))
    found = [m.date for m in meetings(cell, date(2026, 4, 1), date(2026, 6, 30), TZ)]
    assert found == [date(2026, 4, 4), date(2026, 6, 6)]


def test_a_meeting_moved_across_the_window_edge_counts_where_it_is_held():
    cell = place(Schedule(time(19, 0), 120, day=-1), moved(date(2026, 1, 31), to=date(2026, 2, 3), at=time(19, 30)))
    january = meetings(cell, date(2026, 1, 1), date(2026, 1, 31), TZ)
    february = meetings(cell, date(2026, 2, 1), date(2026, 2, 28), TZ)
    assert january == []
    assert [m.start for m in february] == [datetime(2026, 2, 3, 19, 30, tzinfo=TZ),
                                           datetime(2026, 2, 28, 19, 0, tzinfo=TZ)]


WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


@pytest.mark.parametrize("schedule", [
    Schedule(time(19, 30), 120, day=5),
    Schedule(time(19, 30), 120, day=28),
    Schedule(time(19, 30), 120, day=-1),
    Schedule(time(19, 30), 120, weekday=5, week=1),
    Schedule(time(19, 30), 120, weekday=6, week=4),
    Schedule(time(19, 30), 120, weekday=4, week=-1),
    Schedule(time(8, 0), 120, day=15, months=(3, 6, 9, 12)),
])
def test_expansion_over_24_months_agrees_with_dateutil(schedule):
    first, last = date(2027, 1, 1), date(2028, 12, 31)
    if schedule.day is not None:
        rule = dict(bymonthday=schedule.day)
    else:
        rule = dict(byweekday=WEEKDAYS[schedule.weekday](schedule.week))
    expected = [d.date() for d in rrule.rrule(rrule.MONTHLY, dtstart=datetime(2027, 1, 1), until=datetime(2028, 12, 31),
                                              bymonth=schedule.months or None, **rule)]
    assert regular_dates(schedule, first, last) == expected
