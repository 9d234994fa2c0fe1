"""The Board's pages about records: grievances followed until resolved (khoản 1 Điều 3), and records
that cannot count."""

from __future__ import annotations

from markupsafe import Markup

from ...model import vi
from ...rules import compliance
from ...site import paths
from ..markup import md
from ...site.tables import Column, Table
from .common import Produced, Shared


def grievance_tables(s: Shared) -> list[Table]:
    lines = compliance.grievance_lines(s.province, s.groups, s.as_of)
    open_lines = tuple(g for g in lines if g.status != "resolved")
    done = tuple(g for g in lines if g.status == "resolved")
    common = (
        Column("Mã", lambda g: g.id),
        Column("Nội dung", lambda g: g.summary),
        s.member_column(lambda g: g.member),
        Column("Ngày nêu", lambda g: g.raised, kind="date"),
        Column("Nơi nêu", lambda g: s.words.place_text(g.place)),
        Column("Đảng bộ", lambda g: s.org_name(g.organization), filter=True),
        Column("Cơ quan có thẩm quyền", lambda g: g.authority, filter=True),
        Column("Ngày thông báo", lambda g: g.notified, kind="date"),
        Column("Gửi VPTU", lambda g: g.vptu_notified, kind="date"),
    )
    status = Column("Tình trạng", lambda g: vi.GRIEVANCE_STATUSES[g.status], filter=True,
                    cell=lambda g, page: Markup(f'<span class="status status-grievance-{g.status}">')
                    + md(vi.GRIEVANCE_STATUSES[g.status]) + Markup("</span>"))
    counts = compliance.grievances_by_organization(lines, s.order)
    return [
        Table("Đang theo dõi", "dang-theo-doi",
              (*common, status, Column("Số ngày", lambda g: g.days, kind="count"),
               Column("Kết quả đến nay", lambda g: g.resolution)), open_lines),
        Table("Đã giải quyết", "da-giai-quyet",
              (*common, Column("Ngày giải quyết", lambda g: g.resolved, kind="date"),
               Column("Số ngày đến khi giải quyết", lambda g: g.days, kind="count"),
               Column("Kết quả", lambda g: g.resolution)), done),
        Table("Theo đảng bộ", "theo-dang-bo", (
            Column("Đảng bộ", lambda c: s.org_name(c.organization)),
            Column("Chưa giải quyết", lambda c: c.open, kind="count"),
            Column("Đang giải quyết", lambda c: c.in_progress, kind="count"),
            Column("Đã giải quyết", lambda c: c.resolved, kind="count"),
            Column("Lâu nhất chưa xong (ngày)", lambda c: c.oldest_open, kind="count"),
            Column("Trung bình đến khi giải quyết (ngày)", lambda c: c.mean_to_resolve, kind="days"),
        ), tuple(counts)),
    ]


def warning_tables(s: Shared) -> list[Table]:
    member_of = {"attendance.yml": s.province.attendance, "visits.yml": s.province.visits,
                 "reports.yml": s.province.reports}
    return [Table("Bản ghi không được tính", "ban-ghi", (
        Column("Tệp", lambda w: f"data/{w.file}", filter=True),
        Column("Mã bản ghi", lambda w: w.record),
        s.member_column(lambda w: member_of[w.file][w.record].member),
        Column("Lý do", lambda w: w.message),
    ), tuple(s.site.warnings))]


def produce(s: Shared) -> Produced:
    yield from s.page(paths.GRIEVANCES, "van-de.md", "van-de", grievance_tables(s), "Vấn đề bức xúc của nhân dân",
                      "Vấn đề bức xúc của nhân dân")
    yield from s.page(paths.WARNINGS, "canh-bao.md", "canh-bao", warning_tables(s), "Bản ghi không được tính",
                      "Bản ghi không được tính")
