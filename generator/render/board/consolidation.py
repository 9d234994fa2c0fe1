"""The Board's consolidations (khoản 3 Điều 4): every quarter, half and year begun, with their charts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from ...exports import charts
from ...model import vi
from ...model.periods import Period
from ...rules import compliance
from ...rules.compliance import UNASSIGNED, Consolidation, MemberLine, Tally
from ...site import paths
from ..markup import md
from ..pages import name_key
from ...site.tables import Column, Table
from .common import PROVINCE_ROW, Group, Produced, Shared

ROLE_GROUPS = {"btv": "Ủy viên BTV (A, A′, B, R1)", "bch": "Ủy viên BCH không là Ủy viên BTV (C, D, R2, R2′)"}


@dataclass(frozen=True)
class PeriodRow:
    period: Period
    tally: Tally


@dataclass(frozen=True)
class RateRow:
    label: str
    rates: dict
    tallies: dict


class Consolidations:
    def __init__(self, shared: Shared):
        self.shared, self.as_of = shared, shared.as_of

    @cached_property
    def periods(self) -> list[Period]:
        s = self.shared
        return compliance.consolidated_periods(s.evaluation, s.province.settings.effective_date)

    @cached_property
    def by_period(self) -> dict[Period, Consolidation]:
        return {p: self.consolidate(p) for p in self.periods}

    def consolidate(self, p: Period) -> Consolidation:
        s = self.shared
        return compliance.consolidate(s.province, s.evaluation, s.groups, p, s.order)

    def summary(self, now: list[Period]) -> list[Group]:
        """The totals of the running quarter and half, linked to their pages."""
        return [Group(p.label, (self.by_period[p] if p in self.by_period else self.consolidate(p)).total,
                      paths.consolidated_page(p) if p in self.by_period else None) for p in now]

    # -- tables

    def group_table(self, name: str, slug: str, first: str, rows: list[Group]) -> Table:
        return Table(name, slug, (self.shared.label_column(first), *self.shared.tally_columns()), tuple(rows))

    def member_table(self, lines: tuple[MemberLine, ...]) -> Table:
        s = self.shared
        counts = s.tally_columns()
        counts = (*counts[:-2], counts[-1])  # without the not-applicable count: the detail column has them
        columns = (
            Column("Đồng chí", lambda m: m.member.name, cell=lambda m, page: s.words.member_link(page, m.member.id)),
            Column("Vai trò", lambda m: "; ".join(vi.ROLES_SHORT[r] for r in m.roles),
                   cell=lambda m, page: Markup("; ").join(Markup('<span class="filter-value">')
                                                         + md(vi.ROLES_SHORT[r]) + Markup("</span>") for r in m.roles),
                   filter=True),
            s.orgs_column(lambda m: m.organizations),
            *counts,
            Column("Chi tiết", lambda m: "; ".join(f"{o.rule.code} {o.period.label}: {vi.STATUSES[o.status]}"
                                                   for o in m.obligations)),
        )
        rows = sorted(lines, key=lambda m: name_key(m.member.name))
        return Table("Theo đồng chí", "theo-dong-chi", columns, tuple(rows))

    def period_tables(self, c: Consolidation) -> list[Table]:
        s = self.shared
        rules = [Group(f"{r.code}: {r.title}", t) for r, t in c.by_rule] + [Group("Tổng", c.total)]
        orgs = ([Group(s.org_name(o), t, None if o == UNASSIGNED else paths.organization_page(o))
                 for o, t in c.by_organization] + [Group(PROVINCE_ROW, c.total)])
        roles = [Group(ROLE_GROUPS[r], t) for r, t in c.by_role] + [Group("Tổng", c.total)]
        return [
            self.group_table("Theo nghĩa vụ", "theo-nghia-vu", "Nghĩa vụ", rules),
            self.group_table("Theo đảng bộ", "theo-dang-bo", "Đảng bộ", orgs),
            self.group_table("Theo vai trò", "theo-vai-tro", "Vai trò", roles),
            self.member_table(c.members),
        ]

    def overview_tables(self) -> list[Table]:
        label = Column("Kỳ", lambda r: r.period.label,
                       cell=lambda r, page: Markup(f"[{md(r.period.label)}]"
                                                   f"({paths.relative(page, paths.consolidated_page(r.period))})"))
        running = Column("Tình trạng", lambda r: "Đang diễn ra" if self.as_of <= r.period.end else "Đã kết thúc")
        by_period = Table("Các kỳ", "cac-ky",
                          (label, Column("Từ", lambda r: r.period.start, kind="date"),
                           Column("Đến", lambda r: r.period.end, kind="date"), running, *self.shared.tally_columns()),
                          tuple(PeriodRow(p, self.by_period[p].total) for p in self.periods))
        rate_columns = [Column(p.label, (lambda row, p=p: row.rates.get(p)), kind="rate") for p in self.periods]
        grid = Table("Tỷ lệ theo đảng bộ", "ty-le-theo-dang-bo",
                     (Column("Đảng bộ", lambda row: row.label), *rate_columns), tuple(self.rate_rows()))
        return [by_period, grid]

    def rate_rows(self) -> list[RateRow]:
        rows = [RateRow(PROVINCE_ROW, {p: self.by_period[p].total.rate for p in self.periods},
                        {p: self.by_period[p].total for p in self.periods})]
        for org in self.shared.order:
            tallies = {p: dict(self.by_period[p].by_organization).get(org) for p in self.periods}
            if any(tallies.values()):
                rows.append(RateRow(self.shared.org_name(org), {p: t.rate for p, t in tallies.items() if t}, tallies))
        return rows

    # -- pages and charts

    def produce(self) -> Produced:
        s = self.shared
        years = sorted({p.year for p in self.periods}, reverse=True)
        yield from s.page(paths.CONSOLIDATED, "tong-hop.md", "tong-hop", self.overview_tables(), "Tổng hợp theo kỳ",
                          "Tổng hợp theo kỳ", periods=self.periods,
                          charts=[(year, Markup(f"ty-le-{year}.svg")) for year in years])
        for year in years:
            yield f"tong-hop/ty-le-{year}.svg", lambda year=year: self.rate_chart(year)
        for p in self.periods:
            c = self.by_period[p]
            stem = paths.period_slug(p)
            title = f"Tổng hợp {p.label if p.kind != 'Y' else f'năm {p.year}'}"
            yield from s.page(paths.consolidated_page(p), "tong-hop-ky.md", stem, self.period_tables(c),
                              title, title, c=c, chart=Markup(f"{stem}.svg"))
            yield f"tong-hop/{stem}.svg", lambda c=c: self.period_chart(c)

    def rate_chart(self, year: int) -> str:
        """One year's periods (its quarters, halves and the year) against the organizations."""
        periods = [p for p in self.periods if p.year == year]
        columns = [(*two_lines(p), p.start <= self.as_of <= p.end) for p in periods]
        rows = [charts.Series(r.label, tuple(r.tallies.get(p) for p in periods)) for r in self.rate_rows()
                if any(r.tallies.get(p) for p in periods)]
        return charts.grid(f"Tỷ lệ thực hiện năm {year} theo kỳ và đảng bộ (đến ngày {vi.day(self.as_of)})",
                           columns, rows)

    def period_chart(self, c: Consolidation) -> str:
        rows = [charts.Series(PROVINCE_ROW, (c.total,))]
        rows += [charts.Series(self.shared.org_name(o), (t,)) for o, t in c.by_organization]
        suffix = f", đến ngày {vi.day(self.as_of)}" if c.running else ""
        return charts.bars(f"{c.period.label}: nghĩa vụ theo đảng bộ{suffix}", rows)


def two_lines(p: Period) -> tuple[str, str]:
    """A period's name in two short lines for a chart's column: “6 tháng đầu” / “2026”."""
    if p.kind == "Q":
        return f"Quý {p.label.split()[1].split('/')[0]}", str(p.year)
    if p.kind == "H":
        return f"6 tháng {'đầu' if p.index == 1 else 'cuối'}", str(p.year)
    return "Năm", str(p.year)
