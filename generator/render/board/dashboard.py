"""The Board's dashboard: the four chase lists first, then the summary, cancelled visits, and the full
member × obligation table on a page of its own."""

from __future__ import annotations

from datetime import date

from ...model import Visit, vi
from ...model.periods import Period, containing
from ...rules import chase, compliance
from ...rules.chase import Lists, Unrecorded
from ...site import paths
from ..pages import badge, name_key
from ...site.tables import Column, Table
from .common import Group, Produced, Shared

FULL = paths.FULL_TABLE


class Dashboard:
    def __init__(self, shared: Shared, summary: list[Group]):
        self.shared, self.as_of = shared, shared.as_of
        self.summary = summary
        self.lists: Lists = chase.chase(shared.province, shared.site.tree, shared.evaluation)

    @property
    def now(self) -> list[Period]:
        return current(self.as_of)

    def chase_tables(self) -> list[Table]:
        s = self.shared
        owed = Column("Việc còn nợ", s.owed)
        due = Column("Hạn", lambda o: o.due, kind="date")
        orgs = s.orgs_column(s.groups.of)
        reports = (s.member_column(lambda o: o.member), owed, due, orgs,
                   Column("Việc cần làm", lambda o: chase.report_todo(o, self.as_of)))
        sent = {o: s.province.reports[o.met_by].submitted if o.met_by else None for o in self.lists.overdue}
        overdue = (s.member_column(lambda o: o.member), owed, due,
                   Column("Trạng thái", lambda o: vi.STATUSES[o.status], cell=lambda o, page: badge(o), filter=True),
                   Column("Ngày gửi", lambda o: sent[o], kind="date"), orgs,
                   Column("Việc cần làm", lambda o: chase.overdue_todo(o, self.as_of, sent[o])))
        return [
            Table("Báo cáo sắp đến hạn", "bao-cao-sap-den-han", reports, self.lists.reports_soon),
            Table("Lịch đã qua chưa có kết quả", "lich-chua-co-ket-qua", self.unrecorded_columns(),
                  self.lists.unrecorded),
            Table("Chưa thực hiện gì", "chua-thuc-hien", self.behind_columns(), self.lists.behind),
            Table("Không thực hiện, gửi muộn", "qua-han", overdue, self.lists.overdue),
        ]

    def unrecorded_columns(self) -> tuple[Column, ...]:
        s = self.shared

        def owed(u: Unrecorded) -> str:
            v = u.visit
            text = f"Kết quả buổi dự sinh hoạt ngày {vi.day(v.date)} tại {s.words.place_text(v.cell or v.area)}"
            duties = "; ".join(f"{o.rule.code} {o.period.label}: {vi.STATUSES[o.status].lower()}"
                               for o in u.obligations)
            return text + (f" (để thực hiện {duties})" if duties else "")

        return (s.member_column(lambda u: u.visit.member), Column("Việc còn nợ", owed),
                Column("Hạn", lambda u: u.deadline, kind="date"),
                s.orgs_column(lambda u: (s.groups.top(self.place_org(u.visit)),)),
                Column("Cấp ủy bố trí", lambda u: u.visit.arranged_by or ""),
                Column("Việc cần làm", chase.unrecorded_todo))

    def behind_columns(self) -> tuple[Column, ...]:
        s = self.shared
        return (
            s.member_column(lambda b: b.member),
            Column("Kỳ", lambda b: b.period.label, filter=True),
            Column("Việc còn nợ", lambda b: "; ".join(
                f"{o.rule.code} {o.period.label}: {vi.STATUSES[o.status].lower()}" for o in b.obligations)),
            Column("Hạn", lambda b: b.period.end, kind="date"),
            Column("Còn lại (ngày)", lambda b: compliance.days_left(self.as_of, b.period), kind="count"),
            s.orgs_column(lambda b: s.groups.of_member(b.obligations)),
            Column("Lịch đã bố trí", lambda b: "; ".join(self.visit_text(v) for v in b.visits)),
            Column("Việc cần làm", lambda b: chase.behind_todo(b, self.as_of)),
        )

    def place_org(self, v: Visit) -> str:
        return self.shared.province.place(v.cell, v.area).organization

    def visit_text(self, v: Visit) -> str:
        """Ngày 27/11/2026 tại Chi bộ … (Đảng bộ …): đã hủy (lý do)"""
        text = f"Ngày {vi.day(v.date)} tại {self.shared.words.place_text(v.cell or v.area)}: "
        text += vi.VISIT_STATUSES[v.status].lower()
        return text + (f" ({v.note})" if v.note else "")

    def cancelled_table(self) -> Table:
        s = self.shared
        first = min(p.start for p in self.now)
        rows = sorted((v for v in s.province.visits.values() if v.status == "cancelled" and v.date >= first),
                      key=lambda v: (-v.date.toordinal(), name_key(s.member_name(v.member)), v.id))
        return Table("Lịch đã hủy", "lich-da-huy", (
            s.member_column(lambda v: v.member),
            Column("Ngày", lambda v: v.date, kind="date"),
            Column("Nơi sinh hoạt", lambda v: s.words.place_text(v.cell or v.area)),
            s.orgs_column(lambda v: (s.groups.top(self.place_org(v)),)),
            Column("Cấp ủy bố trí", lambda v: v.arranged_by or ""),
            Column("Lý do hủy", lambda v: v.note or "(chưa ghi lý do)"),
        ), tuple(rows))

    def summary_table(self) -> Table:
        return Table("Tóm tắt", "tom-tat", (self.shared.label_column("Kỳ"), *self.shared.tally_columns()),
                     tuple(self.summary))

    def full_table(self) -> Table:
        s = self.shared
        now = set(self.now)
        rows = [o for m in sorted(s.evaluation.by_member, key=lambda m: name_key(s.member_name(m)))
                for o in s.evaluation.by_member[m] if o.period in now]
        return Table("Nghĩa vụ kỳ này", "nghia-vu", s.obligation_columns(), tuple(rows))

    def produce(self) -> Produced:
        s = self.shared
        day = vi.day(self.as_of)
        yield from s.page(paths.DASHBOARD, "bang-tong-hop.md", "bang-tong-hop",
                          [*self.chase_tables(), self.summary_table(), self.cancelled_table()],
                          f"Bảng tổng hợp đến ngày {day}", "Bảng tổng hợp", now=self.now, full=FULL,
                          notices=paths.NOTICES)
        yield from s.page(FULL, "bang-tong-hop-day-du.md", "bang-tong-hop-day-du", [self.full_table()],
                          f"Từng đồng chí, từng nghĩa vụ đến ngày {day}", "Từng đồng chí, từng nghĩa vụ",
                          now=self.now)


def current(as_of: date) -> list[Period]:
    """The running quarter and half."""
    return [containing(as_of, "Q"), containing(as_of, "H")]
