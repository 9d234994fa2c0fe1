"""The obligations of Điều 2 and Điều 3, as pure functions of the province and a date.

For a member and a period each rule gives an Obligation: the clause behind it,
what qualifies, its due date, and its status as of a date. Nothing here reads
files or the clock. `../shared/domain.md` is the reading these rules follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import Assignment, Attendance, Member, Province, Visit, vi
from ..model.index import FAR, in_force, in_force_between, role_spans, span
from ..model.periods import Period, Span, between, intersect, overlap_days, subtract
from ..model.tree import Tree


@dataclass(frozen=True, slots=True)
class Rule:
    code: str      # as domain.md names it: "A", "A′", …
    slug: str      # the same, safe in ids and URLs
    clause: str    # the clause of the regulation that creates it
    kind: str      # "attend" or "report"
    period: str    # "Q" or "H"
    title: str


RULES = {rule.code: rule for rule in (
    Rule("A", "a", "2.2", "attend", "H", "Dự sinh hoạt chi bộ khu dân cư thuộc đảng bộ được phân công phụ trách"),
    Rule("A′", "a-prime", "2.2", "attend", "H", "Dự sinh hoạt một chi bộ thuộc đảng bộ được phân công phụ trách"),
    Rule("B", "b", "2.2", "attend", "H", "Dự sinh hoạt chi bộ khu dân cư hoặc khu dân cư nơi cư trú"),
    Rule("C", "c", "2.3", "attend", "Q", "Dự sinh hoạt chi bộ thuộc đảng bộ được phân công theo dõi"),
    Rule("D", "d", "2.3", "attend", "H", "Dự sinh hoạt chi bộ khu dân cư hoặc khu dân cư nơi cư trú"),
    Rule("R1", "r1", "3.2", "report", "H", "Báo cáo kết quả dự sinh hoạt (6 tháng)"),
    Rule("R2", "r2", "3.2", "report", "Q", "Báo cáo kết quả dự sinh hoạt (quý)"),
    Rule("R2′", "r2-prime", "3.2", "report", "Q", "Báo cáo kết quả dự sinh hoạt (quý), trong báo cáo theo dõi đảng bộ xã, phường, thị trấn"),
)}
ORDER = {code: number for number, code in enumerate(RULES)}
RULE_ROLE = {"A": "btv", "A′": "btv", "B": "btv", "R1": "btv", "C": "bch", "D": "bch", "R2": "bch", "R2′": "bch"}
COUNTS_WITH = {"A": "phu-trach", "A′": "phu-trach", "C": "theo-doi"}  # the assignment kind `Context.counts` needs


@dataclass(frozen=True, slots=True)
class Qualifying:
    """Which meetings count: cells under `organizations` (residential ones only, if so), or `places`."""

    organizations: tuple[str, ...] = ()
    residential_only: bool = False
    places: tuple[str, ...] = ()      # the residence cell and/or area
    exclude: tuple[str, ...] = ()     # the member's own residence cell never counts for A, A′, C


@dataclass(frozen=True, slots=True)
class Obligation:
    member: str
    rule: Rule
    period: Period
    due: date
    status: str                 # met, late, planned, due, missed, not-applicable
    covered_days: int
    reason: str | None = None   # why it does not apply
    qualifying: Qualifying | None = None
    met_by: str | None = None   # the attendance or report record
    planned_by: str | None = None
    note: str | None = None
    communes: tuple[str, ...] = ()  # R2′: the communes followed, whose report this one is part of

    @property
    def applies(self) -> bool:
        return self.status != "not-applicable"


@dataclass(frozen=True, slots=True)
class Evaluation:
    as_of: date
    periods: tuple[Period, ...]
    by_member: dict[str, tuple[Obligation, ...]]  # every member, in data order

    @property
    def obligations(self) -> list[Obligation]:
        return [o for found in self.by_member.values() for o in found]

    def only(self, periods: list[Period]) -> Evaluation:
        """The obligations of these periods: the same as evaluating them alone, since an obligation depends
        only on its member, its period and the as-of date (the build evaluates once for pages and feeds)."""
        keep = set(periods)
        return Evaluation(self.as_of, tuple(p for p in self.periods if p in keep),
                          {m: tuple(o for o in found if o.period in keep) for m, found in self.by_member.items()})


def report_deadline(period: Period) -> date:
    """The last day to submit: "trước ngày 25" of the period's last month is the 24th."""
    return date(period.year, period.end.month, 24)


def evaluated_periods(effective: date, as_of: date, until: date | None = None) -> list[Period]:
    """Quarters and halves from the regulation's start to the end of the half after today's (or to `until`)."""
    last = max(between(as_of, as_of, "H")[0].next().end, until or as_of)
    first = min(effective, as_of)
    return sorted(between(first, last, "Q") + between(first, last, "H"), key=Period.sort_key)


def evaluate(province: Province, as_of: date, tree: Tree | None = None, until: date | None = None) -> Evaluation:
    """Every member's obligations in the evaluated periods; `until` extends them (the feeds look a year ahead)."""
    tree = tree or Tree(province)
    periods = evaluated_periods(province.settings.effective_date, as_of, until)
    context = Context(province, tree, as_of)
    by_member = {
        member.id: tuple(o for p in periods for o in sorted(context.obligations(member, p),
                                                             key=lambda o: ORDER[o.rule.code]))
        for member in province.members.values()
    }
    return Evaluation(as_of, tuple(periods), by_member)


class Context:
    """What the rules need about the province, indexed once."""

    def __init__(self, province: Province, tree: Tree, as_of: date):
        self.province, self.tree, self.as_of = province, tree, as_of
        self.effective: list[Span] = [(province.settings.effective_date, FAR)]
        index = province.index
        self.assignments, self.attended, self.visits, self.reports = (index.assignments, index.attended,
                                                                      index.visits, index.reports)

    def obligations(self, member: Member, period: Period) -> list[Obligation]:
        btv, bch_only = role_days(member, "btv"), role_days(member, "bch")
        found = []
        if overlap_days(btv, period):
            if period.kind == "H":
                found.append(self.assigned(member, period, btv, "phu-trach"))
                found.append(self.residence(member, period, btv, "B"))
                found.append(self.report(member, period, btv, "R1"))
        if overlap_days(bch_only, period):
            if period.kind == "Q":
                found.append(self.assigned(member, period, bch_only, "theo-doi"))
                found.append(self.report(member, period, bch_only, "R2"))
            else:
                found.append(self.residence(member, period, bch_only, "D"))
        return found

    # -- coverage

    def active(self, member: Member, kind: str, period: Period) -> list[Assignment]:
        return [a for a in self.assignments.get(member.id, ())
                if a.kind == kind and in_force_between(a, period.start, period.end)]

    def not_applicable(self, member, rule, period, role_name, role, assigned=None, kind=None) -> Obligation | None:
        """An Obligation marked not applicable when less than half the period is covered, else None.

        The days that count and the reason come from one count (`counted_days`): days of the period
        from the effective date on, then those while the role is held, then those also assigned."""
        layers = [self.effective, role] + ([assigned] if assigned is not None else [])
        counted = counted_days(period, layers)
        if counted[-1] * 2 >= period.days:
            return None
        effective, held = counted[0], counted[1]
        need = "cần ít nhất một nửa số ngày của kỳ"
        since, start = "", vi.day(self.province.settings.effective_date)
        if self.province.settings.effective_date > period.start:
            since = f", tính từ ngày {start}"
        if effective * 2 < period.days:
            reason = (f"Việc thực hiện Quy định được tính từ {start}: "
                      f"chỉ áp dụng {effective}/{period.days} ngày của kỳ ({need})")
        elif held * 2 < period.days:
            reason = f"Là {role_wording(member, role_name, period)} {held}/{period.days} ngày của kỳ{since} ({need})"
        elif counted[-1] == 0:
            reason = f"Chưa được phân công {vi.ASSIGNMENT_KINDS[kind].lower()} đảng bộ nào trong kỳ"
        else:
            reason = (f"Được phân công {vi.ASSIGNMENT_KINDS[kind].lower()} {counted[-1]}/{period.days} "
                      f"ngày của kỳ{since} ({need})")
        return Obligation(member.id, rule, period, self.due(rule, period), "not-applicable", counted[-1],
                          reason=reason)

    @staticmethod
    def due(rule: Rule, period: Period) -> date:
        return report_deadline(period) if rule.kind == "report" else period.end

    # -- the rules

    def assigned(self, member: Member, period: Period, role: list[Span], kind: str) -> Obligation:
        """A / A′ (BTV, in charge, each half) and C (BCH, following, each quarter)."""
        role_name = "btv" if kind == "phu-trach" else "bch"
        orgs = [a.organization for a in self.active(member, kind, period)]
        with_residential = [o for o in orgs if self.tree.has_residential_cells(o)]
        if kind == "theo-doi":
            code = "C"
        else:
            code = "A" if with_residential or not orgs else "A′"
        rule = RULES[code]
        assigned_spans = [span(a) for a in self.assignments.get(member.id, ()) if a.kind == kind]
        spans = intersect(intersect(self.effective, role), assigned_spans)
        skip = self.not_applicable(member, rule, period, role_name, role, assigned_spans, kind)
        if skip:
            return skip
        qualifying = Qualifying(
            organizations=tuple(dict.fromkeys(with_residential or orgs)),
            residential_only=bool(with_residential),
            exclude=tuple(c for c in (member.residence_cell,) if c),
        )
        return self.attendance(member, rule, period, spans, qualifying, kind)

    def residence(self, member: Member, period: Period, role: list[Span], code: str) -> Obligation:
        """B (BTV) and D (BCH): the residence cell or residential area, each half."""
        rule = RULES[code]
        spans = intersect(self.effective, role)
        skip = self.not_applicable(member, rule, period, "btv" if code == "B" else "bch", role)
        if skip:
            return skip
        places = tuple(p for p in (member.residence_cell, member.residence_area) if p)
        return self.attendance(member, rule, period, spans, Qualifying(places=places), None)

    def attendance(self, member, rule, period, spans, qualifying, kind) -> Obligation:
        covered = overlap_days(spans, period)
        base = dict(member=member.id, rule=rule, period=period, due=period.end, covered_days=covered,
                    qualifying=qualifying)
        for record in self.attended.get(member.id, ()):
            if (record.date in period and record.date <= self.as_of and within(spans, record.date)
                    and self.counts(member, record, qualifying, kind)):
                return Obligation(status="met", met_by=record.id, **base)
        if period.end < self.as_of:
            return Obligation(status="missed", **base)
        for visit in self.visits.get(member.id, ()):
            if (visit.status != "cancelled" and visit.date in period and visit.date >= self.as_of
                    and within(spans, visit.date)
                    and self.counts(member, visit, qualifying, kind)):
                return Obligation(status="planned", planned_by=visit.id, **base)
        return Obligation(status="due", **base)

    def counts(self, member: Member, record: Attendance | Visit, qualifying: Qualifying, kind: str | None) -> bool:
        """Whether a meeting (attended or planned) meets an obligation with this qualifying set."""
        if qualifying.places:
            return (record.cell or record.area) in qualifying.places
        if record.cell is None or record.cell in qualifying.exclude:
            return False
        cell = self.province.cells[record.cell]
        if qualifying.residential_only and not cell.residential:
            return False
        lineage = {cell.organization, *self.tree.ancestors(cell.organization)}
        return any(a.organization in lineage and a.organization in qualifying.organizations
                   and in_force(a, record.date)
                   for a in self.assignments.get(member.id, ()) if a.kind == kind)

    def report(self, member: Member, period: Period, role: list[Span], code: str) -> Obligation:
        """R1 (BTV, each half) and R2 / R2′ (BCH, each quarter): a report before the 25th."""
        communes = tuple(dict.fromkeys(a.organization for a in self.active(member, "theo-doi", period)
                                       if self.tree.is_commune(a.organization)))
        if code == "R2" and communes:
            code = "R2′"
        rule = RULES[code]
        spans = intersect(self.effective, role)
        skip = self.not_applicable(member, rule, period, "btv" if code == "R1" else "bch", role)
        if skip:
            return skip
        deadline = report_deadline(period)
        note = None
        if communes:
            names = ", ".join(self.province.organizations[o].name for o in communes)
            note = (f"Báo cáo này là một phần của báo cáo kết quả theo dõi {names}; "
                    "không gửi báo cáo riêng (khoản 2 Điều 3)")
        base = dict(member=member.id, rule=rule, period=period, due=deadline,
                    covered_days=overlap_days(spans, period), note=note, communes=communes)
        sent = [r for r in self.reports.get((member.id, period.code), ())
                if period.start <= r.submitted <= self.as_of]  # a report cannot come before its period
        if sent:
            return Obligation(status="met" if sent[0].submitted <= deadline else "late", met_by=sent[0].id, **base)
        return Obligation(status="missed" if deadline < self.as_of else "due", **base)


def within(spans: list[Span], day: date) -> bool:
    """Whether `day` is one the obligation covers: on or after the effective date, while the role is held."""
    return any(a <= day <= b for a, b in spans)


def role_days(member: Member, role: str) -> list[Span]:
    """The days the rules of `role` judge: the BTV days for BTV rules, the BCH days without BTV for BCH rules."""
    btv = role_spans(member.roles, "btv")
    return btv if role == "btv" else subtract(role_spans(member.roles, "bch"), btv)


def counted_days(period: Period, layers: list[list[Span]]) -> list[int]:
    """The days of `period` that count, layer by layer: each entry counts the days inside every layer so far
    (the effective date on, then the role held, then the assignment). The last entry decides whether an
    obligation applies (at least half the period's days); the first short one says why it does not."""
    counted, spans = [], [(period.start, period.end)]
    for layer in layers:
        spans = intersect(spans, layer)
        counted.append(overlap_days(spans, period))
    return counted


def role_wording(member: Member, role: str, period: Period) -> str:
    """The role whose days are counted: for BCH rules only the days the member is not also BTV count."""
    if role == "bch" and overlap_days(role_spans(member.roles, "btv"), period):
        return "Ủy viên BCH (không kiêm Ủy viên BTV)"
    return vi.ROLES_SHORT[role]
