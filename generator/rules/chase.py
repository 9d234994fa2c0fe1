"""The Board's chase lists: whom to chase today, and for what. Pure functions of the records and a date.

Four lists, in the order the dashboard shows them:

1. reports due within REPORT_WINDOW_DAYS days (deadline on or after the as-of date) and not yet sent;
2. visits confirmed for a date before the as-of date with no attendance record of that member,
   place and day (the record is missing, or the visit did not happen);
3. members with nothing done as a running period's end nears (`compliance.nothing_done`), with
   every visit arranged for them in that period, cancelled ones included;
4. duties missed and reports sent late, newest deadline first.

Within the same deadline (or date) rows follow the order of `members.yml` (protocol order).
Each row says what to do, in Vietnamese, as the Board would write it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Province, Visit, vi
from ..model.periods import Period, containing
from ..model.tree import Tree
from .compliance import inside, nothing_done
from .obligations import COUNTS_WITH, Context, Evaluation, Obligation

REPORT_WINDOW_DAYS = 30


@dataclass(frozen=True, slots=True)
class Unrecorded:
    """A confirmed visit in the past that no attendance record matches."""

    visit: Visit
    obligations: tuple[Obligation, ...]   # the attendance duties it was arranged to meet, as they stand now

    @property
    def deadline(self) -> date:
        open_ = [o.due for o in self.obligations if o.status in ("due", "planned")]
        return min(open_ or [o.due for o in self.obligations] or [self.visit.date])


@dataclass(frozen=True, slots=True)
class Behind:
    """A member with nothing done in a running period near its end, and the visits arranged there."""

    period: Period
    member: str
    obligations: tuple[Obligation, ...]
    visits: tuple[Visit, ...]


@dataclass(frozen=True, slots=True)
class Lists:
    reports_soon: tuple[Obligation, ...]
    unrecorded: tuple[Unrecorded, ...]
    behind: tuple[Behind, ...]
    overdue: tuple[Obligation, ...]


def chase(province: Province, tree: Tree, evaluation: Evaluation) -> Lists:
    rank = {m: n for n, m in enumerate(evaluation.by_member)}
    return Lists(reports_soon(evaluation, rank), unrecorded(province, tree, evaluation, rank),
                 behind(province, evaluation, rank), overdue(evaluation, rank))


def reports_soon(evaluation: Evaluation, rank: dict[str, int]) -> tuple[Obligation, ...]:
    as_of = evaluation.as_of
    found = [o for o in evaluation.obligations if o.rule.kind == "report" and o.status == "due"
             and 0 <= (o.due - as_of).days <= REPORT_WINDOW_DAYS]
    return tuple(sorted(found, key=lambda o: (o.due, rank[o.member], o.period.sort_key())))


def unrecorded(province: Province, tree: Tree, evaluation: Evaluation, rank: dict[str, int]) -> tuple[Unrecorded, ...]:
    as_of = evaluation.as_of
    recorded = {(r.member, r.date, r.cell or r.area) for r in province.attendance.values()}
    context = Context(province, tree, as_of)
    found = []
    for v in province.visits.values():
        if v.status == "confirmed" and v.date < as_of and (v.member, v.date, v.cell or v.area) not in recorded:
            found.append(Unrecorded(v, arranged_for(context, evaluation, v)))
    return tuple(sorted(found, key=lambda u: (u.visit.date, rank[u.visit.member], u.visit.id)))


def arranged_for(context: Context, evaluation: Evaluation, visit: Visit) -> tuple[Obligation, ...]:
    """The attendance duties of the visit's member that a meeting at its place and date would meet."""
    member = context.province.members[visit.member]
    periods = {containing(visit.date, "Q"), containing(visit.date, "H")}
    return tuple(o for o in evaluation.by_member[visit.member]
                 if o.rule.kind == "attend" and o.applies and o.period in periods
                 and context.counts(member, visit, o.qualifying, COUNTS_WITH.get(o.rule.code)))


def behind(province: Province, evaluation: Evaluation, rank: dict[str, int]) -> tuple[Behind, ...]:
    now = [containing(evaluation.as_of, "Q"), containing(evaluation.as_of, "H")]
    visits: dict[str, list[Visit]] = {}
    for v in sorted(province.visits.values(), key=lambda v: (v.date, v.id)):
        visits.setdefault(v.member, []).append(v)
    found = [Behind(p, member, duties, tuple(v for v in visits.get(member, ()) if v.date in p))
             for p in now for member, duties in nothing_done(evaluation, p)]
    return tuple(sorted(found, key=lambda b: (b.period.end, b.period.kind != "Q", rank[b.member])))


def overdue(evaluation: Evaluation, rank: dict[str, int]) -> tuple[Obligation, ...]:
    found = [o for o in evaluation.obligations if o.status in ("missed", "late")]
    return tuple(sorted(found, key=lambda o: (-o.due.toordinal(), rank[o.member], o.period.sort_key(), o.rule.code)))


# -- what to do, in the Board's words


def before(deadline: date) -> str:
    """The regulation's words for a report's last day, the 24th: "trước ngày 25/12/2026"."""
    return f"trước ngày {vi.day(deadline + timedelta(days=1))}"


def report_todo(o: Obligation, as_of: date) -> str:
    left = (o.due - as_of).days
    text = f"Nhắc đồng chí gửi báo cáo {before(o.due)} (còn {left} ngày)"
    if o.rule.code == "R2′":
        text += "; là một phần của báo cáo kết quả theo dõi đảng bộ xã, phường, thị trấn"
    return text


def unrecorded_todo(u: Unrecorded) -> str:
    who = u.visit.arranged_by or "cấp ủy đã bố trí"
    text = (f"Hỏi {who}: nếu đồng chí đã dự, ghi buổi dự vào {vi.WORKBOOK} (trang “{vi.RECORD_SHEETS['attendance']}”); "
            f"nếu không dự, ghi lịch là “đã hủy” kèm lý do (trang “{vi.RECORD_SHEETS['visits']}”)")
    still = [o for o in u.obligations if o.status in ("due", "planned")]
    if still:
        text += f" và bố trí buổi khác trước ngày {vi.day(min(o.due for o in still))}"
    return text


def behind_todo(b: Behind, as_of: date) -> str:
    ahead = [v for v in b.visits if v.status != "cancelled" and v.date >= as_of]
    if ahead:
        return f"Nhắc đồng chí dự buổi đã bố trí ngày {vi.day(ahead[0].date)}; theo dõi để ghi nhận kết quả"
    return f"Đề nghị cấp ủy nơi đồng chí được phân công bố trí buổi dự sinh hoạt trước ngày {vi.day(b.period.end)}"


def overdue_todo(o: Obligation, as_of: date, submitted: date | None) -> str:
    if o.status == "late" and submitted:
        return f"Ghi nhận gửi muộn {(submitted - o.due).days} ngày (gửi ngày {vi.day(submitted)}) khi đánh giá cuối năm"
    if o.rule.kind == "report":
        return f"Đề nghị đồng chí gửi báo cáo ngay (đã quá hạn {(as_of - o.due).days} ngày)"
    return "Ghi nhận không thực hiện khi đánh giá, xếp loại cuối năm (khoản 1 Điều 4)"


def open_duties(evaluation: Evaluation, member: str) -> tuple[Obligation, ...]:
    """What a member still has to do as of the as-of date: duties of periods begun and not done,
    and reports not yet sent (a report can still be sent after its deadline)."""
    as_of = evaluation.as_of
    return tuple(o for o in evaluation.by_member[member] if o.period.start <= as_of and (
        o.status in ("due", "planned") or (o.status == "missed" and o.rule.kind == "report")))


def still_owing(evaluation: Evaluation, period: Period, member: str) -> tuple[Obligation, ...]:
    """The attendance duties in an assigned organization (A, A′, C) still open in a period."""
    return tuple(o for o in evaluation.by_member[member]
                 if o.rule.code in COUNTS_WITH and o.status in ("due", "planned") and inside(o.period, period))
