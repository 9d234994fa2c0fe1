"""Who gets a letter, where their links lead, and what each kind of reader is owed.

A letter's links go only to pages its reader may open (`site.registry`): a member's own page and report
drafts, a committee's page, the Board's and the Office's pages; never a feed's secret address (mail gets
forwarded). What each reader is owed comes through one small adapter per kind of reader, so that the
letters follow the rules' and the Board's functions as they are today and as they will be:

    member_duties    a member's open duties (the member page's to-do box and the notices)
    committee_rows   who still owes a meeting in a committee's organizations (the committee's page)
    chase_rows       the Board's list of whom to chase, each member once with every reason
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import names, vi
from ..render.board.common import Shared
from ..render.board.notices import Owing, owing, visits_under
from ..rules import chase
from ..rules.obligations import Obligation
from ..site.context import Site
from ..site.registry import Reader, Role, start

BOARD_LOGIN, OFFICE_LOGIN = "ban-to-chuc", "van-phong"   # the staff's accounts (deploy/sample-accounts.csv)


@dataclass(frozen=True)
class Recipient:
    key: str                 # the reader, in the ledger and the dry run's file names: "thanh-vien/an", "ban-to-chuc"
    role: Role
    login: str               # the reader's account: a member's id, a committee's organization, the staff's login
    name: str                # shown in the To header and the greeting
    address: str | None      # None: no address, or the reader asked for no mail
    url: str                 # the reader's start page, absolute

    @property
    def file_name(self) -> str:
        return self.key.replace("/", "-") + ".eml"


def url(site: Site, path: str) -> str:
    """An absolute address on the site, from `settings.site_url`."""
    return site.province.settings.site_url + path


def start_url(site: Site, role: Role, login: str) -> str:
    return url(site, start(Reader(role, login)))


def members(site: Site) -> list[Recipient]:
    """Every member, in the order of members.yml (protocol order)."""
    found = []
    for m in site.province.members.values():
        found.append(Recipient(f"{names.MEMBERS}/{m.id}", Role.MEMBER, m.id, m.name,
                               m.email if m.mail else None, start_url(site, Role.MEMBER, m.id)))
    return found


def committees(site: Site) -> list[Recipient]:
    """The committees that arrange visits (khoản 2 Điều 4): the organizations directly under the province."""
    found = []
    for root in site.tree.roots:
        org = site.province.organizations[root]
        found.append(Recipient(f"{names.ORGANIZATIONS}/{root}", Role.COMMITTEE, root, standing_committee(org),
                               org.email if org.mail else None, start_url(site, Role.COMMITTEE, root)))
    return found


def staff(site: Site) -> list[Recipient]:
    mail = site.province.settings.mail
    return [Recipient(BOARD_LOGIN, Role.BOARD, BOARD_LOGIN, "Ban Tổ chức Tỉnh ủy", mail.board,
                      start_url(site, Role.BOARD, BOARD_LOGIN)),
            Recipient(OFFICE_LOGIN, Role.OFFICE, OFFICE_LOGIN, "Văn phòng Tỉnh ủy", mail.office,
                      start_url(site, Role.OFFICE, OFFICE_LOGIN))]


def standing_committee(org) -> str:
    """Who arranges visits in an organization: "Ban Thường vụ Đảng ủy xã Khánh An". The rules' branch names
    committees from the organization's kind (`vi.standing_committee`, "Huyện ủy", "Thành ủy"…): use it then."""
    return f"Ban Thường vụ Đảng ủy {org.name.removeprefix('Đảng bộ ').strip()}"


# -- the adapters: what each kind of reader is owed


def member_duties(site: Site, member: str) -> tuple[Obligation, ...]:
    """A member's open duties as of the site's date, the most urgent first (the notices' function)."""
    return tuple(sorted(chase.open_duties(site.evaluation, member), key=lambda o: (o.due, o.rule.kind != "report")))


def committee_rows(shared: Shared, root: str) -> list[Owing]:
    """Who still owes a meeting in `root` and under it, and where to attend one: the committee page's rows."""
    return owing(shared, root)


def committee_visits(shared: Shared, root: str, first: date, last: date) -> list:
    """The visits arranged to the cells under `root` from `first` to `last`, not cancelled, earliest first."""
    return [v for v in visits_under(shared, root) if first <= v.date <= last and v.status != "cancelled"]


@dataclass(frozen=True)
class Chased:
    """A member on the Board's list of whom to chase: every reason, and the date that makes it urgent."""

    member: str
    reasons: tuple[str, ...]
    deadline: date
    overdue: bool


LISTS = ("Báo cáo đến hạn trong 30 ngày, chưa gửi", "Lịch đã qua chưa có kết quả", "Chưa thực hiện gì khi kỳ sắp hết",
         "Không thực hiện, gửi muộn")


def chase_rows(site: Site) -> tuple[list[Chased], list[tuple[str, int]]]:
    """The Board's chase list, each member once with every reason, overdue first, then what falls due first;
    and how many rows each of the dashboard's four lists holds. The Board's one chase list (issue 21) will give
    both: this merges the four lists until then."""
    lists = chase.chase(site.province, site.tree, site.evaluation)
    as_of = site.as_of
    reasons: dict[str, list[tuple[date, bool, str]]] = {}

    def add(member: str, deadline: date, overdue: bool, text: str) -> None:
        reasons.setdefault(member, []).append((deadline, overdue, text))

    for o in lists.reports_soon:
        add(o.member, o.due, False, f"{duty(o)}: hạn {chase.before(o.due)}, {vi.days_left(o.due, as_of)}")
    for u in lists.unrecorded:
        add(u.visit.member, u.deadline, False, f"buổi dự sinh hoạt ngày {vi.day(u.visit.date)} chưa có kết quả")
    for b in lists.behind:
        add(b.member, b.period.end, False, f"chưa thực hiện việc nào trong {vi.lower_first(b.period.label)}")
    for o in lists.overdue:
        state = "gửi muộn" if o.status == "late" else "không thực hiện"
        add(o.member, o.due, True, f"{duty(o)}: {state}")
    rank = {m: n for n, m in enumerate(site.evaluation.by_member)}
    rows = [Chased(m, tuple(t for _, _, t in sorted(found, key=lambda r: (not r[1], r[0]))),
                   min(d for d, _, _ in found), any(o for _, o, _ in found)) for m, found in reasons.items()]
    rows.sort(key=lambda r: (not r.overdue, r.deadline, rank[r.member]))
    counts = [(label, len(rows_)) for label, rows_ in
              zip(LISTS, (lists.reports_soon, lists.unrecorded, lists.behind, lists.overdue), strict=True)]
    return rows, counts


def duty(o: Obligation) -> str:
    """A duty in a few words with its period, inside a sentence or a subject: "báo cáo quý IV/2026", "dự sinh
    hoạt chi bộ khu dân cư hoặc khu dân cư nơi cư trú, 6 tháng cuối năm 2026". The rules' branch gives each
    rule a short name (`rule.name`): use it here then for the attendance duties."""
    period = vi.lower_first(o.period.label)
    if o.rule.kind == "report":
        return f"báo cáo {period}"
    return f"{vi.lower_first(o.rule.title)}, {period}"
