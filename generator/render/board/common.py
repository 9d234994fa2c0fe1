"""What every Board page shares: words about organizations and members, columns, and the page writer.

Each table is a `tables.Table` that the page shows and the CSV and XLSX files export, so page and
file are the same rows. Every download carries the as-of date in its name
(`bang-tong-hop-2026-11-25.xlsx`), so two days' files do not overwrite each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markupsafe import Markup

from ...exports import spreadsheets
from ...model import vi
from ...rules import compliance
from ...rules.compliance import RULE_ROLE, UNASSIGNED, Tally
from ...rules.obligations import RULES, Obligation
from ...site import paths
from ..markup import md
from ...site.context import Site
from ..pages import Words, badge, environment
from ...site.tables import Column, Table, percent
from ..tables import markdown

NOT_ASSIGNED = "Chưa được phân công"
PROVINCE_ROW = "Toàn tỉnh"

Produced = Iterator[tuple[str, "str | bytes | Callable[[], str | bytes]"]]


@dataclass(frozen=True)
class Group:
    """A row of counts with a label: a period, a rule, an organization, a role or the province."""

    label: str
    tally: Tally
    link: str | None = None  # a page to link the label to


class Shared:
    """The site, its Board-wide indexes, and the phrases every Board table uses."""

    def __init__(self, site: Site):
        self.site, self.province, self.evaluation = site, site.province, site.evaluation
        self.as_of = site.as_of
        self.words = Words(site)
        self.groups = compliance.Groups(self.province, site.tree)
        self.order = list(site.tree.roots) + [UNASSIGNED]
        self.env = environment(site)
        self.env.globals.update(data_table=markdown, downloads=self.downloads, csv_link=self.csv_link,
                                compliance=compliance, near_end_days=compliance.NEAR_END_DAYS,
                                rules=list(RULES.values()), count_rows=lambda t: len(t.rows),
                                board_percent=lambda t: percent(t.rate) if t.rate is not None else "—")

    # -- words

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

    @staticmethod
    def owed(o: Obligation) -> str:
        """R1: Báo cáo kết quả dự sinh hoạt (6 tháng), 6 tháng cuối năm 2026"""
        return f"{o.rule.code}: {o.rule.title}, {o.period.label}"

    # -- columns

    def member_column(self, member: Callable) -> Column:
        return Column("Đồng chí", lambda row: self.member_name(member(row)),
                      cell=lambda row, page: self.words.member_link(page, member(row)))

    def orgs_column(self, orgs: Callable) -> Column:
        return Column("Đảng bộ", lambda row: self.orgs_text(orgs(row)),
                      cell=lambda row, page: self.orgs_cell(orgs(row)), filter=True)

    def obligation_columns(self) -> tuple[Column, ...]:
        return (
            self.member_column(lambda o: o.member),
            Column("Vai trò", lambda o: vi.ROLES_SHORT[RULE_ROLE[o.rule.code]], filter=True),
            self.orgs_column(self.groups.of),
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

    @staticmethod
    def label_column(title: str) -> Column:
        """A row's label, linked to its page when it has one."""
        return Column(title, lambda g: g.label,
                      cell=lambda g, page: (Markup(f"[{md(g.label)}]({paths.relative(page, g.link)})")
                                            if g.link else Markup(md(g.label))))

    # -- files

    def file_name(self, stem: str, extension: str, slug: str = "") -> str:
        """bang-tong-hop-2026-11-25.xlsx, bang-tong-hop-nghia-vu-2026-11-25.csv"""
        return f"{stem}{'-' + slug if slug else ''}-{self.as_of.isoformat()}.{extension}"

    def downloads(self, page: str, stem: str) -> Markup:
        target = paths.relative(page, folder(page) + self.file_name(stem, "xlsx"))
        return Markup(f'<span class="download">[Tải về Excel (.xlsx)]({target})</span>')

    def csv_link(self, page: str, stem: str, table: Table) -> Markup:
        target = paths.relative(page, folder(page) + self.file_name(stem, "csv", table.slug))
        return Markup(f'<span class="download">[Tải bảng này (.csv)]({target})</span>')

    def page(self, path: str, template: str, stem: str, tables: list[Table], title: str, what: str,
             **context) -> Produced:
        """A page, its workbook (a sheet per table, titled `what`) and a CSV per table."""
        yield path, self.env.get_template(template).render(page=path, tables=tables, stem=stem, title=title,
                                                           **context)
        place = self.province.settings.province
        yield (folder(path) + self.file_name(stem, "xlsx"),
               lambda: spreadsheets.xlsx_bytes(tables, what, self.as_of, place))
        for t in tables:
            yield folder(path) + self.file_name(stem, "csv", t.slug), lambda t=t: spreadsheets.csv_bytes(t)


def folder(page: str) -> str:
    """The folder of a page, with its slash: "bang-tong-hop/"."""
    return page.rsplit("/", 1)[0] + "/" if "/" in page else ""
