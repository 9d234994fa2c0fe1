"""Pass 2 of reading, part one: the files against each other, up to the places where meetings happen.

References resolve, ids are unique and none takes a name the site uses itself, the organization
tree has no cycle and is at most MAX_DEPTH levels deep (walked without recursion, each organization
once), residential areas and cells sit where they can, and schedules and their exceptions make sense.
`people.py` goes on with members, assignments and records.
"""

from __future__ import annotations

import difflib
import zoneinfo
from datetime import date

from ..model import names, schedule, vi
from . import assemble
from .fields import Rec
from .problems import Collector
from .schema import DEFAULT_TIMEZONE, NO_RESIDENTIAL_KINDS

FAR = date(9999, 12, 31)
UTC = zoneinfo.ZoneInfo("UTC")
MAX_DEPTH = 20  # levels of organizations below the province
NAMED_PAGES = ("members", "organizations")  # whose ids become page names


class Checks:
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

    def __init__(self, recs: dict[str, list[Rec]], settings: Rec, out: dict[str, Collector]):
        self.recs, self.settings, self.out = recs, settings, out
        self.ids = {name: self.unique_ids(name) for name in recs}
        self.children: dict[str, list[str]] = {}
        self.places: dict[str, dict] = {}

    def problems(self) -> bool:
        return any(c.problems for c in self.out.values())

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

    def check_names(self) -> None:
        for name in NAMED_PAGES:
            for rec in self.recs[name]:
                if rec["id"] in names.RESERVED:
                    self.add(name, rec, "id", rec["id"],
                             "mã này trùng tên một trang của chính trang web (" + ", ".join(names.RESERVED)
                             + ") nên trang của mục này sẽ đè lên trang đó; hãy đặt mã khác")

    def check_settings(self) -> None:
        tz = self.settings.get("timezone")
        if tz is not None:
            try:
                zoneinfo.ZoneInfo(tz)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                self.add("settings", self.settings, "timezone", tz,
                         f"múi giờ không có; dùng tên IANA, ví dụ {DEFAULT_TIMEZONE}")
        signed, counted = self.settings.get("regulation_signed"), self.settings.get("effective_date")
        if signed and counted and signed > counted:
            self.add("settings", self.settings, "regulation_signed", signed,
                     f"ngày ký sau ngày bắt đầu tính ({text(counted)}); Quy định có hiệu lực từ ngày ký nên "
                     "effective_date không thể trước ngày ký")
        mail = self.settings.get("mail")
        if mail is not None and "host" in mail and "sender" not in mail:
            self.add("settings", self.settings, "mail.host", mail["host"],
                     "có máy chủ thư thì cần cả địa chỉ gửi thư: thêm mail.sender, ví dụ bantochuc@tinhuy.example")

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
        """No cycle, and no organization deeper than MAX_DEPTH; each organization is walked once."""
        orgs = self.ids["organizations"]
        depth: dict[str, int] = {}  # 1 directly under the province; 0 on a cycle or below one
        for start in orgs:
            chain, on_chain, current = [], {}, start
            while current is not None and current not in depth and current not in on_chain:
                on_chain[current] = len(chain)
                chain.append(current)
                current = orgs[current].get("parent")
            if current in on_chain:
                cycle = chain[on_chain[current]:]
                self.add("organizations", orgs[current], "parent", orgs[current]["parent"],
                         "cây đảng bộ bị vòng lặp: " + " → ".join(cycle + [current])
                         + "; một đảng bộ không thể nằm dưới chính nó")
            level = 0 if current is None or current in on_chain else depth[current]
            if current is not None and level == 0:  # on a cycle, or below one
                depth.update(dict.fromkeys(chain, 0))
                continue
            for org in reversed(chain):
                level += 1
                depth[org] = level
                if level == MAX_DEPTH + 1:
                    self.add("organizations", orgs[org], "parent", orgs[org]["parent"],
                             f"đảng bộ này ở cấp thứ {level} dưới Tỉnh ủy; cây đảng bộ chỉ được sâu tối đa "
                             f"{MAX_DEPTH} cấp")

    def no_residential_ancestor(self, org: str) -> str | None:
        """The nearest organization at or above `org` whose kind has no residential areas."""
        return next((o for o in self.lineage(org) if self.ids["organizations"][o]["kind"] in NO_RESIDENTIAL_KINDS),
                    None)

    def lineage(self, org: str | None) -> list[str]:
        chain = []
        while org is not None:
            chain.append(org)
            org = self.ids["organizations"][org].get("parent")
        return chain

    def subtree(self, org: str) -> set[str]:
        found, stack = set(), [org]
        while stack:
            current = stack.pop()
            found.add(current)
            stack.extend(self.children.get(current, []))
        return found

    def check_places(self) -> None:
        for rec in self.recs["organizations"]:
            if rec.get("parent"):
                self.children.setdefault(rec["parent"], []).append(rec["id"])
        self.places = {"areas": {r["id"]: assemble.area(r) for r in self.recs["areas"]},
                       "cells": {r["id"]: assemble.cell(r) for r in self.recs["cells"]}}
        for name in ("areas", "cells"):
            for rec in self.recs[name]:
                self.check_schedule(name, rec)
        self.check_cells()

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
            found = ["ngày này đã có một thay đổi khác; gộp lại thành một"] if when in seen else []
            seen.add(when)
            if not schedule.is_regular(shape, when):
                found.append("ngày này không có cuộc họp theo lịch nên không thể dời hay hủy; ghi đúng ngày họp theo lịch")
            found += change_problems(change, when)
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


def change_problems(change: Rec, when: date) -> list[str]:
    """What is wrong with how one exception of a schedule says the meeting changes."""
    moves = "moved_to" in change or "time" in change
    if change.get("cancelled") and moves:
        return ["cuộc họp hoặc bị hủy (cancelled) hoặc được dời (moved_to, time), không thể cả hai"]
    if not change.get("cancelled") and not moves:
        return ["cần “cancelled: true” hoặc “moved_to”/“time” để nói cuộc họp thay đổi thế nào"]
    if change.get("moved_to") == when and "time" not in change:
        return ["ngày dời đến trùng ngày cũ; bỏ “moved_to” hoặc ghi giờ mới (time)"]
    return []


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
