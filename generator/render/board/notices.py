"""Reminder notices for members with open duties, and for each committee that arranges visits
(khoản 2 Điều 4) the members who still owe a meeting in its organization, with its cells' next meetings.

Notices are Board-only (under `bang-tong-hop/`); the committee lists are one page per organization
directly under the province (`to-chuc/<id>/bo-tri.html`, with those members' notices beside it), in the
organization's folder that its committee may read.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...exports import drafts, notices
from ...model import vi
from ...model.index import in_force
from ...model.schedule import Meeting
from ...rules.chase import Lists, still_owing
from ...rules.obligations import Obligation
from ...site import paths
from ..markup import link
from ..pages import name_key
from .common import Produced, Shared
from .dashboard import current
from .drafts import printable

FOLDER = "bang-tong-hop/giay-nhac/"
NEXT_MEETINGS = 3


@dataclass(frozen=True)
class Owing:
    """A member who still owes a meeting in an organization this period, and where to attend one."""

    member: str
    obligation: Obligation
    meetings: tuple[Meeting, ...]


def produce(s: Shared, lists: Lists) -> Produced:
    maker = NoticeMaker(s)
    yield from notice_files(s, lists, maker)
    yield from arrange_pages(s, maker)


class NoticeMaker:
    """Each member's notice laid out once, for the Board's files and for the committees'."""

    def __init__(self, s: Shared):
        self.noticer = notices.Noticer(s.province, s.evaluation, s.site.agenda)
        self.members = self.noticer.members()
        self.template = printable(s.site, "giay-nhac.html")
        self.writer = notices.Writer(drafts.Word(s.as_of))
        self.made: dict[str, notices.Notice] = {}

    def notice(self, member: str) -> notices.Notice:
        if member not in self.made:
            self.made[member] = self.noticer.notice(member)
        return self.made[member]

    def files(self, page: str, docx: str, members: list[str], title: str, back: str, back_text: str) -> Produced:
        """A printable page of these members' notices and the same as one Word file."""
        yield page, lambda: self.template.render(
            notices=[self.notice(m) for m in members], title=title, docx=paths.relative(page, docx),
            back=paths.html(paths.relative(page, back)), back_text=back_text)
        yield docx, lambda: self.writer.write([self.notice(m) for m in members], title)


def notice_files(s: Shared, lists: Lists, maker: NoticeMaker) -> Produced:
    members = maker.members
    for m in members:
        yield from maker.files(paths.notice_page(m), FOLDER + s.file_name(f"giay-nhac-{m}", "docx"), [m],
                               f"Giấy nhắc: {s.member_name(m)}", paths.member_page(m), "Trang của đồng chí")
    everyone = s.file_name("giay-nhac-tat-ca", "docx")
    yield from maker.files(FOLDER + "tat-ca.html", FOLDER + everyone, members, f"Giấy nhắc: {len(members)} đồng chí",
                           paths.NOTICES, "Danh sách giấy nhắc")
    in_lists = chased(lists)
    yield paths.NOTICES, s.env.get_template("giay-nhac.md").render(
        page=paths.NOTICES, members=members, in_lists=in_lists, folder=FOLDER,
        docx=lambda m: FOLDER + s.file_name(f"giay-nhac-{m}", "docx"), everyone=FOLDER + everyone,
        duties=lambda m: maker.notice(m).duties)


def chased(lists: Lists) -> dict[str, list[int]]:
    """Which chase lists (1–4) each member is in."""
    found: dict[str, list[int]] = {}
    members = ([o.member for o in lists.reports_soon], [u.visit.member for u in lists.unrecorded],
               [b.member for b in lists.behind], [o.member for o in lists.overdue])
    for n, names in enumerate(members, 1):
        for m in dict.fromkeys(names):
            found.setdefault(m, []).append(n)
    return found


# -- the committees that arrange visits


def owing(s: Shared, root: str) -> list[Owing]:
    """Members assigned to `root` or below it who still owe a meeting there in the running periods."""
    under = set(s.site.tree.subtree(root))
    cells = set(s.site.tree.cells_under(root))
    members = dict.fromkeys(a.member for org in s.site.tree.subtree(root)
                            for a in s.site.province.index.assigned_to.get(org, ())
                            if in_force(a, s.as_of))
    half = current(s.as_of)[1]
    found = []
    for m in members:
        for o in still_owing(s.evaluation, half, m):
            if o.qualifying and under & set(o.qualifying.organizations):
                meetings = [x for x in s.site.agenda.upcoming(s.province.members[m], o, 20) if x.place in cells]
                found.append(Owing(m, o, tuple(meetings[:NEXT_MEETINGS])))
    return sorted(found, key=lambda w: (w.obligation.due, name_key(s.member_name(w.member)), w.obligation.rule.code))


def arrange_pages(s: Shared, maker: NoticeMaker) -> Produced:
    """For each committee, its start page in its organization's folder (which it may read): whom to arrange
    a visit for, the visits arranged there, those members' notices, its feed and the organizations under it."""
    template = s.env.get_template("committee.md")
    roots = list(s.site.tree.roots)
    counts = {}
    for root in roots:
        page, rows = paths.committee_page(root), owing(s, root)
        members = list(dict.fromkeys(w.member for w in rows))
        counts[root] = len(members)
        notice_page, docx = paths.arrange_notices(root), paths.arrange_notices(root, s.file_name("giay-nhac", "docx"))
        if members:
            yield from maker.files(notice_page, docx, members, f"Giấy nhắc: {s.province.organizations[root].name}",
                                   page, "Bố trí lịch")
        yield page, template.render(
            page=page, org=s.province.organizations[root], rows=rows, visits=visits_under(s, root),
            children=s.site.tree.subtree(root)[1:],
            notices=(Markup(paths.relative(page, notice_page)), Markup(paths.relative(page, docx))) if members else None,
            who=lambda m, page=page, target=notice_page: notice_link(s, page, target, m),
            state=lambda o: state(s, o), meeting=lambda m: meeting_text(s, m))
    yield paths.ARRANGE_INDEX, s.env.get_template("bo-tri-index.md").render(
        page=paths.ARRANGE_INDEX, roots=roots, counts=counts)


def visits_under(s: Shared, root: str) -> list:
    """The visits arranged to the cells of `root` and those under it, the earliest first."""
    return sorted((v for org in s.site.tree.subtree(root) for v in s.province.index.visits_under.get(org, ())),
                  key=lambda v: (s.site.agenda.visit_start(v), v.id))


def notice_link(s: Shared, page: str, notices: str, member: str) -> Markup:
    """A member's name on a committee's page: a link to the member's notice, which the committee may read."""
    return link(s.member_name(member), f"{paths.relative(page, notices)}#{member}")


def state(s: Shared, o: Obligation) -> str:
    if o.planned_by:
        v = s.province.visits[o.planned_by]
        return f"Đã có lịch ngày {vi.day(v.date)} tại {s.words.place_text(v.cell or v.area)}"
    return vi.STATUSES[o.status]


def meeting_text(s: Shared, m: Meeting) -> str:
    return f"{vi.moment(m.start)}: {s.words.place_text(m.place, where=True)}"
