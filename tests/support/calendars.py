"""Feeds read back as calendar clients read them, and the meetings the generator itself expects.

Two readers: icalendar with recurring-ical-events (Python), and Mozilla's ical.js
(the parser inside Thunderbird) run under Node by `icaljs.mjs`.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from generator.feeds.contents import Feed
from generator.feeds.events import Event
from generator.model import Province
from generator.model.schedule import meetings

from .project import ROOT


NODE_MODULE = ROOT / "node_modules" / "ical.js"


def icaljs(files: list[Path], first: date, last: date) -> dict[str, dict]:
    """What ical.js finds in each file: problems, events' text, occurrences from `first` to `last` inclusive."""
    command = ["node", str(ROOT / "tests" / "icaljs.mjs"), first.isoformat(),
               (last + timedelta(days=1)).isoformat(), *map(str, files)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def python_occurrences(content: bytes, first: date, last: date) -> list[tuple]:
    """Occurrences from `first` to `last` inclusive, as recurring-ical-events expands them."""
    calendar = Calendar.from_ical(content)
    found = recurring_ical_events.of(calendar).between(first, last + timedelta(days=1))
    return sorted((str(e["UID"]), moment(e["DTSTART"].dt), moment(e["DTEND"].dt)) for e in found)


def icaljs_occurrences(found: dict) -> list[tuple]:
    return sorted((o["uid"], o["start"], o["end"]) for o in found["occurrences"])


def expected_occurrences(feed: Feed, province: Province, first: date, last: date) -> list[tuple]:
    """The generator's own answer: its schedule expansion for each series, other events as they are."""
    tz = ZoneInfo(province.settings.timezone)
    found = []
    for event in feed.events:
        if event.rule:
            place = event.uid.split("@")[0].split(".", 1)[1]
            held = meetings(province.cells.get(place) or province.areas[place], first, last, tz)
            found += [(event.uid, moment(m.start), moment(m.end)) for m in held]
        elif event.recurrence_id is None and within(event, first, last):
            found.append((event.uid, moment(event.start), moment(event.end)))
    return sorted(found)


def within(event: Event, first: date, last: date) -> bool:
    day = event.start if event.all_day else event.start.date()
    return first <= day <= last


def moment(value: date | datetime) -> int | str:
    return int(value.timestamp()) if isinstance(value, datetime) else value.isoformat()


def icalendar_problems(content: bytes) -> list[str]:
    """Components icalendar could not read, and TZIDs without their VTIMEZONE."""
    calendar = Calendar.from_ical(content)
    problems = [f"{c.name}: {c.errors}" for c in calendar.walk() if c.errors]
    return problems + [f"no VTIMEZONE for {tzid}" for tzid in sorted(calendar.get_missing_tzids())]
