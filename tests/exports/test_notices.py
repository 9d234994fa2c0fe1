"""Reminder notices read back as Word files (python-docx): the layout of the report drafts, the duties
with their deadlines and next meetings, one file per member and one with all of them."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT

from generator.load.data import load

from ..render.test_board import sample_files
from ..support.project import ROOT

DAY = "2026-12-01"
FOLDER = "bang-tong-hop/giay-nhac/"


@pytest.fixture(scope="module")
def files() -> dict:
    return sample_files(date(2026, 12, 1))


def text(document) -> list[str]:
    """Every paragraph of the body and of its tables, in order."""
    found = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[1]
        if tag == "p":
            found.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            found += ["".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
                      for p in block.iter() if p.tag.endswith("}p")]
    return found


def test_a_members_notice_reads_back_as_an_a4_party_document_with_each_duty_and_its_deadline(files):
    document = docx.Document(io.BytesIO(files[f"{FOLDER}giay-nhac-luong-van-nam-{DAY}.docx"]))
    page = document.sections[0]
    assert (page.orientation, round(page.page_width.cm, 1), round(page.page_height.cm, 1)) == (WD_ORIENT.PORTRAIT,
                                                                                                21.0, 29.7)
    assert round(page.left_margin.cm, 1) == 3.0
    lines = text(document)
    assert lines[:5] == ["TỈNH ỦY SƠN HÀ", "BAN TỔ CHỨC", "*", "ĐẢNG CỘNG SẢN VIỆT NAM",
                         "Sơn Hà, ngày 01 tháng 12 năm 2026"]
    assert "GIẤY NHẮC" in lines
    assert "Kính gửi: Đồng chí Lương Văn Nam, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh" in lines
    duties = [t for t in lines if t[:2] in ("1.", "2.")]
    assert duties == [
        "1. Dự sinh hoạt một chi bộ thuộc đảng bộ được phân công phụ trách, 6 tháng cuối năm 2026 (A′, khoản 2 Điều 2)."
        " Hạn: 31/12/2026; đã bố trí dự ngày 03/12/2026 tại Chi bộ Cơ quan Bộ Chỉ huy (Đảng bộ Quân sự tỉnh),"
        " Cơ quan Bộ Chỉ huy.",
        "2. Báo cáo kết quả dự sinh hoạt (6 tháng), 6 tháng cuối năm 2026 (R1, khoản 2 Điều 3)."
        " Hạn: trước ngày 25/12/2026; chưa gửi.",
    ]
    assert lines[-8:] == ["Nơi nhận:", "- Đồng chí Lương Văn Nam,", "- Lưu Ban Tổ chức Tỉnh ủy.",
                          "TRƯỞNG BAN", "", "", "", "(Ký, ghi rõ họ tên)"]
    assert document.core_properties.author == "Ban Tổ chức Tỉnh ủy"


def test_a_duty_not_yet_arranged_lists_the_next_meetings_that_would_meet_it(files):
    document = docx.Document(io.BytesIO(files[f"{FOLDER}giay-nhac-duong-trong-hung-{DAY}.docx"]))
    lines = text(document)
    first = next(n for n, t in enumerate(lines) if t.startswith("2. Dự sinh hoạt chi bộ khu dân cư thuộc"))
    assert lines[first - 1].endswith("Hạn: trước ngày 25/06/2026; chưa gửi, đã quá hạn 160 ngày.")
    meetings = [t for t in lines[first + 1:first + 4] if t.startswith("- Có thể dự: ")]
    assert len(meetings) == 3
    assert all("Đảng bộ" in t and "/12/2026" in t for t in meetings)


def test_one_file_holds_every_notice_each_on_its_own_page_in_the_order_of_the_members_file(files):
    everyone = docx.Document(io.BytesIO(files[f"{FOLDER}giay-nhac-tat-ca-{DAY}.docx"]))
    lines = text(everyone)
    singles = sorted(p for p in files if p.startswith(FOLDER + "giay-nhac-") and "tat-ca" not in p)
    addressed = [t for t in lines if t.startswith("Kính gửi: ")]
    assert len(addressed) == len(singles) == 54
    breaks = everyone.element.body.xml.count('w:type="page"')
    assert breaks == len(singles) - 1
    order = list(load(ROOT / "data").members)
    ids = [Path(p).name.removeprefix("giay-nhac-").removesuffix(f"-{DAY}.docx") for p in singles]
    assert sorted(ids, key=order.index) == [m for m in order if m in ids]
    printed = files[FOLDER + "tat-ca.html"]
    assert printed.count('<main class="page notice-page"') == 54 and "break-after: page" in printed


def test_members_with_nothing_left_to_do_get_no_notice(files):
    # cao-dinh-nam has met every duty of the periods begun and sent every report
    assert f"{FOLDER}giay-nhac-cao-dinh-nam-{DAY}.docx" not in files and f"{FOLDER}cao-dinh-nam.html" not in files
    notices_page = files["bang-tong-hop/giay-nhac.md"]
    linked = {p.removeprefix(FOLDER).removesuffix(".html") for p in files
              if p.startswith(FOLDER) and p.endswith(".html") and "tat-ca" not in p}
    assert all(f"(giay-nhac/{m}.html)" in notices_page for m in linked)
    assert len(linked) == len(load(ROOT / "data").members) - 1
