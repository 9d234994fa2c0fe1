"""Pass 2 of reading, part two: members, assignments and records against the rest (see `checks.py`)."""

from __future__ import annotations

from ..model import periods, schedule, vi
from .checks import FAR, UTC, Checks, period_text
from .fields import Rec


class CrossCheck(Checks):
    def run(self) -> None:
        """Every check across files, in an order where each may rely on the ones before it passing."""
        self.check_settings()
        self.check_names()
        self.check_references()
        if self.problems():
            return  # the checks below follow references, which must all resolve
        self.check_organizations()
        if self.problems():
            return  # a cycle would make every walk up the tree endless; a deep tree, every walk long
        self.check_places()
        self.role_spans: dict[str, dict[str, list[periods.Span]]] = {}
        self.check_members()
        self.check_assignments()
        self.check_records()

    def check_members(self) -> None:
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
            self.check_residence(rec)
            self.role_spans[rec["id"]] = spans

    def check_residence(self, rec: Rec) -> None:
        residence = rec["residence"]
        cell = self.ids["cells"].get(residence.get("cell"))
        if cell is not None and not cell["residential"]:
            self.add("members", rec, "residence.cell", cell["id"],
                     "nơi cư trú phải là chi bộ khu dân cư (residential: true)")
        if cell is not None and "area" in residence and cell.get("area", residence["area"]) != residence["area"]:
            self.add("members", rec, "residence.area", residence["area"],
                     f"chi bộ nơi cư trú {cell['id']} thuộc khu dân cư {cell['area']}, không phải khu này")

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

    def check_records(self) -> None:
        for name in ("attendance", "visits"):
            for rec in self.recs[name]:
                if "time" not in rec and schedule.meeting_on(self.place(rec), rec["date"], UTC) is None:
                    self.add(name, rec, "date", rec["date"], no_meeting(self.place(rec), rec["date"]))
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

    def place(self, rec: Rec):
        return self.places["cells"][rec["cell"]] if "cell" in rec else self.places["areas"][rec["area"]]


def no_meeting(place, day) -> str:
    """Why a meeting recorded without its time has no meeting of its place on its day, and how to record one."""
    change = next((c for c in place.changes if c.date == day), None)
    if change is not None and change.cancelled:
        why = f"cuộc họp ngày này của {place.id} đã bị hủy (exceptions)"
    elif change is not None and change.moved_to:
        why = f"cuộc họp ngày này của {place.id} đã dời sang {vi.day(change.moved_to)} (exceptions)"
    else:
        why = f"ngày này {place.id} không họp theo lịch"
    return (why + "; nếu đúng là ngày đó, đây là một buổi họp thêm: ghi giờ họp (time: \"HH:MM\") "
            "để ghi nhận nó, nếu không hãy sửa ngày")
