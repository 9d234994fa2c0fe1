"""Records that cannot count: meetings attended, visits ahead and reports no obligation takes, each with why.

Pure functions of the province and the Evaluation made by `obligations.py`: nothing here reads files or
the clock, and no status is recomputed. Every record is either taken by an obligation that applies, or
listed here with the true reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Assignment, Attendance, Member, Province, Report, Visit, vi
from ..model.index import FAR, in_force
from ..model.periods import Period, containing, intersect, parse
from ..model.tree import Tree
from .obligations import COUNTS_WITH, RULE_ROLE, Context, Evaluation, Obligation, role_days, within

@dataclass(frozen=True, slots=True)
class RecordWarning:
    file: str      # the data file: "attendance.yml"
    record: str    # the record's id
    message: str   # why it cannot count, in Vietnamese

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.message}"


def record_warnings(province: Province, evaluation: Evaluation, tree: Tree) -> list[RecordWarning]:
    """Meetings attended, visits ahead and reports that no obligation can count, each with why."""
    checker = Checker(province, evaluation, tree)
    found = []
    for record in province.attendance.values():
        why = checker.attendance(record)
        if why:
            found.append(RecordWarning("attendance.yml", record.id, why))
    for visit in province.visits.values():
        if visit.status != "cancelled" and visit.date >= evaluation.as_of:
            why = checker.attendance(visit)
            if why:
                found.append(RecordWarning("visits.yml", visit.id, why))
    for report in province.reports.values():
        why = checker.report(report)
        if why:
            found.append(RecordWarning("reports.yml", report.id, why))
    return found


class Checker:
    """Why a record cannot count, with the province indexed once.

    A meeting counts for an obligation when the rules would take it (`Context.counts`: the right place,
    the assignment in force that day) on a day the obligation covers (the role behind it held, from the
    effective date on) in the obligation's period. When no obligation that applies takes it, the warning
    says why: an obligation would take it but does not apply in that period (and why not), or the place
    or the day is wrong for every obligation that does apply."""

    def __init__(self, province: Province, evaluation: Evaluation, tree: Tree):
        self.province, self.tree, self.as_of = province, tree, evaluation.as_of
        self.context = Context(province, tree, evaluation.as_of)
        self.owed: dict[tuple[str, Period], list[Obligation]] = {}
        for o in evaluation.obligations:
            self.owed.setdefault((o.member, o.period), []).append(o)
        self.periods = set(evaluation.periods)
        self.effective = [(province.settings.effective_date, FAR)]

    def attendance(self, record: Attendance | Visit) -> str | None:
        member = self.province.members[record.member]
        why = self.outside_obligations(member, record)
        if why:
            return why
        owed = [o for kind in ("Q", "H") for o in self.owed.get((member.id, containing(record.date, kind)), ())
                if o.rule.kind == "attend"]
        taking = [o for o in owed if self.takes(member, record, o)]
        if any(o.applies for o in taking):
            return None
        if taking:
            o = taking[0]
            return (f"được tính cho nghĩa vụ {o.rule.code} ({o.rule.title.lower()}), nhưng nghĩa vụ này không áp dụng "
                    f"trong {o.period.label}: {o.reason}")
        return self.mismatch(member, record, owed)

    def outside_obligations(self, member: Member, record: Attendance | Visit) -> str | None:
        """Why no obligation at all can take a meeting on its day: not yet happened, before the regulation, no role."""
        day = vi.day(record.date)
        if not isinstance(record, Visit) and record.date > self.as_of:
            return f"ngày dự {day} sau ngày tính trạng thái ({vi.day(self.as_of)}): chưa được tính; kiểm tra lại ngày"
        effective = self.province.settings.effective_date
        if record.date < effective:
            return f"ngày {day} trước {vi.COUNTED_FROM} ({vi.day(effective)})"
        if not any(in_force(r, record.date) for r in member.roles):
            return f"ngày {day} đồng chí không giữ vai trò Ủy viên BTV hay Ủy viên BCH"
        return None

    def takes(self, member: Member, record: Attendance | Visit, o: Obligation) -> bool:
        """Whether obligation `o` takes the meeting, or would if it applied: the test `Context.attendance` makes."""
        if not within(self.role_days(member, RULE_ROLE[o.rule.code]), record.date):
            return False
        if o.qualifying is not None:
            return self.context.counts(member, record, o.qualifying, COUNTS_WITH.get(o.rule.code))
        if o.rule.code in ("B", "D"):
            return (record.cell or record.area) in (member.residence_cell, member.residence_area)
        return record.cell is not None and record.cell != member.residence_cell and self.assigned_above(
            member, record, (COUNTS_WITH[o.rule.code],), on_day=True)

    def role_days(self, member: Member, role: str) -> list:
        """The days an obligation of `role` covers: BTV days for BTV rules, BCH days without BTV for BCH rules."""
        return intersect(role_days(member, role), self.effective)

    def assigned_above(self, member: Member, record: Attendance | Visit, kinds, on_day: bool) -> list[Assignment]:
        """The member's assignments (of `kinds`, in force that day if `on_day`) to the cell's organization or above."""
        cell = self.province.cells[record.cell]
        lineage = {cell.organization, *self.tree.ancestors(cell.organization)}
        return [a for a in self.context.assignments.get(member.id, ()) if a.kind in kinds
                and a.organization in lineage and (not on_day or in_force(a, record.date))]

    def mismatch(self, member: Member, record: Attendance | Visit, owed: list[Obligation]) -> str:
        """The meeting is on a day with obligations, but at a place none of them takes."""
        applying = [o for o in owed if o.applies]
        if not applying:
            reasons = "; ".join(dict.fromkeys(f"{o.rule.code}: {o.reason}" for o in owed if o.reason))
            return "không có nghĩa vụ dự sinh hoạt nào áp dụng trong kỳ có ngày này" + (f" ({reasons})" if reasons else "")
        if record.area:
            name = self.province.areas[record.area].name
            return (f"{name} không phải khu dân cư nơi cư trú của đồng chí; "
                    "chỉ khu dân cư nơi cư trú được tính (khoản 2, khoản 3 Điều 2)")
        cell = self.province.cells[record.cell]
        where = f"{cell.name} ({self.province.organizations[cell.organization].name})"
        if record.cell == member.residence_cell:
            return f"{where} là chi bộ nơi cư trú, chỉ được tính cho nghĩa vụ nơi cư trú (B, D), nghĩa vụ này không áp dụng trong kỳ"
        return self.wrong_cell(member, record, applying, where)

    def wrong_cell(self, member: Member, record: Attendance | Visit, applying: list[Obligation], where: str) -> str:
        """A cell that is neither the residence nor one the applying obligations take: which assignment is missing."""
        cell = self.province.cells[record.cell]
        kinds = {COUNTS_WITH[o.rule.code] for o in applying if o.rule.code in COUNTS_WITH}
        if not self.assigned_above(member, record, kinds, on_day=False):
            on_day = [a for a in self.context.assignments.get(member.id, ())
                      if a.kind in kinds and in_force(a, record.date)]
            names = ", ".join(dict.fromkeys(self.province.organizations[a.organization].name for a in on_day))
            assigned = f" (đồng chí được phân công: {names})" if names else ""
            return f"{where} không thuộc đảng bộ nào đồng chí được phân công phụ trách, theo dõi{assigned}"
        if not self.assigned_above(member, record, kinds, on_day=True):
            return f"ngày {vi.day(record.date)} phân công phụ trách, theo dõi đảng bộ có {cell.name} chưa có hoặc đã hết hiệu lực"
        if not cell.residential and any(o.qualifying.residential_only for o in applying if o.qualifying):
            return (f"{where} không phải chi bộ khu dân cư; đảng bộ được phân công có chi bộ khu dân cư "
                    "nên chỉ chi bộ khu dân cư được tính (khoản 2 Điều 2)")
        return f"{where} không đáp ứng nghĩa vụ nào áp dụng trong kỳ"

    def first_report(self, report: Report) -> str | None:
        """The report that counts for its member and period: the first sent once the period has begun."""
        period = parse(report.period)
        return next((r.id for r in self.province.index.reports.get((report.member, report.period), ())
                     if period is not None and r.submitted >= period.start), None)

    def report(self, report: Report) -> str | None:
        member = self.province.members[report.member]
        period = parse(report.period)
        if report.submitted > self.as_of:
            return (f"ngày gửi {vi.day(report.submitted)} sau ngày tính trạng thái ({vi.day(self.as_of)}): "
                    "chưa được tính; kiểm tra lại ngày")
        if report.submitted < period.start:
            return (f"ngày gửi {vi.day(report.submitted)} trước khi {period.label} bắt đầu ({vi.day(period.start)}): "
                    "không thể báo cáo về một kỳ chưa diễn ra; kiểm tra lại kỳ (period) hoặc ngày gửi")
        first = self.first_report(report)
        if first != report.id:
            return f"đã có báo cáo {first} cho kỳ {report.period}; chỉ báo cáo gửi sớm nhất được tính"
        owed = [o for o in self.owed.get((member.id, period), ()) if o.rule.kind == "report"]
        if not owed:
            if period not in self.periods:
                return f"kỳ {period.label} nằm ngoài thời gian áp dụng Quy định"
            if period.kind == "Q":
                return (f"đồng chí không có kỳ báo cáo {period.label}: Ủy viên BTV báo cáo 6 tháng một lần "
                        "(trước ngày 25/6 và 25/12, khoản 2 Điều 3); ghi period dạng 2026-H1, 2026-H2")
            return (f"đồng chí không có kỳ báo cáo {period.label}: Ủy viên BCH báo cáo theo quý "
                    "(trước ngày 25 tháng cuối quý, khoản 2 Điều 3); ghi period dạng 2026-Q1 … 2026-Q4")
        if not any(o.applies for o in owed):
            return f"nghĩa vụ báo cáo {period.label} không áp dụng: {owed[0].reason}"
        return None
