"""Meetings ahead: which scheduled meetings a member can attend to meet an obligation.

Expansions are cached per place and window, since many members share the same cells.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..model import Member, Province, Visit
from ..model.schedule import Meeting, meeting_on, meetings
from ..model.tree import Tree
from .obligations import Obligation, Qualifying

SOON = timedelta(days=35)  # every monthly schedule meets within this window


class Agenda:
    def __init__(self, province: Province, tree: Tree, as_of: date):
        self.province, self.tree, self.as_of = province, tree, as_of
        self.tz = ZoneInfo(province.settings.timezone)
        self._cache: dict[tuple[str, date, date], list[Meeting]] = {}

    def meetings(self, place: str, first: date, last: date) -> list[Meeting]:
        key = (place, first, last)
        if key not in self._cache:
            self._cache[key] = meetings(self.province.place_by_id(place), first, last, self.tz)
        return self._cache[key]

    def upcoming(self, member: Member, obligation: Obligation, limit: int = 5) -> list[Meeting]:
        """The next meetings that would meet `obligation`: named places and host cells first."""
        q = obligation.qualifying
        first = max(self.as_of, obligation.period.start)
        last = obligation.period.end
        if q is None or first > last:
            return []
        if q.places:
            found = [m for place in q.places for m in self.meetings(place, first, last)]
            return sorted(found, key=order)[:limit]
        return self.in_cells(member, q, first, last, limit)

    def in_cells(self, member: Member, q: Qualifying, first: date, last: date, limit: int) -> list[Meeting]:
        """The host cells' meetings to the period's end, then the other qualifying cells' in the next weeks."""
        cells = [c for org in q.organizations for c in self.tree.cells_under(org, q.residential_only)
                 if c not in q.exclude]
        qualifying = set(cells)
        hosts = {c for a in self.province.index.assignments.get(member.id, ()) for c in a.host_cells
                 if c in qualifying}
        hosted = sorted((m for c in hosts for m in self.meetings(c, first, last)), key=order)[:limit]
        soon = min(last, first + SOON)
        others = sorted((m for c in cells if c not in hosts for m in self.meetings(c, first, soon)), key=order)
        return (hosted + others)[:limit]

    def visit_start(self, visit: Visit) -> datetime:
        """When a visit begins: its own time, or the time of the place's meeting that day."""
        if visit.time is not None:
            return datetime.combine(visit.date, visit.time, self.tz)
        return meeting_on(self.province.place(visit.cell, visit.area), visit.date, self.tz).start


def order(meeting: Meeting) -> tuple:
    return (meeting.start, meeting.place)
