"""Write a feed as iCalendar (RFC 5545, with the calendar properties of RFC 7986).

Times are local to the province's named time zone, whose VTIMEZONE the feed
carries; all-day events are DATE values ending the next day and do not block
time. Regular meetings are RRULE series, a moved meeting an override
(RECURRENCE-ID) and a cancelled one an EXDATE; RDATE is never used. There is
no METHOD: the feed is published, not sent. Every text goes through
icalendar's escaping (`vText`), so no value from the data can become a property.
Nothing here reads the clock or makes up values: DTSTAMP and LAST-MODIFIED are
the date of the event's version (revisions.py), so the same data, date and
ledger give the same bytes.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, vDuration, vText

from ..model import Settings
from .contents import Feed
from .events import Event
from .revisions import Revision

PRODID = "-//sinh-hoat-chi-bo//Lich du sinh hoat//VI"
REFRESH = timedelta(hours=12)   # the data changes at most daily; clients may refresh twice a day


def render(feed: Feed, revisions: dict[str, Revision], settings: Settings) -> bytes:
    return Writer(revisions, settings).render(feed)


class Writer:
    """Writes the feeds of one build. An event is in several feeds (a member's, the organizations'):
    it is made and serialized once, and the same bytes go into each. Two events may share a UID and
    differ in what they tell their readers (a visit in the member's feed links the member's page, in a
    committee's it does not; a meeting in a member's feed names only that member's own visit): each is
    written as it is."""

    def __init__(self, revisions: dict[str, Revision], settings: Settings):
        self.revisions, self.settings = revisions, settings
        self.done: dict[tuple[str, int], bytes] = {}   # by key and event: the feeds share the event objects

    def render(self, feed: Feed) -> bytes:
        cal = Calendar()
        cal.add("version", "2.0")
        cal.add("prodid", PRODID)
        cal.add("calscale", "GREGORIAN")
        for name in ("name", "x-wr-calname"):
            cal.add(name, vText(feed.name))
        for name in ("description", "x-wr-caldesc"):
            cal.add(name, vText(feed.description))
        cal.add("x-wr-timezone", vText(self.settings.timezone))
        cal.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(REFRESH))
        head = serialize(cal)
        end = b"END:VCALENDAR\r\n"
        body = [vtimezone_bytes(self.settings.timezone, *years(feed.events))]
        body += [self.event(event) for event in feed.events]
        return head[: -len(end)] + b"".join(body) + end

    def event(self, event: Event) -> bytes:
        made = (event.key, id(event))
        if made not in self.done:
            self.done[made] = vevent(event, self.revisions[event.key], self.settings.timezone,
                                     self.settings.feed_reminder_days if event.lead_days is None else event.lead_days)
        return self.done[made]


def serialize(item: Calendar | Timezone) -> bytes:
    """The bytes of `item.to_ical()`, folded by `fold` (icalendar's folding walks every character of
    every line in Python: most of a large province's build time)."""
    return b"".join(fold(line) + b"\r\n" for line in item.content_lines() if line)


def fold(line: str) -> bytes:
    """A content line folded as icalendar folds it: pieces of at most 74 octets, never inside a
    character, and never ending on the backslash or caret that starts an escape."""
    data = line.encode("utf-8")
    pieces, start = [], 0
    while len(data) - start >= 75:
        end = start + 74
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the cut would split a character
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def years(events: tuple[Event, ...]) -> tuple[int, int]:
    """The first and last year of every time in the feed: its VTIMEZONE covers them."""
    found = [e.start.year for e in events] + [e.end.year for e in events]
    found += [e.recurrence_id.year for e in events if e.recurrence_id]
    return min(found, default=2000), max(found, default=2000)


@functools.cache
def vtimezone_bytes(tzid: str, first: int, last: int) -> bytes:
    """The VTIMEZONE of the province's zone over whole years; slow to make (it searches the zone's
    transitions) and the same for most feeds of a build, so made once. Made here rather than by
    `add_missing_timezones`, which walks a set."""
    return serialize(Timezone.from_tzid(tzid, first_date=date(first, 1, 1), last_date=date(last + 1, 1, 1)))


def vevent(event: Event, revision: Revision, tzid: str, reminder_days: int) -> bytes:
    """The VEVENT of `event`: the bytes icalendar writes for it (its property order, escaping and
    folding; the tests hold icalendar's own output against it), made without its object model,
    which costs a millisecond per event."""
    stamp = utc(revision.modified, tzid)
    lines = [f"SUMMARY:{text(event.summary)}", f"DTSTART{when(event.start, tzid)}", f"DTEND{when(event.end, tzid)}",
             f"DTSTAMP:{stamp}", f"UID:{text(event.uid)}"]
    if event.recurrence_id:
        lines.append(f"RECURRENCE-ID{when(event.recurrence_id, tzid)}")
    lines.append(f"SEQUENCE:{revision.sequence}")
    if event.rule:
        lines.append("RRULE:" + recur(event.rule))
    if event.exdates:
        lines.append(f"EXDATE;TZID={tzid}:" + ",".join(local(d) for d in event.exdates))
    if event.description:
        lines.append(f"DESCRIPTION:{text(event.description)}")
    lines.append(f"LAST-MODIFIED:{stamp}")
    if event.location:
        lines.append(f"LOCATION:{text(event.location)}")
    lines.append("STATUS:" + ("TENTATIVE" if event.tentative else "CONFIRMED"))
    if event.all_day:
        lines.append("TRANSP:TRANSPARENT")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.reminder:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{text(event.summary)}",
                  f"TRIGGER:-P{reminder_days}D" if reminder_days else "TRIGGER:P0D", "END:VALARM"]
    return b"BEGIN:VEVENT\r\n" + b"".join(fold(line) + b"\r\n" for line in lines) + b"END:VEVENT\r\n"


RECUR_ORDER = ("FREQ", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH")


def recur(rule: dict) -> str:
    parts = []
    for key in RECUR_ORDER:
        if key in rule:
            value = rule[key]
            if isinstance(value, datetime):
                value = value.strftime("%Y%m%dT%H%M%SZ")
            elif isinstance(value, list):
                value = ",".join(map(str, value))
            parts.append(f"{key}={value}")
    return ";".join(parts)


def text(value: str) -> str:
    """TEXT escaping (RFC 5545 3.3.11), as icalendar's vText does it."""
    return (value.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,")
            .replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n"))


def when(value: date | datetime, tzid: str) -> str:
    """`;params:value` of a date, or of a time in the province's zone."""
    if isinstance(value, datetime):
        return f";TZID={tzid}:{local(value)}"
    return f";VALUE=DATE:{value.strftime('%Y%m%d')}"


def local(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def utc(day: date, tzid: str) -> str:
    """Midnight of `day` in the province, in UTC: a version's DTSTAMP and LAST-MODIFIED."""
    return datetime.combine(day, time(0), ZoneInfo(tzid)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
