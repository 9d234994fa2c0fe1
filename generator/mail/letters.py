"""What to say to whom: a member's letter, a committee's, the Board's and the Office's.

Each letter says what its reader has to do this week, in the words of the pages they may open, with the
links to those pages; a reader with nothing to do gets no letter, unless the settings ask for a weekly
"nothing due" line (`mail.nothing_due`). Subjects say the one thing: "Còn 31 ngày: báo cáo quý IV/2026".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from ..model import vi
from ..render.board.common import Shared
from ..render.board.notices import Owing, meeting_text, state
from ..rules import chase, compliance
from ..rules.obligations import Obligation
from ..site import paths
from ..site.context import Site
from ..site.registry import Role
from . import readers
from .layout import Item, Letter, Link, Section
from .readers import Recipient, duty, url

MEETINGS = 2      # the next meetings that count, for each attendance duty without a visit arranged
FIRST_ROWS = 10   # the first rows of the Board's chase list


@dataclass(frozen=True)
class Addressed:
    """A letter and its reader."""

    recipient: Recipient
    letter: Letter


def days(deadline, as_of) -> str:
    """"Còn 18 ngày", "Hạn hôm nay", "Quá hạn 3 ngày": how a subject begins."""
    left = (deadline - as_of).days
    return f"Còn {left} ngày" if left > 0 else ("Hạn hôm nay" if left == 0 else f"Quá hạn {-left} ngày")


class Writer:
    """Every letter of a week, from the evaluated province."""

    def __init__(self, site: Site):
        self.site, self.province, self.as_of = site, site.province, site.as_of
        self.shared = Shared(site)
        self.words = self.shared.words
        self.settings = self.province.settings
        self.day = vi.day(self.as_of)
        number = self.settings.regulation_number
        self.regulation = f"Quy định số {number}" if number else "Quy định của Ban Thường vụ Tỉnh ủy"

    def letters(self) -> list[Addressed]:
        """One letter per reader with something to do (or every reader, with `nothing_due`), members first in
        the order of members.yml, then the committees, the Board and the Office."""
        found = [(r, self.member(r)) for r in readers.members(self.site)]
        found += [(r, self.committee(r)) for r in readers.committees(self.site)]
        rows, counts = readers.chase_rows(self.site)
        grievances = self.grievances()
        found += [(r, self.staff(r, rows, counts, grievances)) for r in readers.staff(self.site)]
        return [Addressed(r, letter) for r, letter in found if letter is not None]

    def footer(self, why: str) -> str:
        sample = vi.SAMPLE_NOTICE + " " if self.settings.sample_data else ""
        return (f"{sample}Thư tự động của trang theo dõi việc dự sinh hoạt chi bộ khu dân cư, {self.settings.province}, "
                f"gửi sáng thứ Hai hằng tuần {why}; số liệu tính đến ngày {self.day}. Nếu có điều chưa đúng, xin "
                "trả lời thư này để Ban Tổ chức Tỉnh ủy cập nhật.")

    def nothing(self, r: Recipient, greeting: str, what: str) -> Letter:
        return Letter(f"Không còn việc phải làm tính đến ngày {self.day}", greeting,
                      f"Tính đến ngày {self.day}, {what}.", (), Link("Mở trang (cần đăng nhập)", r.url),
                      self.settings.mail.sender_name, self.footer("(kể cả khi không có việc, theo cài đặt)"))

    # -- a member

    def member(self, r: Recipient) -> Letter | None:
        duties = readers.member_duties(self.site, r.login)
        greeting = f"Kính gửi đồng chí {r.name},"
        if not duties:
            if not self.settings.mail.nothing_due:
                return None
            return self.nothing(r, greeting, f"đồng chí không còn việc nào phải làm theo {self.regulation}")
        more = f" (và {len(duties) - 1} việc khác)" if len(duties) > 1 else ""
        return Letter(
            subject=f"{days(duties[0].due, self.as_of)}: {duty(duties[0])}{more}",
            greeting=greeting,
            opening=(f"Tính đến ngày {self.day}, đồng chí còn {len(duties)} việc phải làm theo {self.regulation}, "
                     "việc đến hạn trước ghi trước:"),
            sections=(Section("Việc cần làm", tuple(self.duty_item(o) for o in duties)),),
            link=Link("Mở trang của đồng chí (cần đăng nhập)", r.url),
            signature=self.settings.mail.sender_name,
            footer=self.footer("khi đồng chí còn việc phải làm"),
        )

    def duty_item(self, o: Obligation) -> Item:
        left = vi.days_left(o.due, self.as_of)
        deadline = chase.before(o.due) if o.rule.kind == "report" else vi.day(o.due)
        lines = [f"Hạn: {deadline} ({left}), theo {vi.clause(o.rule.clause)}."]
        if o.note:
            lines.append(f"{o.note}.")
        title = f"{self.words.duty_title(o)}, {o.period.label}"
        if o.rule.kind == "report":
            if not compliance.has_draft(o, self.as_of):
                return Item(title, tuple(lines))
            return Item(title, tuple(lines), link=Link("Bản nháp báo cáo, đã ghi sẵn các buổi đã dự",
                                                       url(self.site, paths.draft_page(o.member, o.period))))
        if o.planned_by:
            v = self.province.visits[o.planned_by]
            lines.append(f"Đã bố trí dự: {vi.moment(self.site.agenda.visit_start(v))} tại "
                         f"{self.words.place_text(v.cell or v.area, where=True)} "
                         f"({vi.VISIT_STATUSES[v.status].lower()}).")
            return Item(title, tuple(lines))
        meetings = self.site.agenda.upcoming(self.province.members[o.member], o, MEETINGS)
        if not meetings:
            lines.append("Không còn buổi họp nào được tính trước hạn: đề nghị đồng chí liên hệ Ban Tổ chức Tỉnh ủy.")
        return Item(title, tuple(lines), "Các buổi sắp tới được tính:",
                    tuple(f"{vi.moment(m.start)}: {self.words.place_text(m.place, where=True)}"
                          + (" (lịch đã thay đổi)" if m.moved else "") for m in meetings))

    # -- a committee that arranges visits

    def committee(self, r: Recipient) -> Letter | None:
        rows = readers.committee_rows(self.shared, r.login)
        monday = self.as_of - timedelta(days=self.as_of.weekday())
        visits = readers.committee_visits(self.shared, r.login, monday, monday + timedelta(days=13))
        greeting = f"Kính gửi {r.name},"
        org = vi.lower_first(self.province.organizations[r.login].name)
        if not rows and not visits:
            if not self.settings.mail.nothing_due:
                return None
            return self.nothing(r, greeting, f"không có đồng chí nào cần bố trí lịch dự sinh hoạt ở {org}")
        sections = []
        if rows:
            sections.append(Section(f"Các đồng chí còn phải dự sinh hoạt ở {org} "
                                    f"({len({w.member for w in rows})} đồng chí)",
                                    tuple(self.owing_item(w) for w in rows)))
        if visits:
            sections.append(Section(f"Lịch đã bố trí trong tuần này và tuần sau ({len(visits)} buổi)",
                                    tuple(self.visit_item(v) for v in visits), numbered=False))
        return Letter(
            subject=self.committee_subject(rows, visits),
            greeting=greeting,
            opening=(f"Tính đến ngày {self.day}, theo khoản 2 Điều 4 {self.regulation}, Ban Tổ chức Tỉnh ủy gửi "
                     f"các đồng chí Ủy viên BCH, BTV còn phải dự sinh hoạt ở {org} và các buổi đã bố trí."),
            sections=tuple(sections),
            link=Link("Xem đủ và in giấy nhắc trên trang của cấp ủy (cần đăng nhập)", r.url),
            signature=self.settings.mail.sender_name,
            footer=self.footer("khi có đồng chí cần bố trí lịch dự sinh hoạt"),
        )

    def committee_subject(self, rows: list[Owing], visits: list) -> str:
        unplanned = [w for w in rows if not w.obligation.planned_by]
        if unplanned:
            first = min(w.obligation.due for w in unplanned)
            return (f"{days(first, self.as_of)}: bố trí cho {len({w.member for w in unplanned})} đồng chí "
                    "dự sinh hoạt")
        if visits:
            return f"{len(visits)} buổi dự sinh hoạt đã bố trí trong tuần này và tuần sau"
        return f"Theo dõi lịch dự sinh hoạt đã bố trí của {len({w.member for w in rows})} đồng chí"

    def owing_item(self, w: Owing) -> Item:
        o = w.obligation
        name = self.province.members[w.member].name
        return Item(f"Đồng chí {name}: {duty(o)}",
                    (f"Hạn: {vi.day(o.due)} ({vi.days_left(o.due, self.as_of)}). {state(self.shared, o)}.",),
                    "" if o.planned_by else "Các buổi sắp tới ở đảng bộ:",
                    () if o.planned_by else tuple(meeting_text(self.shared, m) for m in w.meetings[:MEETINGS]))

    def visit_item(self, v) -> Item:
        name = self.province.members[v.member].name
        return Item(f"{vi.moment(self.site.agenda.visit_start(v))}: đồng chí {name}",
                    (f"{self.words.place_text(v.cell or v.area, where=True)} ({vi.VISIT_STATUSES[v.status].lower()}).",))

    # -- the Board and the Office

    def grievances(self) -> list[compliance.GrievanceLine]:
        """Grievances still open past the allowance (`mail.grievance_days`), the oldest first."""
        allowance = self.settings.mail.grievance_days
        lines = compliance.grievance_lines(self.province, self.shared.groups, self.as_of)
        return [g for g in lines if g.status != "resolved" and g.days > allowance]

    def staff(self, r: Recipient, rows: list[readers.Chased], counts, grievances) -> Letter | None:
        greeting = f"Kính gửi {r.name},"
        if not rows and not grievances:
            if not self.settings.mail.nothing_due:
                return None
            return self.nothing(r, greeting, "không có đồng chí nào cần nhắc và không có vấn đề bức xúc nào quá hạn")
        chased = self.chase_sections(rows, counts)
        found = self.grievance_section(grievances)
        office = r.role is Role.OFFICE   # the Office follows grievances (khoản 1 Điều 3): they come first
        grievance = (found,) if found else ()
        sections = grievance + chased if office else chased + grievance
        overdue = sum(row.overdue for row in rows)
        people = f"cần nhắc {len(rows)} đồng chí" + (f" ({overdue} có việc quá hạn)" if overdue else "")
        late = f"{len(grievances)} vấn đề bức xúc quá {self.settings.mail.grievance_days} ngày chưa giải quyết"
        parts = ([late] if grievances else []) + ([people] if rows else [])
        if not office:
            parts.reverse()
        return Letter(
            subject=vi_capital("; ".join(parts)),
            greeting=greeting,
            opening=f"Tính đến ngày {self.day}, theo {self.regulation}:",
            sections=sections,
            link=Link("Mở Bảng tổng hợp (cần đăng nhập)", r.url),
            signature=self.settings.mail.sender_name,
            footer=self.footer("khi có đồng chí cần nhắc hoặc vấn đề bức xúc quá hạn"),
        )

    def chase_sections(self, rows: list[readers.Chased], counts) -> tuple[Section, ...]:
        if not rows:
            return ()
        first = rows[:FIRST_ROWS]
        lead = (f"{len(first)} đồng chí đầu danh sách (việc quá hạn trước, rồi việc đến hạn sớm nhất):"
                if len(rows) > len(first) else "Việc quá hạn trước, rồi việc đến hạn sớm nhất:")
        notices = url(self.site, paths.html(paths.NOTICES))
        return (
            Section(f"Cần nhắc {len(rows)} đồng chí", tuple(Item(f"{label}: {n}") for label, n in counts),
                    lead="Số dòng của từng danh sách trên Bảng tổng hợp:", numbered=False),
            Section("Đầu danh sách cần nhắc", tuple(Item(self.province.members[row.member].name, (), "", row.reasons)
                                                    for row in first),
                    lead=lead, link=Link("Giấy nhắc của từng đồng chí, để in và gửi", notices)),
        )

    def grievance_section(self, grievances: list[compliance.GrievanceLine]) -> Section | None:
        if not grievances:
            return None
        allowance = self.settings.mail.grievance_days
        items = tuple(Item(shorten(g.summary), (
            f"Nêu ngày {vi.day(g.raised)} ({g.days} ngày trước) tại {self.words.place_text(g.place)}; "
            f"đã thông báo {g.authority} ngày {vi.day(g.notified)}.",
            f"Tình trạng: {vi.GRIEVANCE_STATUSES[g.status].lower()}.")) for g in grievances)
        return Section(f"Vấn đề bức xúc quá {allowance} ngày chưa giải quyết ({len(grievances)})", items,
                       link=Link("Xem các vấn đề bức xúc", url(self.site, paths.html(paths.GRIEVANCES))))


def shorten(text: str, limit: int = 160) -> str:
    """A grievance's summary on one line, cut at a word near `limit` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + " …"


def vi_capital(text: str) -> str:
    return text[:1].upper() + text[1:]
