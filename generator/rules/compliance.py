"""The Organization Board's numbers: records that cannot count, consolidation by period, grievances.

Pure functions of the province and the Evaluation made by `rules.py`: nothing
here reads files or the clock, and no status is recomputed. Consolidating is
counting the obligations the rules produced.

Definitions (also on the site, `content/huong-dan/tong-hop.md`):

- An obligation *applies* unless its status is `not-applicable`. A rate is
  done / applicable, where done = met + late (a late report was sent).
  Obligations still open (`due`, `planned`) stay in the denominator but are
  counted in their own columns, never as failures: for a running period the
  rate is progress so far.
- An obligation belongs to the organizations directly under the province
  ("top-level") above the organizations its member was assigned to during its
  period, with the kind of assignment its rule is about (in charge of for BTV
  rules, following for BCH rules). A member assigned under two top-level
  organizations counts once in each of them, so the organization rows can add
  up to more than the province row; a member with no such assignment counts
  under "not assigned".
- A consolidation for a period counts the obligations whose period lies inside
  it: a quarter has the quarterly obligations (C, R2, R2′), a half also has the
  half-yearly ones (A, A′, B, D, R1) and its two quarters, a year all of them.
- "Nothing done as the end nears": within NEAR_END_DAYS days of the end of a
  running period, a member with at least one obligation that applies in it
  and none met (on time or late).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Attendance, Member, Province, Report, Visit, vi
from ..model.periods import Period, containing, parse
from ..model.tree import Tree
from .obligations import FAR, RULES, Context, Evaluation, Obligation, Rule

STATUSES = ("met", "late", "planned", "due", "missed", "not-applicable")
NEAR_END_DAYS = 45
RECENT_DAYS = 366  # report drafts are made for periods that ended at most this long ago
RULE_ROLE = {"A": "btv", "A′": "btv", "B": "btv", "R1": "btv", "C": "bch", "D": "bch", "R2": "bch", "R2′": "bch"}
ASSIGNMENT_KIND = {"btv": "phu-trach", "bch": "theo-doi"}
COUNTS_WITH = {"A": "phu-trach", "A′": "phu-trach", "C": "theo-doi"}  # the assignment kind `Context.counts` needs
UNASSIGNED = ""  # the organization group of obligations with no assignment behind them


# -- records that cannot count


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
    """Why a record cannot count, with the province indexed once."""

    def __init__(self, province: Province, evaluation: Evaluation, tree: Tree):
        self.province, self.tree, self.as_of = province, tree, evaluation.as_of
        self.context = Context(province, tree, evaluation.as_of)
        self.owed: dict[tuple[str, Period], list[Obligation]] = {}
        for o in evaluation.obligations:
            self.owed.setdefault((o.member, o.period), []).append(o)
        self.periods = set(evaluation.periods)
        self.first_report: dict[tuple[str, str], str] = {}
        for r in sorted(province.reports.values(), key=lambda r: (r.submitted, r.id)):
            self.first_report.setdefault((r.member, r.period), r.id)

    def attendance(self, record: Attendance | Visit) -> str | None:
        member = self.province.members[record.member]
        day = vi.day(record.date)
        planned = isinstance(record, Visit)
        if not planned and record.date > self.as_of:
            return f"ngày dự {day} sau ngày tính trạng thái ({vi.day(self.as_of)}): chưa được tính; kiểm tra lại ngày"
        effective = self.province.settings.effective_date
        if record.date < effective:
            return f"ngày {day} trước ngày Quy định có hiệu lực ({vi.day(effective)})"
        if not any(r.start <= record.date <= (r.end or FAR) for r in member.roles):
            return f"ngày {day} đồng chí không giữ vai trò Ủy viên BTV hay Ủy viên BCH"
        owed = [o for kind in ("Q", "H") for o in self.owed.get((member.id, containing(record.date, kind)), ())
                if o.rule.kind == "attend"]
        applying = [o for o in owed if o.applies]
        if not applying:
            reasons = "; ".join(dict.fromkeys(f"{o.rule.code}: {o.reason}" for o in owed if o.reason))
            return "không có nghĩa vụ dự sinh hoạt nào áp dụng trong kỳ có ngày này" + (f" ({reasons})" if reasons else "")
        if any(self.context.counts(member, record, o.qualifying, COUNTS_WITH.get(o.rule.code)) for o in applying):
            return None
        return self.mismatch(member, record, applying)

    def mismatch(self, member: Member, record: Attendance | Visit, applying: list[Obligation]) -> str:
        """The meeting is on a day with obligations, but at a place none of them counts."""
        if record.area:
            name = self.province.areas[record.area].name
            return (f"{name} không phải khu dân cư nơi cư trú của đồng chí; "
                    "chỉ khu dân cư nơi cư trú được tính (khoản 2, khoản 3 Điều 2)")
        cell = self.province.cells[record.cell]
        where = f"{cell.name} ({self.province.organizations[cell.organization].name})"
        if record.cell == member.residence_cell:
            return f"{where} là chi bộ nơi cư trú, chỉ được tính cho nghĩa vụ nơi cư trú (B, D), nghĩa vụ này không áp dụng trong kỳ"
        lineage = {cell.organization, *self.tree.ancestors(cell.organization)}
        kinds = {COUNTS_WITH[o.rule.code] for o in applying if o.rule.code in COUNTS_WITH}
        mine = [a for a in self.context.assignments.get(member.id, ()) if a.kind in kinds]
        on_day = [a for a in mine if a.start <= record.date <= (a.end or FAR)]
        if not any(a.organization in lineage for a in mine):
            names = ", ".join(dict.fromkeys(self.province.organizations[a.organization].name for a in on_day))
            assigned = f" (đồng chí được phân công: {names})" if names else ""
            return f"{where} không thuộc đảng bộ nào đồng chí được phân công phụ trách, theo dõi{assigned}"
        if not any(a.organization in lineage for a in on_day):
            return f"ngày {vi.day(record.date)} phân công phụ trách, theo dõi đảng bộ có {cell.name} chưa có hoặc đã hết hiệu lực"
        if not cell.residential and any(o.qualifying.residential_only for o in applying if o.qualifying):
            return (f"{where} không phải chi bộ khu dân cư; đảng bộ được phân công có chi bộ khu dân cư "
                    "nên chỉ chi bộ khu dân cư được tính (khoản 2 Điều 2)")
        return f"{where} không đáp ứng nghĩa vụ nào áp dụng trong kỳ"

    def report(self, report: Report) -> str | None:
        member = self.province.members[report.member]
        first = self.first_report.get((report.member, report.period))
        if report.submitted > self.as_of:
            return (f"ngày gửi {vi.day(report.submitted)} sau ngày tính trạng thái ({vi.day(self.as_of)}): "
                    "chưa được tính; kiểm tra lại ngày")
        if first != report.id:
            return f"đã có báo cáo {first} cho kỳ {report.period}; chỉ báo cáo gửi sớm nhất được tính"
        period = parse(report.period)
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


# -- consolidation


@dataclass(frozen=True, slots=True)
class Tally:
    """How many obligations have each status."""

    counts: tuple[int, ...]  # in the order of STATUSES

    def __getitem__(self, status: str) -> int:
        return self.counts[STATUSES.index(status)]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def applicable(self) -> int:
        return self.total - self["not-applicable"]

    @property
    def done(self) -> int:
        return self["met"] + self["late"]

    @property
    def open(self) -> int:
        return self["due"] + self["planned"]

    @property
    def rate(self) -> float | None:
        """done / applicable; None when nothing applies."""
        return self.done / self.applicable if self.applicable else None


def tally(obligations) -> Tally:
    counts = dict.fromkeys(STATUSES, 0)
    for o in obligations:
        counts[o.status] += 1
    return Tally(tuple(counts.values()))


@dataclass(frozen=True, slots=True)
class MemberLine:
    member: Member
    roles: tuple[str, ...]           # "btv", "bch": the roles behind the member's obligations here
    organizations: tuple[str, ...]   # top-level organizations
    tally: Tally
    obligations: tuple[Obligation, ...]


@dataclass(frozen=True, slots=True)
class Consolidation:
    period: Period
    running: bool                    # the as-of date is inside the period
    total: Tally
    by_rule: tuple[tuple[Rule, Tally], ...]
    by_organization: tuple[tuple[str, Tally], ...]  # top-level organization id, UNASSIGNED last
    by_role: tuple[tuple[str, Tally], ...]
    members: tuple[MemberLine, ...]


class Groups:
    """Which top-level organizations an obligation counts under, computed once per member, kind and period."""

    def __init__(self, province: Province, tree: Tree):
        self.province, self.tree = province, tree
        self.assignments: dict[str, list] = {}
        for a in province.assignments.values():
            self.assignments.setdefault(a.member, []).append(a)
        self._top: dict[str, str] = {}
        self._cache: dict[tuple[str, str, Period], tuple[str, ...]] = {}

    def top(self, org: str) -> str:
        if org not in self._top:
            chain = self.tree.ancestors(org)
            self._top[org] = chain[-1] if chain else org
        return self._top[org]

    def of(self, o: Obligation) -> tuple[str, ...]:
        kind = ASSIGNMENT_KIND[RULE_ROLE[o.rule.code]]
        key = (o.member, kind, o.period)
        if key not in self._cache:
            found = [self.top(a.organization) for a in self.assignments.get(o.member, ())
                     if a.kind == kind and a.start <= o.period.end and (a.end or FAR) >= o.period.start]
            self._cache[key] = tuple(dict.fromkeys(found)) or (UNASSIGNED,)
        return self._cache[key]

    def of_member(self, obligations) -> tuple[str, ...]:
        found = [org for o in obligations for org in self.of(o)]
        named = [org for org in dict.fromkeys(found) if org != UNASSIGNED]
        return tuple(named) or (UNASSIGNED,)


def consolidated_periods(evaluation: Evaluation, effective: date) -> list[Period]:
    """Quarters, halves and years that have begun by the as-of date and end after the regulation's start."""
    as_of = evaluation.as_of
    found = [p for p in evaluation.periods if p.start <= as_of and p.end >= effective]
    years = sorted({p.year for p in found})
    found += [Period(year, "Y", 1) for year in years]
    return sorted(found, key=lambda p: (p.year, {"Q": 0, "H": 1, "Y": 2}[p.kind], p.index))


def inside(inner: Period, outer: Period) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def consolidate(province: Province, evaluation: Evaluation, groups: Groups, period: Period,
                order: list[str]) -> Consolidation:
    """Counts for `period` by rule, top-level organization (in `order`) and role, and per member."""
    by_member = {m: tuple(o for o in found if inside(o.period, period))
                 for m, found in evaluation.by_member.items()}
    chosen = [o for found in by_member.values() for o in found]
    by_rule: dict[str, list] = {code: [] for code in RULES}
    by_org: dict[str, list] = {org: [] for org in order}
    by_role: dict[str, list] = {"btv": [], "bch": []}
    for o in chosen:
        by_rule[o.rule.code].append(o)
        by_role[RULE_ROLE[o.rule.code]].append(o)
        for org in groups.of(o):
            by_org.setdefault(org, []).append(o)
    lines = []
    for member_id, found in by_member.items():
        if not found:
            continue
        roles = tuple(r for r in ("btv", "bch") if any(RULE_ROLE[o.rule.code] == r for o in found))
        lines.append(MemberLine(province.members[member_id], roles, groups.of_member(found), tally(found), found))
    return Consolidation(
        period=period,
        running=period.start <= evaluation.as_of <= period.end,
        total=tally(chosen),
        by_rule=tuple((RULES[code], tally(found)) for code, found in by_rule.items() if found),
        by_organization=tuple((org, tally(found)) for org, found in by_org.items() if found),
        by_role=tuple((role, tally(found)) for role, found in by_role.items() if found),
        members=tuple(lines),
    )


def nothing_done(evaluation: Evaluation, period: Period) -> list[tuple[str, tuple[Obligation, ...]]]:
    """Members owing something in a running `period` (its quarters included), none met, near its end."""
    if not near_end(evaluation.as_of, period):
        return []
    found = []
    for member, obligations in evaluation.by_member.items():
        mine = tuple(o for o in obligations if inside(o.period, period) and o.applies)
        if mine and not any(o.status in ("met", "late") for o in mine):
            found.append((member, mine))
    return found


def near_end(as_of: date, period: Period) -> bool:
    return period.start <= as_of <= period.end and (period.end - as_of).days <= NEAR_END_DAYS


def days_left(as_of: date, period: Period) -> int:
    return (period.end - as_of).days


def has_draft(o: Obligation, as_of: date) -> bool:
    """A report draft is made for each report that applies in a period begun by the as-of date and
    ended at most RECENT_DAYS before it (older reports are long overdue; their drafts would only pile up)."""
    return (o.rule.kind == "report" and o.applies and o.period.start <= as_of
            and o.period.end >= as_of - timedelta(days=RECENT_DAYS))


# -- grievances


@dataclass(frozen=True, slots=True)
class GrievanceLine:
    id: str
    member: str
    raised: date               # the date of the meeting where it was raised
    place: str                 # the cell or area of that meeting
    organization: str          # the top-level organization of that place
    summary: str
    authority: str
    notified: date
    vptu_notified: date | None
    status: str
    resolution: str | None
    resolved: date | None
    days: int                  # open: age as of the as-of date; resolved: days from raised to resolved


def grievance_lines(province: Province, groups: Groups, as_of: date) -> list[GrievanceLine]:
    """Every grievance with where it was raised and how long it has been open or took to resolve."""
    lines = []
    for g in province.grievances.values():
        meeting = province.attendance[g.attendance]
        place = province.place(meeting.cell, meeting.area)
        end = g.resolved if g.status == "resolved" and g.resolved else as_of
        lines.append(GrievanceLine(
            g.id, g.member, meeting.date, place.id, groups.top(place.organization), g.summary, g.authority,
            g.notified, g.vptu_notified, g.status, g.resolution, g.resolved, max(0, (end - meeting.date).days)))
    return sorted(lines, key=lambda g: (1, -g.resolved.toordinal(), g.id) if g.status == "resolved" and g.resolved
                  else (0, -g.days, g.id))


@dataclass(frozen=True, slots=True)
class GrievanceCount:
    organization: str
    open: int
    in_progress: int
    resolved: int
    oldest_open: int | None      # days
    mean_to_resolve: float | None  # days


def grievances_by_organization(lines: list[GrievanceLine], order: list[str]) -> list[GrievanceCount]:
    grouped: dict[str, list[GrievanceLine]] = {}
    for g in lines:
        grouped.setdefault(g.organization, []).append(g)
    counts = []
    for org in [o for o in order if o in grouped]:
        found = grouped[org]
        still = [g.days for g in found if g.status != "resolved"]
        done = [g.days for g in found if g.status == "resolved"]
        counts.append(GrievanceCount(
            org, sum(g.status == "open" for g in found), sum(g.status == "in-progress" for g in found), len(done),
            max(still) if still else None, sum(done) / len(done) if done else None))
    return counts
