"""A synthetic province of any size, valid and of realistic shape, for benchmarks and tests.

`sinh-hoat synth --members 150 --cells 15000 --seed 1 OUT_DIR` writes the ten data
files: an organization tree with districts, communes (some directly under the province, as
after the 2025 reform), sub-committees under some communes, and the three kinds without
residential areas; residential cells with their areas, and other cells; a mix of schedules
with exceptions; members with roles (some changing mid-year), assignments and residences;
and records over three years: meetings attended on real meeting dates, visits, reports and
grievances. The same arguments always write the same files.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from .load.assemble import WEEKDAY_NUMBERS, schedule_of
from .load.schema import DEFAULT_TIMEZONE, FILES
from .model import Cell, schedule

FAMILY = ("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Lương Mai Cao Tạ "
          "Hà Tô Kiều Lâm Quách Châu Triệu Thái").split()
MIDDLE = "Văn Thị Hữu Minh Quốc Thanh Đức Xuân Công Đình Trọng Mạnh Quang Ngọc Thu Hồng Kim Bảo Gia".split()
GIVEN = ("An Bình Cường Dũng Hải Hiếu Hòa Hùng Khánh Long Nam Phong Phúc Quang Sơn Thắng Trung Tuấn Việt Đạt "
         "Thành Lâm Kiên Tùng Hưng Toàn Lợi Tài Hà Hạnh Hương Lan Mai Nga Thảo Yến Châu Hằng Linh Oanh Trang Vân "
         "Nhung Thủy Khải Duy Tâm Nghĩa Hiền Huy Minh Tú").split()
PLACES = ("An Bình Phú Hòa Tân Thịnh Đông Tây Nam Bắc Trung Thượng Hạ Hưng Long Phong Lộc Thọ Xuân Thuận Hợp "
          "Lạc Khánh Quang Mỹ Đức Tiến Thành").split()
TIMES = ("19:30", "19:30", "19:30", "19:00", "14:00", "08:00", "07:30", "16:30")
WEEKDAYS = list(WEEKDAY_NUMBERS)
KIND_WORDS = {"thanh-pho": "thành phố", "thi-xa": "thị xã", "huyen": "huyện", "xa": "xã", "phuong": "phường",
              "thi-tran": "thị trấn"}
TZ = ZoneInfo(DEFAULT_TIMEZONE)


@dataclass
class Files:
    """The data files being made (not the model's Province): plain dicts ready to be written as YAML."""

    rng: random.Random
    as_of: date
    files: dict[str, list | dict] = field(default_factory=lambda: {name: [] for name in FILES})
    used_ids: set[str] = field(default_factory=set)

    def unique(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.used_ids:
            n += 1
            candidate = f"{base}-{n}"
        self.used_ids.add(candidate)
        return candidate

    def add(self, kind: str, item: dict) -> dict:
        self.files[kind].append(item)
        return item


def synthesize(members: int, cells: int, seed: int, as_of: date, records: int | None = None) -> dict:
    """The ten data files of a synthetic province, as data ready for YAML."""
    p = Files(random.Random(seed), as_of)
    start = date(as_of.year - 2, 1, 1)
    p.files["settings"] = {
        "province": "Tỉnh Tổng Hợp", "sample_data": True, "timezone": DEFAULT_TIMEZONE,
        "effective_date": start, "site_url": "https://sinhhoat.tinhuy.tonghop.example/",
        "feed_horizon_months": 36,
    }
    communes, special = organizations(p, max(4, cells // 25))
    residential = make_cells(p, cells, communes, special)
    people = make_members(p, members, residential, communes, special, start)
    make_records(p, people, records if records is not None else members * 66, start)
    return p.files


def organizations(p: Files, count: int) -> tuple[list[str], list[str]]:
    special = []
    for oid, name, kind in (("khoi", "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh", "khoi"),
                            ("cong-an", "Đảng bộ Công an tỉnh", "cong-an"), ("quan-su", "Đảng bộ Quân sự tỉnh", "quan-su")):
        p.add("organizations", {"id": p.unique(oid), "name": name, "kind": kind})
        special.append(oid)
    for n in range(1, max(2, count // 40) + 1):
        oid = p.unique(f"co-so-{n}")
        p.add("organizations", {"id": oid, "name": f"Đảng bộ cơ sở số {n}", "kind": "co-so",
                                "parent": special[n % 3]})
        special.append(oid)
    districts = []
    for n in range(1, max(2, count // 50) + 1):
        kind = "thanh-pho" if n == 1 else p.rng.choice(("huyen", "huyen", "thi-xa"))
        name = f"{p.rng.choice(PLACES)} {p.rng.choice(PLACES)}"
        oid = p.unique(f"{kind}-{slug(name)}")
        p.add("organizations", {"id": oid, "name": f"Đảng bộ {KIND_WORDS[kind]} {name}", "kind": kind})
        districts.append(oid)
    communes = []
    while len(p.files["organizations"]) < count:
        kind = p.rng.choice(("xa", "xa", "phuong", "thi-tran"))
        name = f"{p.rng.choice(PLACES)} {p.rng.choice(PLACES)}"
        oid = p.unique(f"{kind}-{slug(name)}")
        org = {"id": oid, "name": f"Đảng bộ {KIND_WORDS[kind]} {name}", "kind": kind}
        if p.rng.random() < 0.8:  # the rest sit directly under the province, as after the 2025 reform
            org["parent"] = p.rng.choice(districts)
        p.add("organizations", org)
        communes.append(oid)
        if p.rng.random() < 0.05:
            sub = p.unique(f"{oid}-bo-phan")
            p.add("organizations", {"id": sub, "name": f"Đảng bộ bộ phận {name}", "kind": "co-so", "parent": oid})
            communes.append(sub)
    return communes, special


def make_schedule(p: Files, quarterly: bool = False) -> dict:
    roll = p.rng.random()
    if roll < 0.55:
        plan = {"day": p.rng.choice((3, 5, 5, 10, 15, 20, 25, 28))}
    elif roll < 0.7:
        plan = {"day": "last"}
    else:
        plan = {"weekday": p.rng.choice(WEEKDAYS), "week": p.rng.choice((1, 1, 2, 3, 4, "last"))}
    plan["time"] = p.rng.choice(TIMES)
    if p.rng.random() < 0.2:
        plan["duration"] = p.rng.choice((90, 150, 180))
    if quarterly:
        plan["months"] = p.rng.choice(([1, 4, 7, 10], [2, 5, 8, 11], [3, 6, 9, 12]))
    return plan


def make_cells(p: Files, count: int, communes: list[str], special: list[str]) -> list[dict]:
    residential = []
    for n in range(count):
        if n % 10 == 9:
            org = p.rng.choice(special + communes)
            cell = {"id": p.unique(f"cb-{org}-cq"), "name": f"Chi bộ cơ quan {n}", "organization": org,
                    "location": f"Trụ sở {n}", "schedule": make_schedule(p)}
        else:
            org = communes[n % len(communes)]
            area = p.add("areas", {"id": p.unique(f"kdc-{org}"), "name": f"Khu dân cư số {n}", "organization": org,
                                   "location": f"Nhà văn hóa khu dân cư số {n}",
                                   "schedule": make_schedule(p, quarterly=True)})
            cell = {"id": p.unique(f"cb-{org}"), "name": f"Chi bộ khu dân cư số {n}", "organization": org,
                    "residential": True, "area": area["id"], "location": area["location"],
                    "schedule": make_schedule(p)}
            residential.append(cell)
        p.add("cells", cell)
        if p.rng.random() < 0.03:
            add_exception(p, cell)
    return residential


def add_exception(p: Files, place: dict) -> None:
    shape = schedule_of(typed(place["schedule"]))
    dates = schedule.regular_dates(shape, date(p.as_of.year, 1, 1), date(p.as_of.year, 12, 31))
    when = p.rng.choice(dates)
    if p.rng.random() < 0.5:
        change = {"date": when, "cancelled": True, "reason": "Trùng lịch công tác"}
    else:
        change = {"date": when, "moved_to": when + timedelta(days=p.rng.choice((-2, 1, 3, 7))),
                  "reason": "Dời lịch"}
    place["exceptions"] = [change]


def typed(plan: dict) -> dict:
    """A schedule written for YAML, read back as the loader would."""
    hour, minute = map(int, plan["time"].split(":"))
    values = {**plan, "time": time(hour, minute), "duration": plan.get("duration", 120)}
    for key in ("day", "week"):
        if values.get(key) == "last":
            values[key] = -1
    return values


def make_members(p, count, residential, communes, special, start) -> list[dict]:
    people = []
    top = [o["id"] for o in p.files["organizations"] if "parent" not in o]
    for n in range(count):
        name = f"{p.rng.choice(FAMILY)} {p.rng.choice(MIDDLE)} {p.rng.choice(GIVEN)}"
        member = {"id": p.unique(slug(name)), "name": name, "title": f"Chức vụ số {n + 1}",
                  "roles": [{"role": "bch", "from": start - timedelta(days=90)}]}
        home = p.rng.choice(residential)
        member["residence"] = {"cell": home["id"], "area": home["area"]} if n % 5 else {"area": home["area"]}
        btv = n % 10 < 3
        promoted = not btv and n % 23 == 7
        if btv:
            member["roles"].append({"role": "btv", "from": start - timedelta(days=90)})
            for org in p.rng.sample(top, p.rng.choice((1, 1, 2))):
                assignment(p, member, org, "phu-trach", start - timedelta(days=60))
        elif promoted:
            switch = date(start.year + 1, 8, 1)
            member["roles"].append({"role": "btv", "from": switch})
            assignment(p, member, p.rng.choice(communes), "theo-doi", start - timedelta(days=60), switch - timedelta(days=1))
            assignment(p, member, p.rng.choice(top), "phu-trach", switch)
        else:
            assignment(p, member, p.rng.choice(communes + special[:3]), "theo-doi", start - timedelta(days=60))
        p.add("members", member)
        people.append(member)
    return people


def assignment(p, member, org, kind, first, last=None) -> None:
    item = {"id": p.unique(f"pc-{member['id']}"), "member": member["id"], "organization": org, "kind": kind,
            "from": first}
    if last:
        item["to"] = last
    p.add("assignments", item)


def make_records(p: Files, people: list[dict], count: int, start: date) -> None:
    cells = {c["id"]: c for c in p.files["cells"]}
    areas = {a["id"]: a for a in p.files["areas"]}
    under = cells_under(p)
    assignments: dict[str, list[str]] = {}
    for a in p.files["assignments"]:
        assignments.setdefault(a["member"], []).append(a["organization"])
    made = 0
    while made < count:
        member = p.rng.choice(people)
        roll = p.rng.random()
        if roll < 0.2:
            made += report(p, member, start)
            continue
        home = member["residence"].get("cell") or member["residence"]["area"]
        place = home if roll < 0.4 else p.rng.choice(under.get(p.rng.choice(assignments[member["id"]]), [home]))
        source = cells.get(place) or areas[place]
        kind = "cell" if place in cells else "area"
        day = meeting_day(p, source, start)
        if day is None:
            continue
        if day > p.as_of:
            p.add("visits", {"id": p.unique(f"lich-{member['id']}"), "member": member["id"], kind: place, "date": day,
                             "status": p.rng.choice(("confirmed", "confirmed", "proposed"))})
        else:
            record = p.add("attendance", {"id": p.unique(f"dsh-{member['id']}"), "member": member["id"], kind: place,
                                          "date": day, "quality": "Sinh hoạt đúng nội dung, đúng thời gian.",
                                          "situation": "Tình hình ổn định.", "solutions": "Góp ý về chuyển đổi số."})
            if p.rng.random() < 0.05:
                made += 1
                grievance(p, member, record)
        made += 1


def cells_under(p: Files) -> dict[str, list[str]]:
    """The cells under each organization, at any depth, in data order."""
    under: dict[str, list[str]] = {}
    parents = {o["id"]: o.get("parent") for o in p.files["organizations"]}
    for cell in p.files["cells"]:
        org = cell["organization"]
        while org:
            under.setdefault(org, []).append(cell["id"])
            org = parents[org]
    return under


def meeting_day(p: Files, place: dict, start: date) -> date | None:
    model = Cell(place["id"], "", "", None, schedule_of(typed(place["schedule"])), (), True, None)
    first = start + timedelta(days=p.rng.randrange((p.as_of - start).days + 60))
    found = [m.date for m in schedule.meetings(model, first, first + timedelta(days=100), TZ)
             if not any(e["date"] == m.scheduled for e in place.get("exceptions", ()))]
    return found[0] if found else None


def report(p: Files, member: dict, start: date) -> int:
    year = p.rng.randrange(start.year, p.as_of.year + 1)
    btv = any(r["role"] == "btv" for r in member["roles"])
    period = f"{year}-H{p.rng.choice((1, 2))}" if btv else f"{year}-Q{p.rng.choice((1, 2, 3, 4))}"
    last_month = {"H1": 6, "H2": 12, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12}[period[5:]]
    sent = date(year, last_month, 1) + timedelta(days=p.rng.randrange(35))
    if sent > p.as_of:
        return 0
    p.add("reports", {"id": p.unique(f"bc-{member['id']}-{period.lower()}"), "member": member["id"], "period": period,
                      "submitted": sent})
    return 1


def grievance(p: Files, member: dict, record: dict) -> None:
    notified = record["date"] + timedelta(days=2)
    resolved = notified + timedelta(days=p.rng.randrange(5, 120))
    status = "resolved" if resolved <= p.as_of and p.rng.random() < 0.6 else p.rng.choice(("open", "in-progress"))
    item = {"id": p.unique("vv"), "member": member["id"], "attendance": record["id"],
            "summary": "Đường liên thôn xuống cấp.", "authority": "UBND xã", "notified": notified,
            "vptu_notified": notified, "status": status}
    if status == "resolved":
        item.update(resolved=resolved, resolution="Đã xử lý.")
    p.add("grievances", item)


def slug(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    def ignore_aliases(self, data):  # the loader refuses anchors and aliases
        return True


def write(files: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=120)
        (folder / f"{name}.yml").write_text(
            f"# Dữ liệu tổng hợp (synthetic) để đo hiệu năng; không phải số liệu thật.\n{text}", encoding="utf-8")
