"""Property-based tests: random damage to the sample data, random schedules."""

from __future__ import annotations

import shutil
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil import rrule
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load.data import load
from generator.load.problems import DataError
from generator.model import Cell, Change, Schedule
from generator.model.schedule import meetings

from ..support.project import ROOT

FILES = sorted(p.name for p in (ROOT / "data").glob("*.yml"))
TEXTS = {name: (ROOT / "data" / name).read_text(encoding="utf-8") for name in FILES}
NOISE = st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@,?\\ \n\t\r\x00\u2028aZ09đĐễ_")), max_size=8)


def mutate(text: str, data) -> str:
    lines = text.split("\n")
    kind = data.draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace", "truncate", "indent"]))
    i = data.draw(st.integers(0, len(lines) - 1))
    j = data.draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "insert":
        at = data.draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:at] + data.draw(NOISE) + lines[i][at:]
    elif kind == "replace" and ": " in lines[i]:
        lines[i] = lines[i].split(": ", 1)[0] + ": " + data.draw(NOISE)
    elif kind == "truncate":
        lines = lines[:i]
    elif kind == "indent":
        lines[i] = " " * data.draw(st.integers(0, 5)) + lines[i].lstrip()
    return "\n".join(lines)


def outcome(folder, fast: bool):
    try:
        return load(folder, fast=fast)
    except DataError as err:
        return [str(p) for p in err.problems]


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_sample_data_never_crashes_and_reads_the_same_fast_or_exact(tmp_path, data):
    folder = tmp_path / "data"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 3))):
        name = data.draw(st.sampled_from(FILES))
        (folder / name).write_text(mutate((folder / name).read_text(encoding="utf-8"), data), encoding="utf-8")
    assert outcome(folder, fast=True) == outcome(folder, fast=False)


TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST, LAST = date(2026, 1, 1), date(2027, 12, 31)
WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


@st.composite
def schedules(draw):
    at = time(draw(st.integers(6, 21)), draw(st.sampled_from([0, 15, 30, 45])))
    months = tuple(sorted(draw(st.sets(st.integers(1, 12), max_size=4))))
    start = draw(st.none() | st.dates(FIRST, LAST))
    until = draw(st.none() | st.dates(start or FIRST, LAST))
    if draw(st.booleans()):
        return Schedule(at, 120, day=draw(st.integers(1, 28) | st.just(-1)), months=months, start=start, until=until)
    return Schedule(at, 120, weekday=draw(st.integers(0, 6)), week=draw(st.integers(1, 4) | st.just(-1)),
                    months=months, start=start, until=until)


def independent(schedule: Schedule, changes: list[Change]) -> list[datetime]:
    """The same meetings by dateutil's rrule, then the exceptions applied one by one."""
    rule = dict(bymonthday=schedule.day) if schedule.day else dict(byweekday=WEEKDAYS[schedule.weekday](schedule.week))
    begin = max(FIRST, schedule.start or FIRST)
    end = min(LAST, schedule.until or LAST)
    dates = [d.date() for d in rrule.rrule(rrule.MONTHLY, dtstart=datetime.combine(begin, time()),
                                           until=datetime.combine(end, time()), bymonth=schedule.months or None, **rule)]
    held = {d: datetime.combine(d, schedule.time, TZ) for d in dates}
    for change in changes:
        if change.date not in held:
            continue
        if change.cancelled:
            del held[change.date]
        else:
            held[change.date] = datetime.combine(change.moved_to or change.date, change.time or schedule.time, TZ)
    return sorted(t for t in held.values() if FIRST <= t.date() <= LAST)


@settings(max_examples=200, deadline=None)
@given(schedule=schedules(), data=st.data())
def test_random_schedules_expand_like_an_independent_expansion(schedule, data):
    regular = independent(schedule, [])
    changes = []
    for when in data.draw(st.sets(st.sampled_from([t.date() for t in regular]), max_size=3)) if regular else ():
        if data.draw(st.booleans()):
            changes.append(Change(when, True, None, None, None))
        else:
            to = when + timedelta(days=data.draw(st.integers(-10, 10)))
            changes.append(Change(when, False, to, data.draw(st.none() | st.just(time(20, 0))), None))
    cell = Cell("cb", "Chi bộ", "xa", None, schedule, tuple(changes), True, None)
    assert [m.start for m in meetings(cell, FIRST, LAST, TZ)] == independent(schedule, changes)
