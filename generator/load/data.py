"""Read `data/*.yml`, validate everything, and build the model, or report every problem at once.

Reading happens in two passes. First each file is read on its own against its
schema (syntax, keys, types, dates, ids). Then the files are checked against
each other (references, duplicates, the organization tree, roles and
assignments, schedules). Only when nothing is wrong is the model built.
"""

from __future__ import annotations

import difflib
import zoneinfo
from datetime import date
from pathlib import Path

from .. import model
from ..model import periods, schedule, vi
from . import yamlread
from .fields import INVALID, Bail, Rec
from .problems import Collector, DataError, Problem
from .schema import FILES, NO_RESIDENTIAL_KINDS, OPTIONAL_FILES, WEEKDAYS

FAR = date(9999, 12, 31)
UTC = zoneinfo.ZoneInfo("UTC")
WEEKDAY_NUMBERS = {name: number for number, name in enumerate(WEEKDAYS)}


def load(data_dir: Path, fast: bool = True) -> model.Province:
    """The validated province in `data_dir`; raises DataError listing every problem.

    Files read fast carry no positions: when the files disagree with each other, they
    are all read again the exact way, so that every problem has its line and column.
    """
    data = Data(data_dir, fast)
    problems = data.run()
    if problems and data.without_positions:
        data = Data(data_dir, fast=False)
        problems = data.run()
    if problems:
        raise DataError(problems)
    return data.build()


def display_path(path: Path) -> str:
    """The path as the editor knows it: relative to the current folder when inside it."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(absolute)


class Data:
    def __init__(self, data_dir: Path, fast: bool):
        self.dir = data_dir
        self.fast = fast
        self.without_positions: list[str] = []
        self.out: dict[str, Collector] = {}
        self.recs: dict[str, list[Rec]] = {}
        self.settings: Rec = Rec(None, {})
        self.role_spans: dict[str, dict[str, list[periods.Span]]] = {}

    def problems(self) -> list[Problem]:
        return [p for c in self.out.values() for p in c.problems]

    def run(self) -> list[Problem]:
        self.read_files()
        if not self.problems():
            self.cross_check()
        return self.problems()

    # -- pass 1: each file on its own

    def read_files(self) -> None:
        for name in FILES:
            path = self.dir / f"{name}.yml"
            out = self.out[name] = Collector(display_path(path))
            if not path.is_file():
                if name not in OPTIONAL_FILES:
                    out.add(None, "", None, f"thiếu tệp {name}.yml trong thư mục dữ liệu")
                self.recs[name] = []
                continue
            value = self.read(name, path, out)
            if name == "settings":
                self.settings = value if value is not INVALID else Rec(None, {})
            else:
                self.recs[name] = value if value is not INVALID else []

    def read(self, name: str, path: Path, out: Collector):
        text = yamlread.source(path, out.file, out)
        if text is None:
            return INVALID
        shape = FILES[name]
        if self.fast:
            parsed = yamlread.parse_fast(text)
            if parsed is not yamlread.NOT_FAST:
                try:
                    value = shape.fast(parsed)
                except Bail:
                    pass
                else:
                    self.without_positions.append(name)
                    return value
        node = yamlread.compose(text, out.file, out)
        return INVALID if node is None else shape.read(node, "", out)

    # -- pass 2: the files against each other

    def cross_check(self) -> None:
        self.ids = {name: self.unique_ids(name) for name in FILES if name != "settings"}
        self.check_settings()
        self.check_references()
        if self.problems():
            return  # the checks below follow references, which must all resolve
        self.check_organizations()
        if self.problems():
            return  # a cycle would make every walk up the tree endless
        self.children: dict[str, list[str]] = {}
        for rec in self.recs["organizations"]:
            if rec.get("parent"):
                self.children.setdefault(rec["parent"], []).append(rec["id"])
        self.places = {"areas": {r["id"]: self.area(r) for r in self.recs["areas"]},
                       "cells": {r["id"]: self.cell(r) for r in self.recs["cells"]}}
        for name in ("areas", "cells"):
            for rec in self.recs[name]:
                self.check_schedule(name, rec)
        self.check_cells()
        self.check_members()
        self.check_assignments()
        self.check_records()

    def add(self, name: str, rec: Rec, key: str, value, expected: str, mark=None) -> None:
        """Record a problem with `key` (dotted) of `rec`, placed at the deepest position known."""
        if mark is None:
            mark, inner = rec.mark, rec
            for part in key.split(".") if key else ():
                if not isinstance(inner, Rec):
                    break
                mark, inner = inner.at(part), inner.get(part)
        prefix = rec.get("id", "")
        path = f"{prefix}.{key}" if prefix and key else prefix or key
        self.out[name].add(mark, path, None if value is None else text(value), expected)

    def unique_ids(self, name: str) -> dict[str, Rec]:
        seen: dict[str, Rec] = {}
        for rec in self.recs[name]:
            first = seen.get(rec["id"])
            if first is not None:
                where = first.at("id")  # None when read fast: the problem is then found again with positions
                line = where.line + 1 if where else "?"
                self.out[name].add(rec.at("id"), "id", rec["id"],
                                   f"mã bị trùng với mục ở dòng {line}; mỗi mã chỉ dùng một lần")
            else:
                seen[rec["id"]] = rec
        return seen

    def check_settings(self) -> None:
        tz = self.settings.get("timezone")
        if tz is not None:
            try:
                zoneinfo.ZoneInfo(tz)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                self.add("settings", self.settings, "timezone", tz,
                         "múi giờ không có; dùng tên IANA, ví dụ Asia/Ho_Chi_Minh")

    REFERENCES = {
        "organizations": (("parent", "organizations"),),
        "areas": (("organization", "organizations"),),
        "cells": (("organization", "organizations"), ("area", "areas")),
        "members": (("residence.cell", "cells"), ("residence.area", "areas")),
        "assignments": (("member", "members"), ("organization", "organizations"), ("host_cells", "cells")),
        "attendance": (("member", "members"), ("cell", "cells"), ("area", "areas")),
        "visits": (("member", "members"), ("cell", "cells"), ("area", "areas")),
        "reports": (("member", "members"),),
        "grievances": (("member", "members"), ("attendance", "attendance")),
    }

    def check_references(self) -> None:
        for name, refs in self.REFERENCES.items():
            for rec in self.recs[name]:
                for key, target in refs:
                    for value in self.values(rec, key):
                        if value not in self.ids[target]:
                            self.add(name, rec, key, value, unknown_id(value, target, self.ids[target]))

    @staticmethod
    def values(rec: Rec, key: str) -> list[str]:
        head, _, tail = key.partition(".")
        value = rec.get(head)
        if tail:
            value = value.get(tail) if value else None
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    def check_organizations(self) -> None:
        orgs = self.ids["organizations"]
        reported: set[str] = set()
        for start in orgs:
            chain, current = [], start
            while current is not None and current not in chain:
                chain.append(current)
                current = orgs[current].get("parent")
            if current is not None and current not in reported:
                cycle = chain[chain.index(current):]
                reported.update(cycle)
                self.add("organizations", orgs[current], "parent", orgs[current]["parent"],
                         "cây đảng bộ bị vòng lặp: " + " → ".join(cycle + [current])
                         + "; một đảng bộ không thể nằm dưới chính nó")

    def no_residential_ancestor(self, org: str) -> str | None:
        """The nearest organization at or above `org` whose kind has no residential areas."""
        orgs = self.ids["organizations"]
        while org is not None:
            if orgs[org]["kind"] in NO_RESIDENTIAL_KINDS:
                return org
            org = orgs[org].get("parent")
        return None

    def check_schedule(self, name: str, rec: Rec) -> None:
        shape = self.places[name][rec["id"]].schedule
        if shape.start and shape.until and shape.start > shape.until:
            self.add(name, rec, "schedule.until", shape.until, "ngày kết thúc lịch phải sau ngày bắt đầu (from)")
            return
        if shape.start and shape.until and not schedule.regular_dates(shape, shape.start, shape.until):
            self.add(name, rec, "schedule", None,
                     "lịch không bao giờ có cuộc họp nào giữa “from” và “until”; hãy kiểm tra ngày, tháng")
        seen: set[date] = set()
        for change in rec.get("exceptions", []):
            when = change["date"]
            found = []
            if when in seen:
                found.append("ngày này đã có một thay đổi khác; gộp lại thành một")
            seen.add(when)
            if not schedule.is_regular(shape, when):
                found.append("ngày này không có cuộc họp theo lịch nên không thể dời hay hủy; ghi đúng ngày họp theo lịch")
            moves = "moved_to" in change or "time" in change
            if change.get("cancelled") and moves:
                found.append("cuộc họp hoặc bị hủy (cancelled) hoặc được dời (moved_to, time), không thể cả hai")
            elif not change.get("cancelled") and not moves:
                found.append("cần “cancelled: true” hoặc “moved_to”/“time” để nói cuộc họp thay đổi thế nào")
            elif change.get("moved_to") == when and "time" not in change:
                found.append("ngày dời đến trùng ngày cũ; bỏ “moved_to” hoặc ghi giờ mới (time)")
            for expected in found:
                self.add(name, rec, f"exceptions[{vi.day(when)}]", when, expected, mark=change.mark)

    def check_cells(self) -> None:
        areas = self.ids["areas"]
        for rec in self.recs["areas"]:
            blocker = self.no_residential_ancestor(rec["organization"])
            if blocker:
                self.add("areas", rec, "organization", rec["organization"],
                         f"khu dân cư không thể thuộc {blocker} (loại đảng bộ không có khu dân cư)")
        for rec in self.recs["cells"]:
            if not rec["residential"]:
                if "area" in rec:
                    self.add("cells", rec, "area", rec["area"],
                             "chỉ chi bộ khu dân cư (residential: true) mới có khu dân cư")
                continue
            blocker = self.no_residential_ancestor(rec["organization"])
            if blocker:
                self.add("cells", rec, "residential", True,
                         f"đảng bộ {blocker} không có khu dân cư nên không có chi bộ khu dân cư; ghi residential: false")
            if "area" in rec and areas[rec["area"]]["organization"] not in self.lineage(rec["organization"]):
                self.add("cells", rec, "area", rec["area"],
                         f"khu dân cư này thuộc {areas[rec['area']]['organization']}, "
                         f"không thuộc đảng bộ của chi bộ ({rec['organization']}) hay cấp trên của nó")

    def lineage(self, org: str | None) -> list[str]:
        chain = []
        while org is not None:
            chain.append(org)
            org = self.ids["organizations"][org].get("parent")
        return chain

    def check_members(self) -> None:
        cells = self.ids["cells"]
        for rec in self.recs["members"]:
            spans: dict[str, list] = {"bch": [], "btv": []}
            for number, role in enumerate(rec["roles"], 1):
                start, end = role["from"], role.get("to", FAR)
                if start > end:
                    self.add("members", rec, f"roles[{number}].to", role["to"], "ngày kết thúc phải sau ngày bắt đầu",
                             mark=role.at("to"))
                    continue
                if any(a <= end and start <= b for a, b in spans[role["role"]]):
                    self.add("members", rec, f"roles[{number}]", role["role"],
                             "hai khoảng thời gian của cùng một vai trò chồng lên nhau", mark=role.mark)
                spans[role["role"]].append((start, end))
            for start, end in periods.subtract(spans["btv"], spans["bch"]):
                self.add("members", rec, "roles", "btv",
                         f"là Ủy viên BTV {period_text(start, end)} nhưng không có vai trò Ủy viên BCH "
                         "trong thời gian đó; Ủy viên BTV phải là Ủy viên BCH")
            residence = rec["residence"]
            cell = cells.get(residence.get("cell"))
            if cell is not None and not cell["residential"]:
                self.add("members", rec, "residence.cell", cell["id"],
                         "nơi cư trú phải là chi bộ khu dân cư (residential: true)")
            if cell is not None and "area" in residence and cell.get("area", residence["area"]) != residence["area"]:
                self.add("members", rec, "residence.area", residence["area"],
                         f"chi bộ nơi cư trú {cell['id']} thuộc khu dân cư {cell['area']}, không phải khu này")
            self.role_spans[rec["id"]] = spans

    def check_assignments(self) -> None:
        cells = self.ids["cells"]
        for rec in self.recs["assignments"]:
            start, end = rec["from"], rec.get("to", FAR)
            if start > end:
                self.add("assignments", rec, "to", rec["to"], "ngày kết thúc phải sau ngày bắt đầu")
                continue
            role = "btv" if rec["kind"] == "phu-trach" else "bch"
            spans = self.role_spans[rec["member"]][role]
            for a, b in periods.subtract([(start, end)], spans):
                self.add("assignments", rec, "from", rec["from"],
                         f"{period_text(a, b)} đồng chí không là Ủy viên {role.upper()}; "
                         f"phân công “{rec['kind']}” phải nằm trong thời gian giữ vai trò đó")
            subtree = None
            for host in rec.get("host_cells", []):
                if subtree is None:
                    subtree = self.subtree(rec["organization"])
                if cells[host]["organization"] not in subtree:
                    self.add("assignments", rec, "host_cells", host,
                             f"chi bộ này không thuộc đảng bộ {rec['organization']}")

    def subtree(self, org: str) -> set[str]:
        found, stack = set(), [org]
        while stack:
            current = stack.pop()
            found.add(current)
            stack.extend(self.children.get(current, []))
        return found

    def check_records(self) -> None:
        for rec in self.recs["visits"]:
            if "time" not in rec:
                place = self.place(rec)
                if schedule.meeting_on(place, rec["date"], UTC) is None:
                    self.add("visits", rec, "date", rec["date"],
                             f"ngày này {place.id} không họp theo lịch; ghi giờ (time) nếu đã hẹn riêng")
        for rec in self.recs["reports"]:
            if periods.parse(rec["period"]) is None or rec["period"].endswith("Y"):
                self.add("reports", rec, "period", rec["period"],
                         "kỳ báo cáo dạng 2026-Q1 … 2026-Q4 (quý) hoặc 2026-H1, 2026-H2 (6 tháng)")
        attendance = self.ids["attendance"]
        for rec in self.recs["grievances"]:
            meeting = attendance[rec["attendance"]]
            if meeting["member"] != rec["member"]:
                self.add("grievances", rec, "attendance", rec["attendance"],
                         f"buổi dự sinh hoạt này là của {meeting['member']}, không phải của {rec['member']}")
            if rec["notified"] < meeting["date"]:
                self.add("grievances", rec, "notified", rec["notified"],
                         f"ngày thông báo trước ngày nêu vấn đề ({vi.day(meeting['date'])})")
            if (rec["status"] == "resolved") != ("resolved" in rec):
                self.add("grievances", rec, "resolved", rec.get("resolved"),
                         "ghi ngày giải quyết (resolved) khi và chỉ khi status: resolved")
            elif "resolved" in rec and rec["resolved"] < rec["notified"]:
                self.add("grievances", rec, "resolved", rec["resolved"], "ngày giải quyết trước ngày thông báo")

    def place(self, rec: Rec) -> model.Place:
        return self.places["cells"][rec["cell"]] if "cell" in rec else self.places["areas"][rec["area"]]

    @staticmethod
    def area(r: Rec) -> model.Area:
        return model.Area(r["id"], r["name"], r["organization"], r.get("location"), schedule_of(r["schedule"]),
                          changes_of(r))

    @staticmethod
    def cell(r: Rec) -> model.Cell:
        return model.Cell(r["id"], r["name"], r["organization"], r.get("location"), schedule_of(r["schedule"]),
                          changes_of(r), r["residential"], r.get("area"))

    # -- build the model

    def build(self) -> model.Province:
        s = self.settings
        settings = model.Settings(
            province=s["province"], sample_data=s["sample_data"], timezone=s.get("timezone", "Asia/Ho_Chi_Minh"),
            effective_date=s["effective_date"], site_url=s["site_url"],
            feed_horizon_months=s["feed_horizon_months"], feed_reminder_days=s["feed_reminder_days"],
            feed_url=s.get("feed_url"), feed_attendance_reminder_days=s["feed_attendance_reminder_days"],
            regulation_number=s.get("regulation_number"), regulation_signed=s.get("regulation_signed"),
        )

        def table(name, make):
            return {rec["id"]: make(rec) for rec in self.recs[name]}

        return model.Province(
            settings=settings,
            organizations=table("organizations", lambda r: model.Organization(
                r["id"], r["name"], r["kind"], r.get("parent"))),
            areas=self.places["areas"],
            cells=self.places["cells"],
            members=table("members", self.member),
            assignments=table("assignments", lambda r: model.Assignment(
                r["id"], r["member"], r["organization"], r["kind"], r["from"], r.get("to"),
                tuple(r.get("host_cells", ())))),
            attendance=table("attendance", lambda r: model.Attendance(
                r["id"], r["member"], r.get("cell"), r.get("area"), r["date"], r.get("time"),
                r.get("quality"), r.get("situation"), r.get("difficulties"), r.get("solutions"))),
            visits=table("visits", lambda r: model.Visit(
                r["id"], r["member"], r.get("cell"), r.get("area"), r["date"], r.get("time"), r["status"],
                r.get("arranged_by"), r.get("note"))),
            reports=table("reports", lambda r: model.Report(
                r["id"], r["member"], r["period"], r["submitted"], r.get("note"))),
            grievances=table("grievances", lambda r: model.Grievance(
                r["id"], r["member"], r["attendance"], r["summary"], r["authority"], r["notified"],
                r.get("vptu_notified"), r["status"], r.get("resolution"), r.get("resolved"))),
        )

    def member(self, r: Rec) -> model.Member:
        residence = r["residence"]
        cell = residence.get("cell")
        area = residence.get("area") or (self.ids["cells"][cell].get("area") if cell else None)
        roles = tuple(model.Role(x["role"], x["from"], x.get("to")) for x in r["roles"])
        return model.Member(r["id"], r["name"], r.get("title"), roles, cell, area, r["feed_rotation"])


def schedule_of(rec: Rec) -> model.Schedule:
    return model.Schedule(
        time=rec["time"], duration=rec["duration"], day=rec.get("day"),
        weekday=WEEKDAY_NUMBERS.get(rec.get("weekday")), week=rec.get("week"),
        months=tuple(sorted(rec.get("months", ()))), start=rec.get("from"), until=rec.get("until"),
    )


def changes_of(rec: Rec) -> tuple[model.Change, ...]:
    return tuple(
        model.Change(c["date"], c.get("cancelled", False), c.get("moved_to"), c.get("time"), c.get("reason"))
        for c in rec.get("exceptions", ())
    )


def unknown_id(value: str, target: str, known: dict) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    hint = f"; có phải ý bạn là “{close[0]}”?" if close else ""
    return f"không có mục nào trong {target}.yml mang mã này{hint}"


def period_text(start: date, end: date) -> str:
    return vi.span(start, None if end == FAR else end)


def text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return vi.day(value) if isinstance(value, date) else str(value)
