"""The Organization Board's numbers: consolidation by period, grievances (records that cannot count: records.py).

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

from ..model import Member, Province
from ..model.periods import Period
from ..model.tree import Tree
from .obligations import RULE_ROLE, RULES, Evaluation, Obligation, Rule
from .records import RecordWarning as RecordWarning  # re-exported: the record warnings live in records.py
from .records import record_warnings as record_warnings

STATUSES = ("met", "late", "planned", "due", "missed", "not-applicable")
NEAR_END_DAYS = 45
RECENT_DAYS = 366  # report drafts are made for periods that ended at most this long ago
ASSIGNMENT_KIND = {"btv": "phu-trach", "bch": "theo-doi"}
UNASSIGNED = ""  # the organization group of obligations with no assignment behind them


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
            found = [self.top(a.organization)
                     for a in self.province.index.assignments_between(o.member, o.period.start, o.period.end, kind)]
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
    by_org: dict[str, list] = {org: [] for org in order}
    for o in chosen:
        for org in groups.of(o):
            by_org.setdefault(org, []).append(o)
    return Consolidation(
        period=period,
        running=period.start <= evaluation.as_of <= period.end,
        total=tally(chosen),
        by_rule=tallies(chosen, lambda o: o.rule.code, RULES, RULES.get),
        by_organization=tuple((org, tally(found)) for org, found in by_org.items() if found),
        by_role=tallies(chosen, lambda o: RULE_ROLE[o.rule.code], ("btv", "bch")),
        members=tuple(member_line(province, groups, m, found) for m, found in by_member.items() if found),
    )


def tallies(obligations, key, keys, label=lambda k: k) -> tuple[tuple, ...]:
    """A tally per key, in the order of `keys`, for the keys some obligation has."""
    grouped: dict = {k: [] for k in keys}
    for o in obligations:
        grouped[key(o)].append(o)
    return tuple((label(k), tally(found)) for k, found in grouped.items() if found)


def member_line(province: Province, groups: Groups, member_id: str, found: tuple[Obligation, ...]) -> MemberLine:
    roles = tuple(r for r in ("btv", "bch") if any(RULE_ROLE[o.rule.code] == r for o in found))
    return MemberLine(province.members[member_id], roles, groups.of_member(found), tally(found), found)


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
