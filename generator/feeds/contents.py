"""What each calendar feed holds, as a pure function of the province, the obligations and a date.

- A member's feed: the regular meetings of the member's residence cell and
  residential area and of the host cells the member's assignments name; every
  confirmed visit; for each obligation to attend not yet met, its due date;
  every report deadline.
- An organization's feed, for the committee that arranges visits (Art. 4.2):
  the visits (confirmed or proposed) to the cells under it, and the due dates of
  the members assigned to it or to an organization under it.
- The province's feed, for the Organization Board: every report deadline and
  the consolidation at the end of each quarter, half and year.

Everything lies in a window of dates (the horizon): from the start of the
as-of date's year to `feed_horizon_months` after the as-of date.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..model import Member, Organization, Province, vi
from ..model.periods import between
from ..model.tree import Tree
from ..site import paths
from ..rules.obligations import Evaluation, Obligation
from .events import Event, Events
from .series import Series

OWED = ("due", "planned", "missed")   # an obligation to attend shows until it is met


@dataclass(frozen=True)
class Heading:
    """What a feed is, known before any of its events are made (its address goes on the pages)."""

    identity: tuple[str, ...]   # what its secret file name is made from (tokens.py)
    page: str                   # the site's page about the feed's subject, where its subscribe box is
    name: str
    about: str                  # what it holds, for its subscribe box


@dataclass(frozen=True)
class Feed:
    heading: Heading
    description: str            # what it holds, for the calendar client
    events: tuple[Event, ...]

    @property
    def identity(self) -> tuple[str, ...]:
        return self.heading.identity

    @property
    def page(self) -> str:
        return self.heading.page

    @property
    def name(self) -> str:
        return self.heading.name

    @property
    def about(self) -> str:
        return self.heading.about


def headings(province: Province) -> list[Heading]:
    """Every feed of the build, in the order `feeds` makes them: the province's, each member's,
    each organization's."""
    return ([province_heading(province)] + [member_heading(m) for m in province.members.values()]
            + [organization_heading(o) for o in province.organizations.values()])


def member_heading(member: Member) -> Heading:
    return Heading(("thanh-vien", member.id, str(member.feed_rotation)), paths.member_page(member.id),
                   f"Lịch dự sinh hoạt – {member.name}",
                   f"Các buổi sinh hoạt được tính cho nghĩa vụ của đồng chí {member.name}, các buổi đã được "
                   "bố trí dự, hạn dự sinh hoạt và hạn báo cáo theo Quy định.")


def organization_heading(org: Organization) -> Heading:
    return Heading(("to-chuc", org.id), paths.organization_feed_page(org.id), f"Lịch bố trí dự sinh hoạt – {org.name}",
                   f"Các buổi Ủy viên BTV Tỉnh ủy, Ủy viên BCH Đảng bộ tỉnh được bố trí dự sinh hoạt tại các "
                   f"chi bộ thuộc {org.name}, và hạn dự sinh hoạt của các đồng chí được phân công phụ trách, "
                   "theo dõi (khoản 2 Điều 4).")


def province_heading(province: Province) -> Heading:
    return Heading(("tinh",), paths.PROVINCE_FEED, f"Hạn báo cáo và tổng hợp – {province.settings.province}",
                   "Hạn báo cáo kết quả dự sinh hoạt của các đồng chí Ủy viên BTV Tỉnh ủy, Ủy viên BCH Đảng bộ "
                   "tỉnh, và các kỳ Ban Tổ chức Tỉnh ủy tổng hợp kết quả (khoản 2 Điều 3, khoản 3 Điều 4).")


def horizon(as_of: date, months: int) -> tuple[date, date]:
    """From the first day of the as-of date's year to `months` after the as-of date."""
    month = as_of.month - 1 + months
    year, month = as_of.year + month // 12, month % 12 + 1
    return date(as_of.year, 1, 1), date(year, month, min(as_of.day, calendar.monthrange(year, month)[1]))


def feeds(province: Province, tree: Tree, evaluation: Evaluation) -> list[Feed]:
    """Every feed of the build: the province's, each member's, each organization's, in data order.
    `evaluation` reaches the end of the horizon (`evaluate(..., until=horizon(...)[1])`)."""
    as_of = evaluation.as_of
    first, last = horizon(as_of, province.settings.feed_horizon_months)
    made = Feeds(province, evaluation, Events(province, tree, as_of, first, last), Series(province, first, last))
    return ([made.province_feed()] + [made.member(m) for m in province.members.values()]
            + [made.organization(o) for o in province.organizations.values()])


class Feeds:
    def __init__(self, province: Province, evaluation: Evaluation, events: Events, series: Series):
        self.province, self.evaluation, self.events, self.series = province, evaluation, events, series
        self.first, self.last = events.first, events.last
        self.notice = "DỮ LIỆU MẪU (hư cấu). " if province.settings.sample_data else ""
        self.updated = f" Cập nhật đến ngày {vi.day(evaluation.as_of)}."
        self.duties = {o: events.duty(o) for o in evaluation.obligations
                       if o.rule.kind == "attend" and o.status in OWED and self.within(o.due)}
        self.arranged: dict[str, list[Event]] = {}  # what each organization's feed holds
        for v in province.visits.values():
            if v.status in ("confirmed", "proposed") and self.within(v.date):
                self.arrange([province.place(v.cell, v.area).organization], events.visit(v, own=False))
        for o in self.duties:
            if o.rule.code in ("A", "A′", "C"):
                self.arrange(o.qualifying.organizations, events.duty(o, own=False))

    def arrange(self, organizations: Iterable[str], event: Event) -> None:
        """Put `event` in the feeds of these organizations and of every organization above them."""
        tree = self.events.tree
        for above in dict.fromkeys(a for org in organizations for a in (org, *tree.ancestors(org))):
            self.arranged.setdefault(above, []).append(event)

    def feed(self, heading: Heading, found: list[Event]) -> Feed:
        return Feed(heading, self.notice + heading.about + self.updated, tuple(sorted(found, key=lambda e: e.sort_key)))

    def within(self, day: date) -> bool:
        return self.first <= day <= self.last

    def member(self, member: Member) -> Feed:
        """The meetings of the member's places, the confirmed visits not shown among them, the dates owed."""
        places = self.places(member)
        found = [e for p in places for e in self.series.events(p, member.id)]
        shown = {v for p in places for v in self.series.absorbed(p, member.id)}
        found += [self.events.visit(v) for v in self.province.index.visits.get(member.id, ())
                  if v.status == "confirmed" and v.id not in shown and self.within(v.date)]
        found += [self.owed(o) for o in self.evaluation.by_member[member.id]
                  if o.applies and self.within(o.due) and (o.rule.kind == "report" or o in self.duties)]
        return self.feed(member_heading(member), found)

    def places(self, member: Member) -> list[str]:
        """The residence cell and area, and the host cells of the assignments in the window, once each."""
        places = [p for p in (member.residence_cell, member.residence_area) if p]
        places += [c for a in self.province.index.assignments_between(member.id, self.first, self.last)
                   for c in a.host_cells]
        return list(dict.fromkeys(places))

    def owed(self, o: Obligation) -> Event:
        return self.events.report(o) if o.rule.kind == "report" else self.duties[o]

    def organization(self, org: Organization) -> Feed:
        found = self.arranged.get(org.id, [])
        return self.feed(organization_heading(org), found)

    def province_feed(self) -> Feed:
        owed: dict = {}
        for o in self.evaluation.obligations:
            if o.rule.kind == "report" and o.applies and self.within(o.due):
                owed.setdefault(o.period, []).append(o)
        found = [self.events.report_deadline(period, found) for period, found in owed.items()]
        effective = self.province.settings.effective_date
        found += [self.events.consolidation(p) for kind in ("Q", "H", "Y") for p in between(self.first, self.last, kind)
                  if self.within(p.end) and p.end >= effective]
        return self.feed(province_heading(self.province), found)
