"""The machine-readable twin of the pages and feeds: `api/members.json`, `api/obligations.json`,
and `api/feeds/<member>.json` for each member's calendar feed (without its secret address)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date

from ..feeds import ics
from ..feeds.calendars import Calendars
from ..feeds.contents import Feed
from ..feeds.events import Event
from ..feeds.revisions import Revision
from ..model import vi
from ..site import paths
from ..site.context import Site
from ..rules.obligations import Obligation


def produce(site: Site, calendars: Calendars) -> Iterator[tuple[str, Callable[[], str]]]:
    """Each file at its path, as a function that makes it (the engine only copies them)."""
    yield "api/members.json", lambda: dump({"as_of": site.as_of, "members": members(site)})
    yield "api/obligations.json", lambda: dump({
        "as_of": site.as_of,
        "periods": [dict(code=p.code, label=p.label, start=p.start, end=p.end) for p in site.evaluation.periods],
        "obligations": [obligation(o) for o in site.evaluation.obligations],
    })
    days = site.province.settings.feed_reminder_days
    for h in calendars.headings:
        if h.identity[0] == "thanh-vien":
            yield f"api/feeds/{h.identity[1]}.json", lambda identity=h.identity: feed(
                calendars.feeds[identity], calendars.revisions, site.as_of, days)


def members(site: Site) -> list[dict]:
    return [
        {
            "id": m.id,
            "name": m.name,
            "title": m.title,
            "roles": [{"role": r.role, "label": vi.ROLES[r.role], "from": r.start, "to": r.end} for r in m.roles],
            "residence": {"cell": m.residence_cell, "area": m.residence_area},
            "assignments": [{"organization": a.organization, "kind": a.kind, "from": a.start, "to": a.end}
                            for a in site.index.assignments.get(m.id, ())],
            "page": paths.html(paths.member_page(m.id)),
            "feed": site.subscriptions[paths.member_page(m.id)].https,
        }
        for m in site.province.members.values()
    ]


def obligation(o: Obligation) -> dict:
    q = o.qualifying
    return {
        "member": o.member,
        "rule": o.rule.code,
        "clause": o.rule.clause,
        "kind": o.rule.kind,
        "title": o.rule.title,
        "period": o.period.code,
        "period_start": o.period.start,
        "period_end": o.period.end,
        "due": o.due,
        "status": o.status,
        "status_label": vi.STATUSES[o.status],
        "covered_days": o.covered_days,
        "period_days": o.period.days,
        "reason": o.reason,
        "qualifying": None if q is None else {
            "organizations": list(q.organizations),
            "residential_only": q.residential_only,
            "places": list(q.places),
            "exclude": list(q.exclude),
        },
        "met_by": o.met_by,
        "planned_by": o.planned_by,
        "note": o.note,
    }


def feed(feed: Feed, revisions: dict[str, Revision], as_of: date, reminder_days: int) -> str:
    """What a member's calendar feed holds, event by event, as the .ics file has it."""
    return dump({
        "as_of": as_of,
        "member": feed.identity[1],
        "name": feed.name,
        "description": feed.description,
        "events": [event(e, revisions[e.key], reminder_days) for e in feed.events],
    })


def event(e: Event, revision: Revision, reminder_days: int) -> dict:
    return {
        "uid": e.uid,
        "recurrence_id": e.recurrence_id,
        "summary": e.summary,
        "all_day": e.all_day,
        "start": e.start,
        "end": e.end,
        "rrule": ics.recur(e.rule) if e.rule else None,
        "exdates": list(e.exdates),
        "status": "tentative" if e.tentative else "confirmed",
        "location": e.location,
        "description": e.description,
        "url": e.url,
        "reminder_days_before": (reminder_days if e.lead_days is None else e.lead_days) if e.reminder else None,
        "sequence": revision.sequence,
        "last_modified": revision.modified,
    }


def dump(data: dict) -> str:
    """JSON with one line per item of each list, so it diffs well and is still written by the C encoder."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            items = ",\n  ".join(compact(item) for item in value)
            parts.append(f'"{key}": [\n  {items}\n ]' if value else f'"{key}": []')
        else:
            parts.append(f'"{key}": {compact(value)}')
    return "{\n " + ",\n ".join(parts) + "\n}\n"


def compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=iso)


def iso(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON: {value!r}")
