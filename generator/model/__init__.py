"""The province as read from `data/`: plain, immutable, already validated.

Every collection is a dict keyed by id, in the order of the data file.
Relations between items (the organization tree, which cells lie under which
organization) are answered by `tree.py`, not stored here; what is in force when,
and each member's records, by `index.py` (`Province.index`, made once).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from .index import Index

COMMUNE_KINDS = ("xa", "phuong", "thi-tran", "dac-khu")  # organization kinds at commune level (xã, phường, thị trấn, đặc khu)


@dataclass(frozen=True, slots=True)
class Settings:
    province: str
    sample_data: bool
    timezone: str
    effective_date: date          # the first day duties count: the signing date, or the day the Board started tracking
    site_url: str
    feed_horizon_months: int
    feed_reminder_days: int = 7
    feed_url: str | None = None   # where the feeds are served, when not under site_url
    feed_attendance_reminder_days: int = 30   # an attendance duty not met reminds this long before its period ends
    regulation_number: str | None = None      # the regulation's number and signing date: the text held has neither
    regulation_signed: date | None = None
    regulation_signer: str | None = None       # who signed it for the Standing Committee (the Bí thư then)
    # The events' UID domain when the site is served somewhere other than `site_url` (`build --site-url`, the
    # local trial): an event keeps its identity wherever its feed is served. None: `site_url`'s host.
    event_domain: str | None = None

    @property
    def uid_domain(self) -> str:
        return self.event_domain or urlsplit(self.site_url).hostname or ""


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    name: str
    kind: str
    parent: str | None


@dataclass(frozen=True, slots=True)
class Schedule:
    time: time
    duration: int                 # minutes
    day: int | None = None        # 1–28, or -1 for the last day of the month
    weekday: int | None = None    # 0 = Monday … 6 = Sunday
    week: int | None = None       # 1–4, or -1 for the last such weekday of the month
    months: tuple[int, ...] = ()  # empty: every month
    start: date | None = None
    until: date | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """An exception to a schedule: the meeting of `date` is cancelled, or moved."""

    date: date
    cancelled: bool
    moved_to: date | None
    time: time | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class Place:
    """What cells and residential areas share: a place that holds scheduled meetings."""

    id: str
    name: str
    organization: str
    location: str | None
    schedule: Schedule
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class Area(Place):
    pass


@dataclass(frozen=True, slots=True)
class Cell(Place):
    residential: bool
    area: str | None


@dataclass(frozen=True, slots=True)
class Role:
    role: str  # "bch" or "btv"
    start: date
    end: date | None


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    name: str
    title: str | None
    roles: tuple[Role, ...]
    residence_cell: str | None
    residence_area: str | None
    feed_rotation: int = 0        # raised to give the member's calendar feed a new address


@dataclass(frozen=True, slots=True)
class Assignment:
    id: str
    member: str
    organization: str
    kind: str  # "phu-trach" or "theo-doi"
    start: date
    end: date | None
    host_cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    """What attendance and visits share: a member at a meeting of a cell or an area, on a day."""

    id: str
    member: str
    cell: str | None
    area: str | None
    date: date
    time: time | None


@dataclass(frozen=True, slots=True)
class Attendance(MeetingRecord):
    quality: str | None
    situation: str | None
    difficulties: str | None
    solutions: str | None


@dataclass(frozen=True, slots=True)
class Visit(MeetingRecord):
    status: str  # "proposed", "confirmed" or "cancelled"
    arranged_by: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Report:
    id: str
    member: str
    period: str  # a period code: "2026-Q2", "2026-H1"
    submitted: date
    note: str | None


@dataclass(frozen=True, slots=True)
class Grievance:
    id: str
    member: str
    attendance: str
    summary: str
    authority: str
    notified: date
    vptu_notified: date | None
    status: str  # "open", "in-progress" or "resolved"
    resolution: str | None
    resolved: date | None


@dataclass(frozen=True, slots=True)
class Province:
    settings: Settings
    organizations: dict[str, Organization]
    areas: dict[str, Area]
    cells: dict[str, Cell]
    members: dict[str, Member]
    assignments: dict[str, Assignment]
    attendance: dict[str, Attendance]
    visits: dict[str, Visit]
    reports: dict[str, Report]
    grievances: dict[str, Grievance]
    _index: Index | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def index(self) -> Index:
        """The records grouped by member, organization and place; made when first asked for."""
        if self._index is None:
            from .index import Index  # index.py reads these classes: imported here, not at the top

            object.__setattr__(self, "_index", Index(self))
        return self._index

    def place(self, cell: str | None, area: str | None) -> Place:
        return self.cells[cell] if cell else self.areas[area]

    def place_by_id(self, place: str) -> Place:
        """A cell or a residential area by its id (the cell, when both have it)."""
        return self.cells.get(place) or self.areas[place]
