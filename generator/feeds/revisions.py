"""Version numbers of calendar events: SEQUENCE and LAST-MODIFIED that only move forward.

A calendar client trusts a newer SEQUENCE over an older one, so an event's
number must rise whenever its time changes and never fall. Nothing in the data
alone can give that (change a meeting and change it back: the data is as before,
the number must not be), so the build keeps a ledger, `state/feed-revisions.json`,
committed with the data: for each event (by UID, and the meeting an override
replaces) the data that fixed its time when last seen (`Event.timing`), its
SEQUENCE and the as-of date of that version.

`revise` is a pure function of the previous ledger, this build's events and the
as-of date: an event seen for the first time gets 0 and the as-of date; an event
whose timing differs gets the next number and the as-of date; every other entry,
including events no longer in any feed, is kept as it was. Moving the window
(a new year, a new month) does not change any event's timing, so it does not
count as a change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .events import Event


@dataclass(frozen=True, slots=True)
class Revision:
    timing: str
    sequence: int
    modified: date


def revise(previous: dict[str, Revision], events: Iterable[Event], as_of: date) -> dict[str, Revision]:
    result = dict(previous)
    seen: dict[str, str] = {}
    for event in events:
        if seen.setdefault(event.key, event.timing) != event.timing:
            raise ValueError(f"one event, two timings in the same build: {event.key}")
        old = previous.get(event.key)
        if old is None:
            result[event.key] = Revision(event.timing, 0, as_of)
        elif old.timing != event.timing:
            result[event.key] = Revision(event.timing, old.sequence + 1, max(as_of, old.modified))
    return dict(sorted(result.items()))


def parse(text: str) -> dict[str, Revision]:
    return {key: Revision(entry["timing"], entry["sequence"], date.fromisoformat(entry["modified"]))
            for key, entry in json.loads(text).items()}


def dump(revisions: dict[str, Revision]) -> str:
    """One event per line, in key order, so a change to the data shows as a readable diff."""
    lines = [f"{json.dumps(key, ensure_ascii=False)}: "
             + json.dumps({"timing": r.timing, "sequence": r.sequence, "modified": r.modified.isoformat()},
                          ensure_ascii=False)
             for key, r in revisions.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"
