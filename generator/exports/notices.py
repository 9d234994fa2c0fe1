"""Reminder notices (Giấy nhắc) from the Organization Board to each member with open duties.

A Notice is laid out as the report drafts are (`drafts.py`): the issuing body and "ĐẢNG CỘNG SẢN
VIỆT NAM" side by side, the place and date line, the title, the duties with their deadlines and
the next meetings that would meet them, and the Board's signature block. The Word file is written
by the drafts' `Word` on the same A4 template; `giay-nhac.html` shows the same Notice as a page.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from datetime import date

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..model import Province, vi
from ..rules.chase import before, open_duties
from ..rules.obligations import Evaluation, Obligation
from ..rules.upcoming import Agenda
from .drafts import Word, issuer_and_place, line, signature_block
from .spreadsheets import clean

MEETINGS = 3  # the next qualifying meetings shown for each attendance duty
DESCRIPTION = "Giấy nhắc của Ban Tổ chức Tỉnh ủy, tạo từ dữ liệu dự sinh hoạt và báo cáo."
CLAUSES = {"2.2": "khoản 2 Điều 2", "2.3": "khoản 3 Điều 2", "3.2": "khoản 2 Điều 3"}


@dataclass(frozen=True)
class Duty:
    what: str                    # the duty, its period and clause
    deadline: str                # "31/12/2026", "trước ngày 25/12/2026"
    state: str                   # where it stands: "chưa thực hiện", "đã có lịch ngày …", "đã quá hạn 12 ngày"
    meetings: tuple[str, ...]    # the next meetings that would meet it


@dataclass(frozen=True)
class Notice:
    member: str
    issuer: str                  # TỈNH ỦY SƠN HÀ
    place_date: str              # Sơn Hà, ngày 25 tháng 11 năm 2026
    addressee: str               # Kính gửi: đồng chí …
    intro: str
    duties: tuple[Duty, ...]
    closing: str
    recipients: tuple[str, ...]

    title = "GIẤY NHẮC"
    subtitle = "Thực hiện nhiệm vụ dự sinh hoạt với chi bộ khu dân cư, khu dân cư và báo cáo kết quả"
    board = "BAN TỔ CHỨC"
    signer = "TRƯỞNG BAN"


def date_line(place: str, day: date) -> str:
    """Sơn Hà, ngày 25 tháng 11 năm 2026"""
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


class Noticer:
    """Notices for every member with open duties, the province indexed once."""

    def __init__(self, province: Province, evaluation: Evaluation, agenda: Agenda):
        self.province, self.evaluation, self.agenda = province, evaluation, agenda
        self.as_of = evaluation.as_of
        self.issuer, self.place = issuer_and_place(province.settings.province)

    def members(self) -> list[str]:
        """Members with open duties, in the order of members.yml (protocol order)."""
        return [m for m in self.evaluation.by_member if open_duties(self.evaluation, m)]

    def notice(self, member_id: str) -> Notice:
        member = self.province.members[member_id]
        who = f"Đồng chí {member.name}" + (f", {member.title}" if member.title else "")
        return Notice(
            member=member_id, issuer=self.issuer, place_date=date_line(self.place, self.as_of),
            addressee=f"Kính gửi: {who}",
            intro=(f"Căn cứ Quy định của Ban Thường vụ Tỉnh ủy về việc dự sinh hoạt với chi bộ khu dân cư, theo dữ "
                   f"liệu tổng hợp đến ngày {vi.day(self.as_of)}, Ban Tổ chức Tỉnh ủy xin nhắc đồng chí các nhiệm vụ "
                   "còn phải thực hiện:"),
            duties=tuple(self.duty(member, o) for o in open_duties(self.evaluation, member_id)),
            closing=("Đề nghị đồng chí bố trí thực hiện đúng hạn; nếu đã thực hiện, đề nghị gửi kết quả để Ban Tổ chức "
                     "Tỉnh ủy cập nhật. Trân trọng."),
            recipients=(f"Đồng chí {member.name},", "Lưu Ban Tổ chức Tỉnh ủy."),
        )

    def duty(self, member, o: Obligation) -> Duty:
        what = f"{o.rule.title}, {o.period.label} ({o.rule.code}, {CLAUSES[o.rule.clause]})"
        if o.rule.kind == "report":
            deadline = before(o.due)
            late = (self.as_of - o.due).days
            state = f"chưa gửi, đã quá hạn {late} ngày" if o.status == "missed" else "chưa gửi"
            return Duty(what, deadline, state + (f". {o.note}" if o.note else ""), ())
        if o.planned_by:
            v = self.province.visits[o.planned_by]
            return Duty(what, vi.day(o.due), f"đã bố trí dự ngày {vi.day(v.date)} tại {self.place_name(v.cell or v.area)}",
                        ())
        state = vi.STATUSES[o.status].lower()
        meetings = tuple(f"{vi.moment(m.start)}: {self.place_name(m.place)}"
                         for m in self.agenda.upcoming(member, o, MEETINGS))
        return Duty(what, vi.day(o.due), state, meetings)

    def place_name(self, place_id: str) -> str:
        place = self.province.place_by_id(place_id)
        where = f", {place.location}" if place.location else ""
        return f"{place.name} ({self.province.organizations[place.organization].name}){where}"


# -- the Word file


class Writer:
    """Notices as Word files on the drafts' template. Each notice is laid out once (python-docx is the
    slow part); the file with all of them reuses the laid-out bodies, a page break between two."""

    def __init__(self, word: Word):
        self.word = word
        self.laid: dict[str, list] = {}   # a notice's body elements, by member

    def write(self, notices: list[Notice], title: str) -> bytes:
        def body(doc) -> None:
            end = doc.element.body.find(qn("w:sectPr"))
            for n, notice in enumerate(notices):
                if n:
                    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                if notice.member not in self.laid:
                    before = len(doc.element.body)
                    fill(doc, notice)
                    self.laid[notice.member] = [deepcopy(e) for e in list(doc.element.body)[before - 1:-1]]
                else:
                    for element in self.laid[notice.member]:
                        end.addprevious(deepcopy(element))
        return self.word.document(body, title, "Ban Tổ chức Tỉnh ủy", DESCRIPTION)


def fill(doc, notice: Notice) -> None:
    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = head.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10)
    line(left.paragraphs[0], notice.issuer)
    line(left.add_paragraph(), notice.board, bold=True)
    line(left.add_paragraph(), "*")
    line(right.paragraphs[0], "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True)
    line(right.add_paragraph(), notice.place_date, italic=True, size=Pt(13))
    doc.add_paragraph()
    line(doc.add_paragraph(), notice.title, bold=True, size=Pt(15))
    line(doc.add_paragraph(), notice.subtitle, bold=True)
    line(doc.add_paragraph(), "-----")
    line(doc.add_paragraph(), notice.addressee, align=WD_ALIGN_PARAGRAPH.CENTER)
    doc.add_paragraph(clean(notice.intro))
    for n, duty in enumerate(notice.duties, 1):
        item = doc.add_paragraph()
        item.paragraph_format.keep_with_next = bool(duty.meetings)
        item.add_run(clean(f"{n}. {duty.what}")).bold = True
        item.add_run(clean(f". Hạn: {duty.deadline}; {duty.state}."))
        for meeting in duty.meetings:
            doc.add_paragraph(clean(f"- Có thể dự: {meeting}"))
    doc.add_paragraph(clean(notice.closing))
    right = signature_block(doc, notice.recipients, notice.signer)
    line(right.add_paragraph(), "(Ký, ghi rõ họ tên)", italic=True, size=Pt(12))
