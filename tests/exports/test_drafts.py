"""Report drafts (khoản 3 Điều 3): the Word file read back with python-docx, and its printable page."""

from __future__ import annotations

import html
import io
from dataclasses import replace
from datetime import date

import docx
from docx.oxml.ns import qn

from generator.exports import drafts
from generator.model.tree import Tree
from generator.rules.compliance import record_warnings
from generator.rules.obligations import evaluate

from ..support.builders import assign, bch, province, went

# The six subjects of Art. 3.3, as the regulation lists them.
SUBJECTS = ("Thời gian, địa điểm dự sinh hoạt", "Chất lượng sinh hoạt cấp ủy, sinh hoạt chi bộ",
            "Tình hình, tư tưởng của cán bộ, đảng viên, quần chúng nhân dân",
            "Những khó khăn, bức xúc của nhân dân và những vấn đề phức tạp nảy sinh ở cơ sở",
            "Những giải pháp tham gia, góp ý", "Kết quả giải quyết của cơ quan có thẩm quyền")


def text_of(document) -> list[str]:
    """Every paragraph, in tables too, in reading order."""
    found = []
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            found.append("".join(t.text or "" for t in block.iter(qn("w:t"))))
        elif block.tag == qn("w:tbl"):
            for p in block.iter(qn("w:p")):
                found.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return found


def test_a_btv_draft_is_laid_out_as_a_party_report_with_the_headings_of_article_3_3(built):
    document = docx.Document(built / "bao-cao" / "phan-thi-ha-2026-h2-2026-11-25.docx")
    lines = text_of(document)
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header[0].split("\n") == ["TỈNH ỦY SƠN HÀ", "*"]
    assert header[1].split("\n") == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Sơn Hà, ngày … tháng … năm 2026"]
    assert "BÁO CÁO" in lines
    assert any(line.startswith("Kết quả dự sinh hoạt với chi bộ khu dân cư") and line.endswith("6 tháng cuối năm 2026")
               for line in lines)
    headings = [line for line in lines if line[:2] in {f"{n}." for n in range(1, 7)}]
    assert len(headings) == 6
    assert all(h[3:].startswith(s) for h, s in zip(headings, SUBJECTS, strict=True))
    signature = [c.text for c in document.tables[-1].rows[0].cells]
    assert signature[1].split("\n")[0] == "NGƯỜI BÁO CÁO" and signature[1].split("\n")[-1] == "Phan Thị Hà"
    assert signature[0].startswith("Nơi nhận:") and "Ban Thường vụ Tỉnh ủy (qua Ban Tổ chức Tỉnh ủy)" in signature[0]


def test_the_draft_is_prefilled_with_each_meeting_attended_and_the_grievances_raised(built):
    lines = text_of(docx.Document(built / "bao-cao" / "phan-thi-ha-2026-h2-2026-11-25.docx"))
    # data/attendance.yml: 15/08 at her residence cell (schedule: the 15th, 19:00) and 04/10 at
    # Chi bộ Thôn Quyết Thắng (first Sunday, 07:30); vv-2026-003 was raised at the second.
    assert ("- Thứ Bảy, 15/08/2026, 19:00: Chi bộ Tổ dân phố 2 (Đảng bộ phường Đông Tiến), "
            "tại Nhà văn hóa Tổ dân phố 2, phường Đông Tiến.") in lines
    assert ("- Chủ nhật, 04/10/2026, 07:30: Chi bộ Thôn Quyết Thắng (Đảng bộ xã Khánh An), "
            "tại Nhà văn hóa Thôn Quyết Thắng, xã Khánh An.") in lines
    raised = [line for line in lines if line.startswith("- Vấn đề bức xúc nêu tại Chi bộ Thôn Quyết Thắng")]
    assert raised and "Đã thông báo Sở Xây dựng ngày 08/10/2026" in raised[0]
    handling = lines[lines.index(next(l for l in lines if l.startswith("6."))) + 1:]
    # vv-2026-002 (raised 31/05, resolved 02/07, inside H2) and vv-2026-003 (in progress) are followed up.
    assert any("UBND xã Khánh An: đã giải quyết ngày 02/07/2026" in line for line in handling)
    assert any("Sở Xây dựng: đang giải quyết; Đã khảo sát hiện trạng" in line for line in handling)


def test_the_draft_is_in_times_new_roman_14_on_a4(built):
    document = docx.Document(built / "bao-cao" / "phan-thi-ha-2026-h2-2026-11-25.docx")
    normal = document.styles["Normal"]
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    assert normal.font.size.pt == 14
    page = document.sections[0]
    assert (round(page.page_width.cm, 1), round(page.page_height.cm, 1)) == (21.0, 29.7)
    assert document.core_properties.author == "Phan Thị Hà"


def test_a_member_following_a_commune_gets_the_section_for_the_commune_report(built):
    document = docx.Document(built / "bao-cao" / "luong-dinh-tung-2026-q4-2026-11-25.docx")
    lines = text_of(document)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in lines and "NGƯỜI BÁO CÁO" not in lines
    assert lines[0] == "KẾT QUẢ DỰ SINH HOẠT VỚI CHI BỘ KHU DÂN CƯ, KHU DÂN CƯ NƠI CƯ TRÚ"
    assert any(line.startswith("Phần này đưa vào báo cáo kết quả theo dõi Đảng bộ phường Nam Hồng quý IV năm 2026")
               for line in lines)
    assert sum(1 for line in lines if line[:2] in {f"{n}." for n in range(1, 7)}) == 6


def test_drafts_exist_for_reports_that_apply_in_begun_periods_only(built):
    made = {p.stem.removesuffix("-2026-11-25") for p in (built / "bao-cao").glob("*.docx")}
    assert {"luong-dinh-tung-2026-q3", "luong-dinh-tung-2026-q4", "phan-thi-ha-2026-h1"} <= made
    assert "luong-dinh-tung-2026-q2" not in made  # not applicable: BCH 42 of 91 days
    assert not any(name.endswith(("2027-q1", "2027-h1")) for name in made)  # not begun
    assert {p.stem for p in (built / "bao-cao").glob("*.html")} == made


def test_the_member_page_links_to_the_draft_and_the_printable_page_mirrors_it(built):
    member = (built / "thanh-vien" / "phan-thi-ha.html").read_text()
    assert 'href="../bao-cao/phan-thi-ha-2026-h2.html"' in member
    assert 'href="../bao-cao/phan-thi-ha-2026-h2-2026-11-25.docx"' in member
    printable = (built / "bao-cao" / "phan-thi-ha-2026-h2.html").read_text()
    lines = [line for line in text_of(docx.Document(built / "bao-cao" / "phan-thi-ha-2026-h2-2026-11-25.docx")) if line]
    for line in lines:
        assert html.escape(line, quote=False) in printable, line
    for text in ("Hạn gửi: <strong>24/12/2026</strong>", 'href="phan-thi-ha-2026-h2-2026-11-25.docx"',
                 'href="../thanh-vien/phan-thi-ha.html"', 'href="../quy-dinh.html#dieu-3-khoan-3"'):
        assert text in printable, text


def test_a_note_with_control_characters_still_makes_a_word_file():
    prov = province([bch("m")], [assign("m", "xa-a1", "theo-doi")],
                    [replace(went("m", "cb-thon-1", date(2026, 2, 5)), quality="Tốt\x0bđẹp\x07")])
    tree = Tree(prov)
    evaluation = evaluate(prov, date(2026, 3, 1), tree)
    drafter = drafts.Drafter(prov, tree, evaluation, record_warnings(prov, evaluation, tree))
    draft = next(drafter.draft(o) for o in drafter.reporting() if o.period.code == "2026-Q1")
    lines = text_of(docx.Document(io.BytesIO(drafts.Word(date(2026, 3, 1)).write(draft))))
    assert any(line.endswith("Tốtđẹp") for line in lines)


def test_the_issuing_body_follows_the_province_setting():
    assert drafts.issuer_and_place("Tỉnh Sơn Hà") == ("TỈNH ỦY SƠN HÀ", "Sơn Hà")
    assert drafts.issuer_and_place("Thành phố Hải Cảng") == ("THÀNH ỦY HẢI CẢNG", "Hải Cảng")


def test_a_meeting_no_obligation_counts_is_left_out_of_the_draft_and_said_why(built):
    # data/attendance.yml: dsh-luong-van-nam-20260103 is before the regulation took effect (05/01/2026).
    lines = text_of(docx.Document(built / "bao-cao" / "luong-van-nam-2026-h1-2026-11-25.docx"))
    times = lines[lines.index(next(l for l in lines if l.startswith("1."))) + 1:
                  lines.index(next(l for l in lines if l.startswith("2.")))]
    assert not any(line.startswith("- Thứ Bảy, 03/01/2026") for line in times)
    assert ("- Không đưa vào báo cáo: Thứ Bảy, 03/01/2026, 07:30, Chi bộ Tổ dân phố 4 (Đảng bộ phường Đông Tiến), "
            "vì ngày 03/01/2026 trước ngày bắt đầu tính việc thực hiện Quy định (05/01/2026).") in times


def test_a_grievance_noted_on_its_meeting_record_too_appears_once_among_the_difficulties(built):
    # vv-2026-003 was raised at dsh-phan-thi-ha-20261004, whose own note says the same words.
    lines = text_of(docx.Document(built / "bao-cao" / "phan-thi-ha-2026-h2-2026-11-25.docx"))
    difficulties = lines[lines.index(next(l for l in lines if l.startswith("4."))) + 1:
                         lines.index(next(l for l in lines if l.startswith("5.")))]
    assert sum("Đường liên thôn xuống cấp" in line for line in difficulties) == 1
    assert any(line.startswith("- Vấn đề bức xúc nêu tại Chi bộ Thôn Quyết Thắng") for line in difficulties)
