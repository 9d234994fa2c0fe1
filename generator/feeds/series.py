"""A place's regular meetings as calendar events: one RRULE series over the feeds' window, its
cancelled meetings as EXDATE, and an override (RECURRENCE-ID) for each meeting moved or with a
confirmed visit. Made once per place, however many feeds show it (UIDs: `events.py`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..model import Change, Place, Province, Schedule, Visit, vi
from ..model.schedule import Meeting, held, meetings, regular_dates
from ..site import paths
from .events import Event, page_url, place_name

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Series:
    def __init__(self, province: Province, first: date, last: date):
        self.province, self.first, self.last = province, first, last
        self.tz = ZoneInfo(province.settings.timezone)
        self.host = province.settings.uid_domain
        self._made: dict[tuple[str, str | None], tuple[list[Event], set[str]]] = {}

    def events(self, place_id: str, member: str) -> list[Event]:
        """The place's meetings in the window as `member`'s feed shows them: the series, then its overrides
        (a moved meeting, or one the member is arranged to attend). Another member's visit is never shown:
        where and when a member will be is theirs, their committee's and the Board's."""
        return self._place(place_id, member)[0]

    def absorbed(self, place_id: str, member: str) -> set[str]:
        """The member's confirmed visits shown as overrides of the place's series (so never twice)."""
        return self._place(place_id, member)[1]

    def _place(self, place_id: str, member: str) -> tuple[list[Event], set[str]]:
        own = any(v.member == member for v in self.province.index.visits_at.get(place_id, ()))
        key = (place_id, member if own else None)   # the same series for every member without a visit there
        if key not in self._made:
            self._made[key] = self._make(place_id, key[1])
        return self._made[key]

    def _make(self, place_id: str, member: str | None) -> tuple[list[Event], set[str]]:
        place = self.province.place_by_id(place_id)
        cell = place_id in self.province.cells
        found = meetings(place, self.first, self.last, self.tz)
        if not found:
            return [], set()
        begin, end = min(m.scheduled for m in found), max(m.scheduled for m in found)
        uid = f"{'chi-bo' if cell else 'khu-dan-cu'}.{place.id}@{self.host}"
        made = Made(uid, f"Sinh hoạt {place_name(self.province, place)}", self.place_lines(place),
                    page_url(self.province, paths.organization_page(place.organization)))
        changes = {c.date: c for c in place.changes}
        for day in regular_dates(place.schedule, begin, end):
            self.regular(place, day, changes.get(day), made, member)
        return [self.master(place, begin, end, made), *made.overrides], made.absorbed

    def regular(self, place: Place, day: date, change: Change | None, made: Made, member: str | None) -> None:
        """A regular meeting day: noted when changed, an EXDATE when cancelled, an override when moved or visited."""
        regular = datetime.combine(day, place.schedule.time, self.tz)
        meeting = held(place, day, self.tz)
        if change:
            made.noted.append(vi.change(change))
        if meeting is None:
            made.exdates.append(regular)
            return
        guests = [v for v in self.province.index.visits_at.get(place.id, ()) if v.status == "confirmed"
                  and v.member == member and v.date == meeting.date and (v.time is None or v.time == meeting.start.time())]
        if meeting.moved or guests:
            made.absorbed.update(v.id for v in guests)
            made.overrides.append(self.override(place, regular, meeting, change, guests, made))

    def override(self, place: Place, regular: datetime, meeting: Meeting, change: Change | None,
                 guests: list[Visit], made: Made) -> Event:
        summary = made.title + (" – dời lịch" if meeting.moved else "") + (" – có lịch dự" if guests else "")
        lines = []
        if meeting.moved:
            lines.append(f"Dời từ {vi.moment(regular)} sang {vi.moment(meeting.start)}"
                         + (f". Lý do: {change.reason}" if change.reason else "") + ".")
        lines += [self.guest_line(v) for v in guests]
        return Event(made.uid, summary, meeting.start, meeting.end, span(meeting), "\n".join(lines + made.about),
                     place.location, made.url, recurrence_id=regular)

    def master(self, place: Place, begin: date, end: date, made: Made) -> Event:
        schedule = place.schedule
        start = datetime.combine(begin, schedule.time, self.tz)
        rule = recurrence(schedule) | {"UNTIL": datetime.combine(end, schedule.time, self.tz).astimezone(UTC)}
        lines = [f"Lịch sinh hoạt: {vi.schedule(schedule)}."]
        if made.noted:
            lines += ["Thay đổi trong lịch:"] + [f"– {text}." for text in made.noted]
        return Event(made.uid, made.title, start, start + timedelta(minutes=schedule.duration), series_timing(place),
                     "\n".join(lines + made.about), place.location, made.url, rule=rule,
                     exdates=tuple(made.exdates))

    def place_lines(self, place: Place) -> list[str]:
        lines = [f"Địa điểm: {place.location}."] if place.location else []
        org = self.province.organizations[place.organization]
        return lines + [f"{org.name}: {page_url(self.province, paths.organization_page(org.id))}"]

    @staticmethod
    def guest_line(visit: Visit) -> str:
        """In the member's own feed: the member is arranged to attend (no name: the feed is the member's)."""
        by = f" ({visit.arranged_by} bố trí)" if visit.arranged_by else ""
        return f"Đồng chí đã được bố trí dự buổi sinh hoạt này{by}."


class Made:
    """What a place's series gathers while its regular meetings are read."""

    def __init__(self, uid: str, title: str, about: list[str], url: str):
        self.uid, self.title, self.about, self.url = uid, title, about, url
        self.overrides: list[Event] = []
        self.exdates: list[datetime] = []
        self.noted: list[str] = []
        self.absorbed: set[str] = set()


def recurrence(schedule: Schedule) -> dict:
    """The RRULE of a monthly schedule (without its UNTIL)."""
    rule: dict = {"FREQ": "MONTHLY"}
    if schedule.months:
        rule["BYMONTH"] = list(schedule.months)
    if schedule.day is not None:
        rule["BYMONTHDAY"] = schedule.day
    else:
        rule["BYDAY"] = f"{schedule.week}{WEEKDAY_CODES[schedule.weekday]}"
    return rule


def series_timing(place: Place) -> str:
    """What fixes the times of a place's series: its schedule and its cancelled meetings (not the window)."""
    s = place.schedule
    rule = ";".join(f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}" for k, v in recurrence(s).items())
    parts = [rule, s.time.strftime("%H:%M"), f"{s.duration}min"]
    parts += [f"from {s.start.isoformat()}"] if s.start else []
    parts += [f"until {s.until.isoformat()}"] if s.until else []
    cancelled = sorted(c.date.isoformat() for c in place.changes if c.cancelled)
    return " ".join(parts + ([f"cancelled {','.join(cancelled)}"] if cancelled else []))


def span(meeting: Meeting) -> str:
    return f"{meeting.start.isoformat()}/{meeting.end.isoformat()}"
