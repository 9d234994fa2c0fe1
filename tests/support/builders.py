"""A small province built directly in Python, for rule tests that read like the worked examples."""

from __future__ import annotations

from datetime import date, time

from generator.feeds.contents import Feed, feeds, horizon
from generator.model import (
    Area,
    Assignment,
    Attendance,
    Cell,
    Member,
    Organization,
    Province,
    Report,
    Role,
    Schedule,
    Settings,
    Visit,
)
from generator.model.tree import Tree
from generator.rules.obligations import evaluate

MONTHLY_5TH = Schedule(time=time(19, 30), duration=120, day=5)
QUARTERLY_15TH = Schedule(time=time(8, 0), duration=120, day=15, months=(1, 4, 7, 10))

ORGANIZATIONS = [
    Organization("thanh-pho", "Đảng bộ thành phố", "thanh-pho", None),
    Organization("phuong-1", "Đảng bộ phường 1", "phuong", "thanh-pho"),
    Organization("huyen-a", "Đảng bộ huyện A", "huyen", None),
    Organization("xa-a1", "Đảng bộ xã A1", "xa", "huyen-a"),
    Organization("cong-an", "Đảng bộ Công an tỉnh", "cong-an", None),
    Organization("khoi", "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh", "khoi", None),
    Organization("so-y-te", "Đảng bộ Sở Y tế", "co-so", "khoi"),
]


def cell(id, org, residential=True, area=None, schedule=MONTHLY_5TH, changes=()):
    return Cell(id, f"Chi bộ {id}", org, None, schedule, changes, residential, area)


CELLS = [
    cell("cb-to-1", "phuong-1", area="to-1"),
    cell("cb-to-2", "phuong-1"),
    cell("cb-thon-1", "xa-a1"),
    cell("cb-thon-2", "xa-a1"),
    cell("cb-truong", "xa-a1", residential=False),
    cell("cb-ca-1", "cong-an", residential=False),
    cell("cb-so-1", "so-y-te", residential=False),
]
AREAS = [Area("to-1", "Tổ dân phố 1", "phuong-1", None, QUARTERLY_15TH, ())]


def btv(id, since=date(2025, 10, 1), until=None, home="cb-to-1", area="to-1") -> Member:
    return Member(id, id, None, (Role("bch", since, until), Role("btv", since, until)), home, area)


def bch(id, since=date(2025, 10, 1), until=None, home="cb-to-1", area="to-1", btv_from=None) -> Member:
    roles = (Role("bch", since, until),) + ((Role("btv", btv_from, until),) if btv_from else ())
    return Member(id, id, None, roles, home, area)


def assign(member, org, kind, start=date(2025, 10, 15), end=None) -> Assignment:
    return Assignment(f"pc-{member}-{org}-{start}", member, org, kind, start, end, ())


def went(member, place, day, area=False) -> Attendance:
    return Attendance(f"dsh-{member}-{place}-{day}", member, None if area else place, place if area else None,
                      day, None, None, None, None, None)


def visit(member, place, day, status="confirmed") -> Visit:
    return Visit(f"lich-{member}-{place}-{day}", member, place, None, day, None, status, None, None)


def report(member, period, submitted) -> Report:
    return Report(f"bc-{member}-{period}", member, period, submitted, None)


def province(members, assignments=(), attendance=(), visits=(), reports=(), cells=CELLS,
             effective=date(2026, 1, 1)) -> Province:
    def table(items):
        return {item.id: item for item in items}

    settings = Settings("Tỉnh Thử", False, "Asia/Ho_Chi_Minh", effective, "https://example.test/", 12)
    return Province(settings, table(ORGANIZATIONS), table(AREAS), table(cells), table(members),
                    table(assignments), table(attendance), table(visits), table(reports), {})


def feeds_as_of(p: Province, as_of: date) -> list[Feed]:
    """Every feed of `p`, evaluated as a build does: to the end of the feeds' horizon."""
    tree = Tree(p)
    return feeds(p, tree, evaluate(p, as_of, tree, until=horizon(as_of, p.settings.feed_horizon_months)[1]))
