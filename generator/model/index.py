"""What is in force when, and each member's records: asked by every rule, page, feed and warning.

An assignment or a role is in force from its `start` to its `end` (both included;
no end: for good). `in_force` and `in_force_between` answer for a day and for a
stretch of days; `span` gives the days as a Span, and `periods.overlap_days`
counts how many days of a period a list of spans covers.

`Index` groups the province's records by member (and by organization and place),
once per province: `province.index`. Each list keeps data order, or the order
named below where the readers want it (dated records by date, then id).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Protocol, TypeVar

from .periods import Span

if TYPE_CHECKING:
    from . import Area, Assignment, Attendance, Grievance, Province, Report, Role, Visit

FAR = date(9999, 12, 31)  # the end of what has none
T = TypeVar("T")


class Dated(Protocol):
    """An assignment or a role: in force from `start` to `end`, both included."""

    start: date
    end: date | None


def span(item: Dated) -> Span:
    return (item.start, item.end or FAR)


def in_force(item: Dated, day: date) -> bool:
    return item.start <= day <= (item.end or FAR)


def in_force_between(item: Dated, first: date, last: date) -> bool:
    """In force on at least one day of first..last."""
    return item.start <= last and (item.end or FAR) >= first


def role_spans(roles: Iterable[Role], role: str) -> list[Span]:
    """When a member held `role` ("bch" or "btv")."""
    return [span(r) for r in roles if r.role == role]


def group(items: Iterable[T], key: Callable[[T], Hashable]) -> dict:
    """Items by key, each tuple in the order given."""
    found: dict = {}
    for item in items:
        found.setdefault(key(item), []).append(item)
    return {k: tuple(v) for k, v in found.items()}


class Index:
    """The province's records grouped once; a key with nothing under it is absent (use `.get(key, ())`)."""

    def __init__(self, province: Province):
        by_date = sorted(province.attendance.values(), key=lambda r: (r.date, r.id))
        visits = sorted(province.visits.values(), key=lambda v: (v.date, v.id))
        self.assignments: dict[str, tuple[Assignment, ...]] = group(province.assignments.values(), lambda a: a.member)
        self.attended: dict[str, tuple[Attendance, ...]] = group(by_date, lambda r: r.member)   # by date
        self.visits: dict[str, tuple[Visit, ...]] = group(visits, lambda v: v.member)           # by date, any status
        self.reports: dict[tuple[str, str], tuple[Report, ...]] = group(          # by member and period, first sent first
            sorted(province.reports.values(), key=lambda r: (r.submitted, r.id)), lambda r: (r.member, r.period))
        self.grievances: dict[str, tuple[Grievance, ...]] = group(
            sorted(province.grievances.values(), key=lambda g: (g.notified, g.id)), lambda g: g.member)
        self.assigned_to: dict[str, tuple[Assignment, ...]] = group(province.assignments.values(),
                                                                    lambda a: a.organization)
        self.visits_at: dict[str, tuple[Visit, ...]] = group(visits, lambda v: v.cell or v.area)  # by place, by date
        self.visits_under: dict[str, tuple[Visit, ...]] = group(                   # by the place's organization
            visits, lambda v: province.place(v.cell, v.area).organization)
        self.areas: dict[str, tuple[Area, ...]] = group(province.areas.values(), lambda a: a.organization)

    def assignments_between(self, member: str, first: date, last: date, kind: str | None = None) -> list[Assignment]:
        """The member's assignments (of `kind`, when given) in force on some day of first..last."""
        return [a for a in self.assignments.get(member, ())
                if (kind is None or a.kind == kind) and in_force_between(a, first, last)]
