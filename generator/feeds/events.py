"""The calendar events the feeds are made of, each with its Vietnamese wording.

An Event is a plain value: `ics.py` writes it as iCalendar, `api.py` as JSON.
Its UID comes from data ids only, so the same event has the same UID in every
feed it appears in and in every build:

    chi-bo.<cell>@<host>, khu-dan-cu.<area>@<host>   a place's regular meetings: one series,
                                                     a moved (or visited) meeting overrides it
                                                     (`series.py`)
    lich-du.<visit>@<host>                           a planned visit
    nghia-vu.<member>.<rule>.<period>@<host>         an obligation's due date or report deadline
                                                     (A′ shares A's name and R2′ R2's: the same
                                                     duty read under the other sentence)
    han-bao-cao.<period>@<host>, tong-hop.<period>@<host>   the Organization Board's dates

`<host>` is the host name of the site's address (settings `site_url`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..model import Place, Province, Visit, vi
from ..model.periods import Period
from ..model.schedule import meeting_on
from ..model.tree import Tree
from ..site import paths
from ..rules.obligations import Obligation

FAMILY = {"A′": "a", "R2′": "r2"}   # the UID of an obligation does not change with the reading
REPORT_CONTENT = ("Nội dung báo cáo (khoản 3 Điều 3): thời gian, địa điểm từng buổi dự sinh hoạt; chất lượng sinh hoạt "
                  "của cấp ủy, chi bộ; tình hình, tư tưởng của cán bộ, đảng viên và nhân dân; khó khăn, bức xúc, "
                  "vấn đề phức tạp nảy sinh ở cơ sở; giải pháp đã tham gia; kết quả giải quyết của cơ quan có "
                  "thẩm quyền đối với các kiến nghị trước.")
REPORT_STATUS = {"met": " – đã gửi", "late": " – gửi muộn", "missed": " – quá hạn, chưa gửi", "due": ""}


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    start: date | datetime          # a date for an all-day event, else aware in the province's zone
    end: date | datetime            # exclusive: the next day for an all-day event
    timing: str                     # what in the data fixes the event's time (see revisions.py)
    description: str = ""
    location: str | None = None
    url: str | None = None
    recurrence_id: datetime | None = None   # the regular start of the meeting an override replaces
    rule: dict | None = None                # RRULE parts, for a series
    exdates: tuple[datetime, ...] = ()      # cancelled meetings of a series
    tentative: bool = False                 # a proposed visit
    reminder: bool = False                  # an open deadline: one alarm, the feed's lead before
    lead_days: int | None = None            # the alarm's own lead, when not the feed's (an attendance duty)

    @property
    def key(self) -> str:
        """The event's identity within a build: its UID, and the meeting it overrides."""
        if self.recurrence_id is None:
            return self.uid
        return f"{self.uid}/{self.recurrence_id.strftime('%Y%m%dT%H%M%S')}"

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def sort_key(self) -> tuple:
        return (self.start.isoformat(), self.uid, "" if self.recurrence_id is None else self.recurrence_id.isoformat())


def all_day(uid: str, summary: str, day: date, description: str, url: str | None, reminder: bool,
            lead_days: int | None = None) -> Event:
    return Event(uid, summary, day, day + timedelta(days=1), day.isoformat(), description, url=url, reminder=reminder,
                 lead_days=lead_days)


class Events:
    """Makes the events of one build: the province, its obligations and a window of dates."""

    def __init__(self, province: Province, tree: Tree, as_of: date, first: date, last: date):
        self.province, self.tree, self.as_of = province, tree, as_of
        self.first, self.last = first, last
        self.tz = ZoneInfo(province.settings.timezone)
        self.host = province.settings.uid_domain

    def place_name(self, place: Place) -> str:
        return place_name(self.province, place)

    # -- visits

    def visit(self, visit: Visit, own: bool = True) -> Event:
        """A visit as the member's feed shows it (`own`: with a link to the member's page), or as a committee's
        feed does (no link: a committee does not open members' pages)."""
        place = self.province.place(visit.cell, visit.area)
        start, end = self.visit_time(visit)
        name = self.province.members[visit.member].name
        summary = f"Dự sinh hoạt {self.place_name(place)} – {name}"
        lines = [f"Đồng chí {name} dự sinh hoạt {self.place_name(place)} theo lịch đã bố trí (khoản 2 Điều 4).",
                 f"Trạng thái: {vi.VISIT_STATUSES[visit.status]}."]
        if visit.arranged_by:
            lines.append(f"Cấp ủy bố trí: {visit.arranged_by}.")
        if visit.note:
            lines.append(f"Ghi chú: {visit.note}")
        if place.location:
            lines.append(f"Địa điểm: {place.location}.")
        url = self.page_url(paths.member_page(visit.member)) if own else None
        if url:
            lines.append(f"Trang của đồng chí: {url}")
        proposed = visit.status == "proposed"
        return Event(f"lich-du.{visit.id}@{self.host}", ("Đề xuất: " if proposed else "") + summary, start, end,
                     f"{start.isoformat()}/{end.isoformat()} {visit.status}", "\n".join(lines), place.location,
                     url, tentative=proposed)

    def visit_time(self, visit: Visit) -> tuple[datetime, datetime]:
        """Its own time when given, else the time of the place's meeting that day."""
        place = self.province.place(visit.cell, visit.area)
        if visit.time is None:
            meeting = meeting_on(place, visit.date, self.tz)
            return meeting.start, meeting.end
        start = datetime.combine(visit.date, visit.time, self.tz)
        return start, start + timedelta(minutes=place.schedule.duration)

    # -- a member's obligations

    def duty(self, o: Obligation, own: bool = True) -> Event:
        """An attendance obligation not yet met: all day on the period's last day; in a committee's feed
        (not `own`) without the link to the member's page."""
        name = self.province.members[o.member].name
        verb = "Không thực hiện" if o.status == "missed" else "Hạn"
        lines = [
            f"Đồng chí {name} cần dự sinh hoạt ít nhất một lần trong {vi.lower_first(o.period.label)} "
            f"({vi.day(o.period.start)}–{vi.day(o.period.end)}).",
            f"Nghĩa vụ {o.rule.code} ({vi.clause(o.rule.clause)}): {o.rule.title}.",
            f"Được tính: {self.qualifying_text(o)}.",
            *self.host_cells_line(o),
            f"Tình hình đến ngày {vi.day(self.as_of)}: {vi.STATUSES[o.status]}{self.plan_text(o)}.",
        ]
        url = self.page_url(paths.member_page(o.member)) if own else None
        if url:
            lines.append(f"Trang của đồng chí: {url}")
        return all_day(self.obligation_uid(o), f"{verb}: {o.rule.title} ({o.period.label}) – {name}", o.due,
                       "\n".join(lines), url,
                       o.status in ("due", "planned") and o.due >= self.as_of,
                       self.province.settings.feed_attendance_reminder_days)  # time to attend a monthly meeting

    def report(self, o: Obligation) -> Event:
        """A report deadline: all day on the 24th, its title quoting the regulation ("trước ngày 25/6")."""
        label = vi.lower_first(o.period.label)
        part = f" (trong báo cáo theo dõi {self.communes(o)})" if o.rule.code == "R2′" else ""
        lines = [f"Gửi Ban Thường vụ Tỉnh ủy (qua Ban Tổ chức Tỉnh ủy) báo cáo kết quả dự sinh hoạt {label}, "
                 f"{vi.deadline_quote(o.due)}/{o.due.year} (khoản 2 Điều 3)."]
        if o.note:
            lines.append(f"{o.note}.")
        lines += [REPORT_CONTENT, f"Tình hình đến ngày {vi.day(self.as_of)}: {self.report_status(o)}.",
                  f"Trang của đồng chí: {self.page_url(paths.member_page(o.member))}"]
        summary = (f"Báo cáo kết quả dự sinh hoạt {label}{part} – {vi.deadline_quote(o.due)}"
                   f"{REPORT_STATUS[o.status]}")
        return all_day(self.obligation_uid(o), summary, o.due, "\n".join(lines),
                       self.page_url(paths.member_page(o.member)), o.status == "due")

    def communes(self, o: Obligation) -> str:
        """The communes an R2′ report goes into, by name: "đảng bộ phường An Lạc"."""
        return ", ".join(vi.lower_first(self.province.organizations[c].name) for c in o.communes)

    def obligation_uid(self, o: Obligation) -> str:
        return f"nghia-vu.{o.member}.{FAMILY.get(o.rule.code, o.rule.slug)}.{o.period.code}@{self.host}"

    def qualifying_text(self, o: Obligation) -> str:
        q = o.qualifying
        if q.places:
            return " hoặc ".join(self.place_name(self.province.place_by_id(p)) for p in q.places)
        cells = dict.fromkeys(c for org in q.organizations for c in self.tree.cells_under(org, q.residential_only))
        names = ", ".join(self.province.organizations[org].name for org in q.organizations)
        kind = "chi bộ khu dân cư" if q.residential_only else "chi bộ"
        excluded = [c for c in q.exclude if c in cells]
        count = len(cells) - len(excluded)
        return f"một {kind} thuộc {names} ({count} chi bộ)" + (", trừ chi bộ nơi cư trú" if excluded else "")

    def host_cells_line(self, o: Obligation) -> list[str]:
        kind = "theo-doi" if o.rule.code == "C" else "phu-trach"
        hosts = dict.fromkeys(c for a in self.province.index.assignments_between(o.member, o.period.start,
                                                                                   o.period.end, kind)
                              for c in a.host_cells)
        if o.qualifying.places or not hosts:
            return []
        return ["Chi bộ đảng bộ đề xuất: " + ", ".join(self.province.cells[c].name for c in hosts) + "."]

    def plan_text(self, o: Obligation) -> str:
        if not o.planned_by:
            return ""
        visit = self.province.visits[o.planned_by]
        place = self.province.place(visit.cell, visit.area)
        return f" – {vi.moment(self.visit_time(visit)[0])}, {self.place_name(place)}"

    def report_status(self, o: Obligation) -> str:
        if o.status in ("met", "late"):
            sent = vi.day(self.province.reports[o.met_by].submitted)
            return f"đã {'gửi muộn' if o.status == 'late' else 'gửi'} ngày {sent}"
        return "quá hạn, chưa gửi" if o.status == "missed" else "chưa gửi"

    # -- the Organization Board's dates

    def report_deadline(self, period: Period, owed: list[Obligation]) -> Event:
        """The deadline of every member's report for a period, with how many have been sent."""
        deadline = owed[0].due
        who = "Ủy viên BTV Tỉnh ủy" if period.kind == "H" else "Ủy viên BCH Đảng bộ tỉnh"
        label = vi.lower_first(period.label)
        sent = [o for o in owed if o.status in ("met", "late")]
        late = sum(o.status == "late" for o in owed)
        lines = [f"Các đồng chí {who} gửi Ban Thường vụ Tỉnh ủy (qua Ban Tổ chức Tỉnh ủy) báo cáo kết quả dự sinh "
                 f"hoạt {label}, {vi.deadline_quote(deadline)}/{deadline.year} (khoản 2 Điều 3).",
                 f"Tình hình đến ngày {vi.day(self.as_of)}: {len(sent)}/{len(owed)} đồng chí đã gửi"
                 + (f", trong đó {late} gửi muộn" if late else "") + ".",
                 f"Danh sách các đồng chí: {self.page_url(paths.MEMBERS_INDEX)}"]
        summary = f"Hạn báo cáo kết quả dự sinh hoạt {label} của các đồng chí {who} – {vi.deadline_quote(deadline)}"
        return all_day(f"han-bao-cao.{period.code}@{self.host}", summary, deadline, "\n".join(lines),
                       self.page_url(paths.MEMBERS_INDEX), deadline >= self.as_of)

    def consolidation(self, period: Period) -> Event:
        label = vi.lower_first(period.label)
        lines = [f"Ban Tổ chức Tỉnh ủy tổng hợp kết quả dự sinh hoạt {label} của các đồng chí Ủy viên BTV Tỉnh ủy, "
                 "Ủy viên BCH Đảng bộ tỉnh, báo cáo Ban Thường vụ Tỉnh ủy (khoản 3 Điều 4).",
                 "Quy định không nêu ngày cụ thể: lịch đặt vào ngày cuối kỳ, sau hạn báo cáo (ngày 24).",
                 f"Danh sách các đồng chí: {self.page_url(paths.MEMBERS_INDEX)}"]
        return all_day(f"tong-hop.{period.code}@{self.host}",
                       f"Tổng hợp kết quả dự sinh hoạt {label}, báo cáo Ban Thường vụ Tỉnh ủy", period.end,
                       "\n".join(lines), self.page_url(paths.MEMBERS_INDEX), period.end >= self.as_of)

    def page_url(self, page: str) -> str:
        return page_url(self.province, page)


def place_name(province: Province, place: Place) -> str:
    """A cell with its organization ("Chi bộ Thôn 1 (Đảng bộ xã A1)"); an area by its name."""
    if place.id in province.cells:
        return f"{place.name} ({province.organizations[place.organization].name})"
    return place.name


def page_url(province: Province, page: str) -> str:
    return province.settings.site_url + paths.html(page)
