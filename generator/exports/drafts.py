"""Report drafts (khoản 3 Điều 3): for each member and reporting period, what the records already know.

A Draft is the content, laid out as a Party report is: the issuing body and
"ĐẢNG CỘNG SẢN VIỆT NAM" side by side, the place and date line, the title, the
body under the headings of Art. 3.3, and the signature block. `Word`
writes it as a Word file (python-docx, Times New Roman 14pt, A4); the template
`bao-cao.html` shows the same Draft as a printable page. A member who follows a
commune (R2′) gets the section to put into the commune-follow report instead:
no header and no signature.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..model import Attendance, Grievance, Member, Province, vi
from ..model.periods import ROMAN, Period
from ..model.schedule import meeting_on
from ..model.tree import Tree
from ..rules.compliance import RecordWarning, has_draft
from ..rules.obligations import Evaluation, Obligation
from . import zipfix
from .spreadsheets import clean

FONT = "Times New Roman"
SIZE = Pt(14)
HEADINGS = (
    "Thời gian, địa điểm dự sinh hoạt",
    "Chất lượng sinh hoạt cấp ủy, sinh hoạt chi bộ",
    "Tình hình, tư tưởng của cán bộ, đảng viên, quần chúng nhân dân",
    "Những khó khăn, bức xúc của nhân dân và những vấn đề phức tạp nảy sinh ở cơ sở",
    "Những giải pháp tham gia, góp ý để triển khai công việc của chi bộ, khu dân cư",
    "Kết quả giải quyết của cơ quan có thẩm quyền đối với những khó khăn, bức xúc của nhân dân "
    "và những vấn đề phức tạp nảy sinh ở cơ sở",
)
TO_FILL = "(Chưa có ghi nhận trong dữ liệu; đồng chí bổ sung nếu có.)"
REGULATION = ("Quy định của Ban Thường vụ Tỉnh ủy về trách nhiệm của các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy, "
              "Ủy viên Ban Chấp hành Đảng bộ tỉnh dự sinh hoạt với chi bộ khu dân cư thuộc đảng bộ được phân công "
              "phụ trách, theo dõi; dự sinh hoạt với chi bộ khu dân cư và khu dân cư nơi cư trú")


@dataclass(frozen=True)
class Section:
    heading: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Draft:
    member: str
    obligation: Obligation
    section_only: bool           # R2′: a section of the commune-follow report
    issuer: str                  # TỈNH ỦY SƠN HÀ
    place_date: str              # Sơn Hà, ngày … tháng … năm 2026
    title: str                   # BÁO CÁO, or the section's title
    subtitle: str
    note: str | None             # R2′: where the section goes
    intro: str
    progress: tuple[str, ...]    # the obligations of the period and their status
    sections: tuple[Section, ...]
    signer: str
    recipients: tuple[str, ...]

    @property
    def period(self) -> Period:
        return self.obligation.period


def issuer_and_place(province: str) -> tuple[str, str]:
    """“Tỉnh Sơn Hà” → (“TỈNH ỦY SƠN HÀ”, “Sơn Hà”); a city → THÀNH ỦY."""
    for prefix, body in (("Tỉnh ", "Tỉnh ủy "), ("Thành phố ", "Thành ủy ")):
        if province.startswith(prefix):
            rest = province[len(prefix):]
            return (body + rest).upper(), rest
    return f"TỈNH ỦY {province.upper()}", province


def period_phrase(period: Period) -> str:
    if period.kind == "Q":
        return f"quý {ROMAN[period.index]} năm {period.year}"
    if period.kind == "H":
        return f"6 tháng {'đầu' if period.index == 1 else 'cuối'} năm {period.year}"
    return f"năm {period.year}"


class Drafter:
    """The records each draft needs, indexed once for the whole province."""

    def __init__(self, province: Province, tree: Tree, evaluation: Evaluation, warnings: list[RecordWarning]):
        self.province, self.tree, self.evaluation = province, tree, evaluation
        self.as_of = evaluation.as_of
        self.tz = ZoneInfo(province.settings.timezone)
        self.issuer, self.place = issuer_and_place(province.settings.province)
        self.attended, self.grievances = province.index.attended, province.index.grievances
        # Meetings no obligation can count (before the effective date, outside the role…): not in a draft.
        self.uncounted = {w.record: w.message for w in warnings if w.file == "attendance.yml"}

    def reporting(self) -> list[Obligation]:
        """The reporting obligations that get a draft."""
        return [o for found in self.evaluation.by_member.values() for o in found if has_draft(o, self.as_of)]

    def draft(self, o: Obligation) -> Draft:
        member = self.province.members[o.member]
        period = o.period
        phrase = period_phrase(period)
        communes = self.communes(member, period)
        section_only = o.rule.code == "R2′"
        kind = "phụ trách" if o.rule.code == "R1" else "theo dõi"
        held = "Ủy viên Ban Thường vụ Tỉnh ủy" if o.rule.code == "R1" else "Ủy viên Ban Chấp hành Đảng bộ tỉnh"
        who = f"{member.name}, {held}" + (f", {member.title}" if member.title else "")
        if section_only:
            title = "KẾT QUẢ DỰ SINH HOẠT VỚI CHI BỘ KHU DÂN CƯ, KHU DÂN CƯ NƠI CƯ TRÚ"
            subtitle = f"(Phần của báo cáo kết quả theo dõi {communes}, {phrase})"
            note = (f"Phần này đưa vào báo cáo kết quả theo dõi {communes} {phrase}, không gửi báo cáo riêng "
                    "(khoản 2 Điều 3 của Quy định).")
            intro = (f"Thực hiện {REGULATION}, đồng chí {who} báo cáo kết quả dự sinh hoạt {phrase} như sau:")
        else:
            title = "BÁO CÁO"
            subtitle = (f"Kết quả dự sinh hoạt với chi bộ khu dân cư thuộc đảng bộ được phân công {kind} "
                        f"và với chi bộ khu dân cư, khu dân cư nơi cư trú {phrase}")
            note = None
            intro = f"Thực hiện {REGULATION}, tôi, {who}, báo cáo kết quả {phrase} như sau:"
        attended = [r for r in self.attended.get(member.id, ()) if r.date in period and r.date <= self.as_of]
        meetings = [r for r in attended if r.id not in self.uncounted]
        left_out = tuple(f"Không đưa vào báo cáo: {self.when(r)}, {self.where(r)}, vì {self.uncounted[r.id]}."
                         for r in attended if r.id in self.uncounted)
        return Draft(
            member=member.id, obligation=o, section_only=section_only, issuer=self.issuer,
            place_date=f"{self.place}, ngày … tháng … năm {o.due.year}", title=title, subtitle=subtitle,
            note=note, intro=intro, progress=self.progress(member, period),
            sections=self.sections(member, period, meetings, left_out), signer=member.name,
            recipients=("Ban Thường vụ Tỉnh ủy (qua Ban Tổ chức Tỉnh ủy),", "Lưu."),
        )

    def communes(self, member: Member, period: Period) -> str:
        names = [self.province.organizations[a.organization].name
                 for a in self.province.index.assignments_between(member.id, period.start, period.end, "theo-doi")
                 if self.tree.is_commune(a.organization)]
        return ", ".join(dict.fromkeys(names))

    def progress(self, member: Member, period: Period) -> tuple[str, ...]:
        """The attendance obligations of the period (its quarters included), as of the as-of date."""
        found = [o for o in self.evaluation.by_member[member.id]
                 if o.rule.kind == "attend" and period.start <= o.period.start and o.period.end <= period.end]
        return tuple(f"{o.rule.title} ({o.period.label}): {vi.STATUSES[o.status].lower()}"
                     + (f", {o.reason}" if o.reason else "") for o in found)

    def where(self, record: Attendance) -> str:
        place = self.province.place(record.cell, record.area)
        return f"{place.name} ({self.province.organizations[place.organization].name})"

    def when(self, record: Attendance) -> str:
        start = record.time
        if start is None:
            meeting = meeting_on(self.province.place(record.cell, record.area), record.date, self.tz)
            start = meeting.start.time() if meeting else None
        return vi.day_long(record.date) + (f", {vi.clock(start)}" if start else "")

    def sections(self, member: Member, period: Period, meetings: list[Attendance],
                 left_out: tuple[str, ...] = ()) -> tuple[Section, ...]:
        ids = {r.id for r in meetings}
        raised = [g for g in self.grievances.get(member.id, ()) if g.attendance in ids]
        recorded = {(g.attendance, same(g.summary)) for g in raised}  # told once, as the grievance
        followed = [g for g in self.grievances.get(member.id, ())
                    if self.province.attendance[g.attendance].date <= period.end
                    and not (g.resolved and g.resolved < period.start)]

        def notes(field: str) -> tuple[str, ...]:
            return tuple(f"{self.where(r)}, {vi.day(r.date)}: {getattr(r, field)}" for r in meetings
                         if getattr(r, field) and (r.id, same(getattr(r, field))) not in recorded)

        times = []
        for r in meetings:
            place = self.province.place(r.cell, r.area)
            at = f", tại {place.location}" if place.location else ""
            times.append(f"{self.when(r)}: {self.where(r)}{at}.")
        difficulties = notes("difficulties") + tuple(self.raised(g) for g in raised)
        handling = tuple(self.handling(g) for g in followed)
        contents = (tuple(times) + left_out, notes("quality"), notes("situation"), difficulties, notes("solutions"), handling)
        return tuple(Section(f"{n}. {heading}", items) for n, (heading, items) in enumerate(zip(HEADINGS, contents, strict=True), 1))

    def raised(self, g: Grievance) -> str:
        """A grievance raised at a meeting of the period: where, when, and whom it was sent to."""
        meeting = self.province.attendance[g.attendance]
        sent = f", gửi Văn phòng Tỉnh ủy ngày {vi.day(g.vptu_notified)}" if g.vptu_notified else ""
        return (f"Vấn đề bức xúc nêu tại {self.where(meeting)}, {vi.day(meeting.date)}: {g.summary} "
                f"Đã thông báo {g.authority} ngày {vi.day(g.notified)}{sent}.")

    def handling(self, g: Grievance) -> str:
        """A grievance followed in the period: how far the authority has got with it."""
        return (f"{g.summary.rstrip(' .')} (nêu ngày {vi.day(self.province.attendance[g.attendance].date)}). "
                f"{g.authority}: {vi.GRIEVANCE_STATUSES[g.status].lower()}"
                + (f" ngày {vi.day(g.resolved)}" if g.resolved else "")
                + (f"; {g.resolution.rstrip(' .')}" if g.resolution else "") + ".")



def same(text: str) -> str:
    """A text as compared with another: the same words, whatever the case and the final full stop."""
    return " ".join(text.split()).rstrip(" .").casefold()


# -- the Word file


DOCUMENT, CORE = "word/document.xml", "docProps/core.xml"
OPTIONAL_PARTS = ("/stylesWithEffects", "/webSettings", "/customXml", "/thumbnail")
CORE_XML = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><dc:description>{description}"
            "</dc:description><cp:revision>1</cp:revision>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>')
DESCRIPTION = "Bản nháp tạo từ dữ liệu dự sinh hoạt; đồng chí báo cáo rà soát, bổ sung trước khi gửi."


class Word:
    """Writes drafts as Word files. The template (A4 page, Times New Roman 14pt, justified paragraphs with a
    first-line indent) is made once with python-docx; each draft refills the body of the same document and
    is packed with the template's other parts, all dated `as_of`. Hundreds of drafts a build stay cheap."""

    def __init__(self, as_of: date):
        self.when = datetime(as_of.year, as_of.month, as_of.day)
        doc = self.doc = Document()
        slim(doc)
        page = doc.sections[0]
        page.orientation = WD_ORIENT.PORTRAIT
        page.page_width, page.page_height = Cm(21), Cm(29.7)
        page.top_margin, page.bottom_margin, page.left_margin, page.right_margin = Cm(2), Cm(2), Cm(3), Cm(1.5)
        normal = doc.styles["Normal"]
        times(normal.element)
        normal.font.size = SIZE
        paragraph = normal.paragraph_format
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.first_line_indent = Cm(1)
        paragraph.space_after, paragraph.line_spacing = Pt(6), 1.15
        out = io.BytesIO()
        doc.save(out)
        with zipfile.ZipFile(io.BytesIO(out.getvalue())) as template:
            self.parts = [(name, template.read(name)) for name in template.namelist()]

    def write(self, draft: Draft) -> bytes:
        return self.document(lambda doc: fill(doc, draft), f"{draft.title} {draft.subtitle}", draft.signer,
                             DESCRIPTION)

    def document(self, fill_body: Callable, title: str, author: str, description: str) -> bytes:
        """Any document laid out on the template: `fill_body(doc)` adds the content to the emptied body."""
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        fill_body(self.doc)
        document = serialize_part_xml(self.doc.element)
        core = CORE_XML.format(title=escape(clean(title)), author=escape(clean(author)),
                               description=escape(description), stamp=self.when.strftime("%Y-%m-%dT%H:%M:%SZ"))
        parts = [(name, document if name == DOCUMENT else core.encode() if name == CORE else data)
                 for name, data in self.parts]
        return zipfix.pack(parts, self.when)


def fill(doc, draft: Draft) -> None:
    """The draft's content, laid out as a Party report (Hướng dẫn thể thức văn bản của Đảng)."""
    if not draft.section_only:
        head = doc.add_table(rows=1, cols=2)
        head.alignment = WD_TABLE_ALIGNMENT.CENTER
        left, right = head.rows[0].cells
        left.width, right.width = Cm(6.5), Cm(10)
        line(left.paragraphs[0], draft.issuer, bold=True)
        line(left.add_paragraph(), "*")
        line(right.paragraphs[0], "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True)
        line(right.add_paragraph(), draft.place_date, italic=True, size=Pt(13))
        doc.add_paragraph()
    line(doc.add_paragraph(), draft.title, bold=True, size=Pt(15) if not draft.section_only else None)
    line(doc.add_paragraph(), draft.subtitle, bold=not draft.section_only, italic=draft.section_only)
    line(doc.add_paragraph(), "-----")
    if draft.note:
        doc.add_paragraph().add_run(clean(draft.note)).italic = True
    doc.add_paragraph(clean(draft.intro))
    for item in draft.progress:
        doc.add_paragraph(clean("- " + item))
    for section in draft.sections:
        heading = doc.add_paragraph()
        heading.paragraph_format.space_before, heading.paragraph_format.keep_with_next = Pt(6), True
        heading.add_run(clean(section.heading)).bold = True
        for item in section.items:
            doc.add_paragraph(clean("- " + item))
        if not section.items:
            doc.add_paragraph().add_run(TO_FILL).italic = True
    if not draft.section_only:
        doc.add_paragraph()
        right = signature_block(doc, draft.recipients, "NGƯỜI BÁO CÁO")
        line(right.add_paragraph(), draft.signer, bold=True)


def signature_block(doc, recipients, signer: str):
    """The foot of a Party document: "Nơi nhận" and its list on the left, the signer on the right with room
    to sign; returns the right cell, for the name under the signature."""
    foot = doc.add_table(rows=1, cols=2)
    left, right = foot.rows[0].cells
    left.width, right.width = Cm(8), Cm(8.5)
    line(left.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=Pt(12), align=WD_ALIGN_PARAGRAPH.LEFT)
    for recipient in recipients:
        line(left.add_paragraph(), "- " + recipient, size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT)
    line(right.paragraphs[0], signer, bold=True)
    for _ in range(3):
        line(right.add_paragraph(), "")
    return right


def slim(doc) -> None:
    """Leave out the template's parts that Word does not need (Word 2010 style copies, a thumbnail)."""
    for rels in (doc.part.rels, doc.part.package.rels):
        for key, rel in list(rels.items()):
            if rel.reltype.endswith(OPTIONAL_PARTS):
                rels.pop(key)


def times(element) -> None:
    """Times New Roman for every script (Latin, Vietnamese, complex, East Asian), not the theme's font."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def line(paragraph, text: str, bold=False, italic=False, underline=False, size=None,
         align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    """A line of the header, title or signature block: aligned, no indent, no space after."""
    paragraph.alignment = align
    paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.paragraph_format.space_after = Pt(0)
    if not text:
        return
    run = paragraph.add_run(clean(text))
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if underline:
        run.underline = True
    if size:
        run.font.size = size
