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

from icalendar import Alarm, Calendar, Event as VEvent, Timezone, vDuration, vText, vUri

from .events import Event
from .feeds import Feed
from .model import Settings
from .revisions import Revision

PRODID = "-//sinh-hoat-chi-bo//Lich du sinh hoat//VI"
REFRESH = timedelta(hours=12)   # the data changes at most daily; clients may refresh twice a day


def render(feed: Feed, revisions: dict[str, Revision], settings: Settings) -> bytes:
    tz = ZoneInfo(settings.timezone)
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    for name in ("name", "x-wr-calname"):
        cal.add(name, vText(feed.name))
    for name in ("description", "x-wr-caldesc"):
        cal.add(name, vText(feed.description))
    cal.add("x-wr-timezone", vText(settings.timezone))
    cal.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    cal.add_component(timezone(settings.timezone, feed.events))
    for event in feed.events:
        cal.add_component(component(event, revisions[event.key], tz, settings.feed_reminder_days))
    return cal.to_ical()


def timezone(tzid: str, events: tuple[Event, ...]) -> Timezone:
    """The VTIMEZONE of the province's zone, covering whole years around every time in the feed.

    Made here rather than by `add_missing_timezones`, which walks a set.
    """
    years = [e.start.year for e in events] + [e.end.year for e in events]
    years += [e.recurrence_id.year for e in events if e.recurrence_id]
    return vtimezone(tzid, min(years, default=2000), max(years, default=2000))


@functools.cache
def vtimezone(tzid: str, first: int, last: int) -> Timezone:
    """Slow to make (it searches the zone's transitions), the same for every feed of a build: made once."""
    return Timezone.from_tzid(tzid, first_date=date(first, 1, 1), last_date=date(last + 1, 1, 1))


def component(event: Event, revision: Revision, tz: ZoneInfo, reminder_days: int) -> VEvent:
    stamp = datetime.combine(revision.modified, time(0), tz).astimezone(UTC)
    vevent = VEvent()
    vevent.add("uid", vText(event.uid))
    vevent.add("dtstamp", stamp)
    vevent.add("last-modified", stamp)
    vevent.add("sequence", revision.sequence)
    vevent.add("dtstart", event.start)
    vevent.add("dtend", event.end)
    if event.recurrence_id:
        vevent.add("recurrence-id", event.recurrence_id)
    if event.rule:
        vevent.add("rrule", event.rule)
    if event.exdates:
        vevent.add("exdate", list(event.exdates))
    vevent.add("summary", vText(event.summary))
    if event.description:
        vevent.add("description", vText(event.description))
    if event.location:
        vevent.add("location", vText(event.location))
    if event.url:
        vevent.add("url", vUri(event.url))
    vevent.add("status", "TENTATIVE" if event.tentative else "CONFIRMED")
    if event.all_day:
        vevent.add("transp", "TRANSPARENT")
    if event.reminder:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -timedelta(days=reminder_days))
        alarm.add("description", vText(event.summary))
        vevent.add_component(alarm)
    return vevent
