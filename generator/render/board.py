"""The Organization Board's pages and files: dashboard, consolidations, grievances, warnings, drafts.

Numbers come from `compliance.py`; each table is a `tables.Table` that the page
shows and the CSV and XLSX files export, so page and file are the same rows.
Returns every file (Markdown, CSV, XLSX, SVG, DOCX) by its path in the docs folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..build.output import Output
from ..exports import charts, drafts, spreadsheets
from ..model import vi
from ..model.periods import Period, containing
from ..rules import compliance
from ..rules.compliance import RULE_ROLE, UNASSIGNED, Consolidation, MemberLine, Tally
from ..rules.obligations import RULES, Obligation
from . import paths
from .markup import md
from .pages import Site, Words, badge, environment, name_key
from .tables import Column, Table, markdown, percent

NOT_ASSIGNED = "Chưa được phân công"
PROVINCE_ROW = "Toàn tỉnh"


@dataclass(frozen=True)
class Group:
    """A row of counts: a rule, an organization, a role or the province."""

    label: str
    tally: Tally
    link: str | None = None  # a page to link the label to


class Board:
    def __init__(self, site: Site):
        self.site, self.province, self.evaluation = site, site.province, site.evaluation
        self.as_of = site.as_of
        self.words = Words(site)
        self.groups = compliance.Groups(self.province, site.tree)
        self.order = list(site.tree.roots) + [UNASSIGNED]
        self.env = environment(site)
        self.env.globals.update(data_table=markdown, downloads=downloads, csv_link=csv_link, compliance=compliance,
                                near_end_days=compliance.NEAR_END_DAYS, rules=list(RULES.values()),
                                board_percent=lambda t: percent(t.rate) if t.rate is not None else "—")

    # -- shared words

    def org_name(self, org: str) -> str:
        return NOT_ASSIGNED if org == UNASSIGNED else self.province.organizations[org].name

    def orgs_text(self, orgs) -> str:
        return "; ".join(self.org_name(o) for o in orgs)

    def orgs_cell(self, orgs) -> Markup:
        """Each organization marked as its own value for the page's drop-down filter."""
        return Markup("; ").join(Markup('<span class="filter-value">') + md(self.org_name(o)) + Markup("</span>")
                                 for o in orgs)

    def member_name(self, member: str) -> str:
        return self.province.members[member].name

    def note(self, o: Obligation) -> str:
        parts = [self.words.outcome(o)]
        if o.planned_by:
            v = self.province.visits[o.planned_by]
            parts.append(f"Đã bố trí dự ngày {vi.day(v.date)} tại {self.words.place_text(v.cell or v.area)}")
        return ". ".join(p for p in parts if p)

    # -- columns

    def obligation_columns(self) -> tuple[Column, ...]:
        return (
            Column("Đồng chí", lambda o: self.member_name(o.member),
                   cell=lambda o, page: self.words.member_link(page, o.member)),
            Column("Vai trò", lambda o: vi.ROLES_SHORT[RULE_ROLE[o.rule.code]], filter=True),
            Column("Đảng bộ", lambda o: self.orgs_text(self.groups.of(o)),
                   cell=lambda o, page: self.orgs_cell(self.groups.of(o)), filter=True),
            Column("Kỳ", lambda o: o.period.label, filter=True),
            Column("Nghĩa vụ", lambda o: o.rule.code, filter=True),
            Column("Hạn", lambda o: o.due, kind="date"),
            Column("Trạng thái", lambda o: vi.STATUSES[o.status], cell=lambda o, page: badge(o), filter=True),
            Column("Ghi chú", self.note),
        )

    @staticmethod
    def tally_columns(rate_title: str = "Tỷ lệ thực hiện") -> tuple[Column, ...]:
        def count(status):
            return Column(vi.STATUSES[status], lambda row: row.tally[status], kind="count")
        return (
            Column("Áp dụng", lambda row: row.tally.applicable, kind="count"),
            *(count(s) for s in ("met", "late", "planned", "due", "missed", "not-applicable")),
            Column(rate_title, lambda row: row.tally.rate, kind="rate"),
        )

    def group_table(self, name: str, slug: str, first: str, rows: list[Group]) -> Table:
        label = Column(first, lambda g: g.label,
                       cell=lambda g, page: (Markup(f"[{md(g.label)}]({paths.relative(page, g.link)})")
                                             if g.link else Markup(md(g.label))))
        return Table(name, slug, (label, *self.tally_columns()), tuple(rows))

    def member_table(self, lines: tuple[MemberLine, ...]) -> Table:
        counts = self.tally_columns()
        counts = (*counts[:-2], counts[-1])  # without the not-applicable count: the detail column has them
        columns = (
            Column("Đồng chí", lambda m: m.member.name, cell=lambda m, page: self.words.member_link(page, m.member.id)),
            Column("Vai trò", lambda m: "; ".join(vi.ROLES_SHORT[r] for r in m.roles),
                   cell=lambda m, page: Markup("; ").join(Markup('<span class="filter-value">')
                                                         + md(vi.ROLES_SHORT[r]) + Markup("</span>") for r in m.roles),
                   filter=True),
            Column("Đảng bộ", lambda m: self.orgs_text(m.organizations),
                   cell=lambda m, page: self.orgs_cell(m.organizations), filter=True),
            *counts,
            Column("Chi tiết", lambda m: "; ".join(f"{o.rule.code} {o.period.label}: {vi.STATUSES[o.status]}"
                                                   for o in m.obligations)),
        )
        rows = sorted(lines, key=lambda m: name_key(m.member.name))
        return Table("Theo đồng chí", "theo-dong-chi", columns, tuple(rows))

    # -- consolidations

    @cached_property
    def periods(self) -> list[Period]:
        return compliance.consolidated_periods(self.evaluation, self.province.settings.effective_date)

    @cached_property
    def consolidations(self) -> dict[Period, Consolidation]:
        return {p: compliance.consolidate(self.province, self.evaluation, self.groups, p, self.order)
                for p in self.periods}

    def consolidation_tables(self, c: Consolidation) -> list[Table]:
        rules = [Group(f"{r.code}: {r.title}", t) for r, t in c.by_rule] + [Group("Tổng", c.total)]
        orgs = ([Group(self.org_name(o), t, None if o == UNASSIGNED else paths.organization_page(o))
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
                           Column("Đến", lambda r: r.period.end, kind="date"), running, *self.tally_columns()),
                          tuple(PeriodRow(p, self.consolidations[p].total) for p in self.periods))
        rate_columns = [Column(p.label, (lambda row, p=p: row.rates.get(p)), kind="rate") for p in self.periods]
        grid = Table("Tỷ lệ theo đảng bộ", "ty-le-theo-dang-bo",
                     (Column("Đảng bộ", lambda row: row.label), *rate_columns), tuple(self.rate_rows()))
        return [by_period, grid]

    def rate_rows(self) -> list[RateRow]:
        rows = [RateRow(PROVINCE_ROW, {p: self.consolidations[p].total.rate for p in self.periods},
                        {p: self.consolidations[p].total for p in self.periods})]
        for org in self.order:
            tallies = {p: dict(self.consolidations[p].by_organization).get(org) for p in self.periods}
            if any(tallies.values()):
                rows.append(RateRow(self.org_name(org), {p: t.rate for p, t in tallies.items() if t}, tallies))
        return rows

    # -- the dashboard

    @cached_property
    def now(self) -> list[Period]:
        return [containing(self.as_of, "Q"), containing(self.as_of, "H")]

    def dashboard_tables(self) -> list[Table]:
        now = set(self.now)
        current = [o for m in sorted(self.evaluation.by_member, key=lambda m: name_key(self.member_name(m)))
                   for o in self.evaluation.by_member[m] if o.period in now]
        summary = [Group(p.label, self.consolidations[p].total if p in self.consolidations else
                         compliance.consolidate(self.province, self.evaluation, self.groups, p, self.order).total,
                         paths.consolidated_page(p) if p in self.consolidations else None)
                   for p in self.now]
        behind = [Behind(p, m, found) for p in self.now for m, found in compliance.nothing_done(self.evaluation, p)]
        behind.sort(key=lambda b: (b.period.sort_key(), name_key(self.member_name(b.member))))
        reports = sorted((o for found in self.evaluation.by_member.values() for o in found
                          if o.rule.kind == "report" and o.status in ("missed", "late")),
                         key=lambda o: (-o.period.start.toordinal(), name_key(self.member_name(o.member))))
        label = Column("Kỳ", lambda g: g.label,
                       cell=lambda g, page: (Markup(f"[{md(g.label)}]({paths.relative(page, g.link)})")
                                             if g.link else Markup(md(g.label))))
        behind_columns = (
            Column("Đồng chí", lambda b: self.member_name(b.member),
                   cell=lambda b, page: self.words.member_link(page, b.member)),
            Column("Vai trò", lambda b: "; ".join(dict.fromkeys(vi.ROLES_SHORT[RULE_ROLE[o.rule.code]]
                                                               for o in b.obligations)), filter=True),
            Column("Đảng bộ", lambda b: self.orgs_text(self.groups.of_member(b.obligations)),
                   cell=lambda b, page: self.orgs_cell(self.groups.of_member(b.obligations)), filter=True),
            Column("Kỳ", lambda b: b.period.label, filter=True),
            Column("Còn lại (ngày)", lambda b: compliance.days_left(self.as_of, b.period), kind="count"),
            Column("Nghĩa vụ chưa thực hiện", lambda b: "; ".join(
                f"{o.rule.code} {o.period.label}: {vi.STATUSES[o.status]}" for o in b.obligations)),
            Column("Lịch đã bố trí", lambda b: "; ".join(self.note(o) for o in b.obligations if o.planned_by)),
        )
        report_columns = (
            *self.obligation_columns()[:5],
            Column("Hạn", lambda o: o.due, kind="date"),
            Column("Trạng thái", lambda o: vi.STATUSES[o.status], cell=lambda o, page: badge(o), filter=True),
            Column("Ngày gửi", lambda o: self.province.reports[o.met_by].submitted if o.met_by else None, kind="date"),
        )
        return [
            Table("Tóm tắt", "tom-tat", (label, *self.tally_columns()), tuple(summary)),
            Table("Nghĩa vụ kỳ này", "nghia-vu", self.obligation_columns(), tuple(current)),
            Table("Chưa thực hiện gì", "chua-thuc-hien", behind_columns, tuple(behind)),
            Table("Báo cáo thiếu, muộn", "bao-cao", report_columns, tuple(reports)),
        ]

    # -- grievances

    def grievance_tables(self) -> list[Table]:
        lines = compliance.grievance_lines(self.province, self.groups, self.as_of)
        open_lines = tuple(g for g in lines if g.status != "resolved")
        done = tuple(g for g in lines if g.status == "resolved")
        common = (
            Column("Mã", lambda g: g.id),
            Column("Nội dung", lambda g: g.summary),
            Column("Đồng chí nêu", lambda g: self.member_name(g.member),
                   cell=lambda g, page: self.words.member_link(page, g.member)),
            Column("Ngày nêu", lambda g: g.raised, kind="date"),
            Column("Nơi nêu", lambda g: self.words.place_text(g.place)),
            Column("Đảng bộ", lambda g: self.org_name(g.organization), filter=True),
            Column("Cơ quan có thẩm quyền", lambda g: g.authority, filter=True),
            Column("Ngày thông báo", lambda g: g.notified, kind="date"),
            Column("Gửi VPTU", lambda g: g.vptu_notified, kind="date"),
        )
        status = Column("Tình trạng", lambda g: vi.GRIEVANCE_STATUSES[g.status], filter=True,
                        cell=lambda g, page: Markup(f'<span class="status status-grievance-{g.status}">')
                        + md(vi.GRIEVANCE_STATUSES[g.status]) + Markup("</span>"))
        counts = compliance.grievances_by_organization(lines, self.order)
        return [
            Table("Đang theo dõi", "dang-theo-doi",
                  (*common, status, Column("Số ngày", lambda g: g.days, kind="count"),
                   Column("Kết quả đến nay", lambda g: g.resolution)), open_lines),
            Table("Đã giải quyết", "da-giai-quyet",
                  (*common, Column("Ngày giải quyết", lambda g: g.resolved, kind="date"),
                   Column("Số ngày đến khi giải quyết", lambda g: g.days, kind="count"),
                   Column("Kết quả", lambda g: g.resolution)), done),
            Table("Theo đảng bộ", "theo-dang-bo", (
                Column("Đảng bộ", lambda c: self.org_name(c.organization)),
                Column("Chưa giải quyết", lambda c: c.open, kind="count"),
                Column("Đang giải quyết", lambda c: c.in_progress, kind="count"),
                Column("Đã giải quyết", lambda c: c.resolved, kind="count"),
                Column("Lâu nhất chưa xong (ngày)", lambda c: c.oldest_open, kind="count"),
                Column("Trung bình đến khi giải quyết (ngày)", lambda c: c.mean_to_resolve, kind="days"),
            ), tuple(counts)),
        ]

    # -- warnings

    def warning_tables(self) -> list[Table]:
        member_of = {"attendance.yml": self.province.attendance, "visits.yml": self.province.visits,
                     "reports.yml": self.province.reports}
        return [Table("Bản ghi không được tính", "ban-ghi", (
            Column("Tệp", lambda w: f"data/{w.file}", filter=True),
            Column("Mã bản ghi", lambda w: w.record),
            Column("Đồng chí", lambda w: self.member_name(member_of[w.file][w.record].member),
                   cell=lambda w, page: self.words.member_link(page, member_of[w.file][w.record].member)),
            Column("Lý do", lambda w: w.message),
        ), tuple(self.site.warnings))]

    # -- everything

    def render(self, out: Output) -> None:
        """Add the Board's pages to `out`, and defer its files (exports, charts, drafts) until the engine runs."""

        def page(path: str, template: str, stem: str, tables: list[Table], title: str, **context) -> None:
            out.add(path, self.env.get_template(template).render(page=path, tables=tables, stem=stem, title=title,
                                                                 **context))
            folder = path.rsplit("/", 1)[0]
            out.defer(f"{folder}/{stem}.xlsx", lambda: spreadsheets.xlsx_bytes(tables, title, self.as_of))
            for t in tables:
                out.defer(f"{folder}/{stem}-{t.slug}.csv", lambda t=t: spreadsheets.csv_bytes(t))

        page(paths.DASHBOARD, "bang-tong-hop.md", "bang-tong-hop", self.dashboard_tables(),
             f"Bảng tổng hợp đến ngày {vi.day(self.as_of)}", now=self.now)
        overview = self.overview_tables()
        years = sorted({p.year for p in self.periods}, reverse=True)
        page(paths.CONSOLIDATED, "tong-hop.md", "tong-hop", overview, "Tổng hợp theo kỳ",
             periods=self.periods, charts=[(year, Markup(f"ty-le-{year}.svg")) for year in years])
        for year in years:
            out.defer(f"tong-hop/ty-le-{year}.svg", lambda year=year: self.rate_chart(year))
        for p in self.periods:
            c = self.consolidations[p]
            stem = paths.period_slug(p)
            title = f"Tổng hợp {p.label if p.kind != 'Y' else f'năm {p.year}'}"
            page(paths.consolidated_page(p), "tong-hop-ky.md", stem, self.consolidation_tables(c),
                 title, c=c, chart=Markup(f"{stem}.svg"))
            out.defer(f"tong-hop/{stem}.svg", lambda c=c: self.period_chart(c))
        page(paths.GRIEVANCES, "van-de.md", "van-de", self.grievance_tables(), "Vấn đề bức xúc của nhân dân")
        page(paths.WARNINGS, "canh-bao.md", "canh-bao", self.warning_tables(), "Bản ghi không được tính")
        self.drafts(out)

    def drafts(self, out: Output) -> None:
        """A draft report per reporting obligation, as a printable page and a .docx, made later."""
        template = printable(self.site)
        word = drafts.Word(self.as_of)
        drafter = drafts.Drafter(self.province, self.site.tree, self.evaluation)
        made: dict = {}

        def draft(o: Obligation) -> drafts.Draft:
            if o not in made:
                made[o] = drafter.draft(o)
            return made[o]

        for o in drafter.reporting():
            path, docx = paths.draft_page(o.member, o.period), paths.draft_file(o.member, o.period)
            out.defer(path, lambda o=o, path=path, docx=docx: template.render(
                d=draft(o), member=self.province.members[o.member], docx=paths.relative(path, docx),
                member_page=paths.html(paths.relative(path, paths.member_page(o.member))),
                regulation=paths.html(paths.relative(path, paths.REGULATION)) + "#dieu-3-khoan-3"))
            out.defer(docx, lambda o=o: word.write(draft(o)))

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
        rows += [charts.Series(self.org_name(o), (t,)) for o, t in c.by_organization]
        suffix = f", đến ngày {vi.day(self.as_of)}" if c.running else ""
        return charts.bars(f"{c.period.label}: nghĩa vụ theo đảng bộ{suffix}", rows)


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


@dataclass(frozen=True)
class Behind:
    period: Period
    member: str
    obligations: tuple[Obligation, ...]


def two_lines(p: Period) -> tuple[str, str]:
    """A period's name in two short lines for a chart's column: “6 tháng đầu” / “2026”."""
    if p.kind == "Q":
        return f"Quý {p.label.split()[1].split('/')[0]}", str(p.year)
    if p.kind == "H":
        return f"6 tháng {'đầu' if p.index == 1 else 'cuối'}", str(p.year)
    return "Năm", str(p.year)


def downloads(page: str, stem: str) -> Markup:
    folder_file = paths.relative(page, page.rsplit("/", 1)[0] + f"/{stem}.xlsx")
    return Markup(f'<span class="download">[Tải về Excel (.xlsx)]({folder_file})</span>')


def csv_link(page: str, stem: str, table: Table) -> Markup:
    target = paths.relative(page, page.rsplit("/", 1)[0] + f"/{stem}-{table.slug}.csv")
    return Markup(f'<span class="download">[Tải bảng này (.csv)]({target})</span>')


def printable(site: Site):
    """The template of a draft's printable page: plain HTML, outside the site engine, escaped as HTML."""
    env = Environment(loader=PackageLoader("generator.render"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(day=vi.day)
    env.globals.update(vi=vi, site=site, province=site.province, sample_notice=vi.SAMPLE_NOTICE)
    return env.get_template("bao-cao.html")


def render(site: Site, out: Output) -> None:
    Board(site).render(out)
