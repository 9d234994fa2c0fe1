"""The Board's CSV and XLSX files: what Excel shows, the same rows as the page, the same bytes each build."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import replace
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from generator.exports import spreadsheets
from generator.load.data import load
from generator.model.tree import Tree
from generator.render import pages
from generator.render.board.common import Shared
from generator.render.board.dashboard import Dashboard
from generator.site.tables import Column, Table
from generator.rules.obligations import evaluate

from ..render.test_board import board_files
from ..support.builders import assign, bch, btv, province
from ..support.project import ROOT


class TableText(HTMLParser):
    """The text of every cell of the table inside <div data-name="…">, as a reader sees it."""

    def __init__(self, name: str):
        super().__init__()
        self.name, self.depth, self.rows, self.cell = name, 0, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "div" and self.depth:
            self.depth += 1
        elif tag == "div" and dict(attrs).get("data-name") == self.name:
            self.depth = 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "div" and self.depth:
            self.depth -= 1
        elif self.depth and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def page_table(html_file: Path, name: str) -> list[list[str]]:
    parser = TableText(name)
    parser.feed(html_file.read_text(encoding="utf-8"))
    assert parser.rows, f"no table {name} in {html_file}"
    return parser.rows


def shown(cell) -> str:
    """A spreadsheet cell as Excel shows it with its number format, written out here independently."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (int, float)) and cell.number_format.endswith("%"):
        return f"{value * 100:.1f}".replace(".", ",") + "%"
    if isinstance(value, (int, float)) and cell.number_format == "0.0":
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def sheet_rows(sheet) -> list[list[str]]:
    return [[shown(c) for c in row] for row in sheet.iter_rows()]


DAY = "2026-11-25"
PAGES = {
    "bang-tong-hop/index.html": ("bang-tong-hop", ["bao-cao-sap-den-han", "lich-chua-co-ket-qua", "chua-thuc-hien",
                                                   "qua-han", "tom-tat", "lich-da-huy"]),
    "bang-tong-hop/day-du.html": ("bang-tong-hop-day-du", ["nghia-vu"]),
    "tong-hop/2026.html": ("2026", ["theo-nghia-vu", "theo-dang-bo", "theo-vai-tro", "theo-dong-chi"]),
    "tong-hop/index.html": ("tong-hop", ["cac-ky", "ty-le-theo-dang-bo"]),
    "van-de/index.html": ("van-de", ["dang-theo-doi", "da-giai-quyet", "theo-dang-bo"]),
    "canh-bao/index.html": ("canh-bao", ["ban-ghi"]),
}


def has_table(html_file: Path, name: str) -> bool:
    return f'data-name="{name}"' in html_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES)
def test_the_xlsx_read_back_holds_the_tables_of_its_page_cell_for_cell_under_a_dated_title(built, page):
    stem, tables = PAGES[page]
    html = built / page
    book = openpyxl.load_workbook(html.parent / f"{stem}-{DAY}.xlsx")
    assert len(book.worksheets) == len(tables)
    for sheet, name in zip(book.worksheets, tables, strict=True):
        title, *rows = sheet_rows(sheet)
        assert title[0].endswith("Tỉnh Sơn Hà, tính đến 25/11/2026") and not any(title[1:]), sheet.title
        if len(rows) == 1:  # the header alone: the page says so in words instead of an empty table
            assert not has_table(html, name), f"{stem}: {sheet.title}"
            continue
        assert rows == page_table(html, name), f"{stem}: {sheet.title}"


@pytest.mark.parametrize("page", PAGES)
def test_each_csv_opens_with_the_columns_and_vietnamese_text_of_its_page_table(built, page):
    stem, tables = PAGES[page]
    html = built / page
    for name in tables:
        raw = (html.parent / f"{stem}-{name}-{DAY}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        if len(rows) == 1:
            assert not has_table(html, name)
            continue
        assert [[c.removeprefix("'") for c in row] for row in rows] == page_table(html, name)


def test_every_sheet_prints_on_a4_landscape_one_page_wide_with_its_title_and_header_on_every_page(built):
    for page, (stem, _) in PAGES.items():
        book = openpyxl.load_workbook((built / page).parent / f"{stem}-{DAY}.xlsx")
        for sheet in book.worksheets:
            setup = sheet.page_setup
            assert (int(setup.paperSize), setup.orientation) == (9, "landscape"), sheet.title  # 9: A4
            assert (setup.fitToWidth, setup.fitToHeight, sheet.sheet_properties.pageSetUpPr.fitToPage) == (1, 0, True)
            assert sheet.print_title_rows == "$1:$2"
            assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
            assert sheet.freeze_panes == "A3"
            header = [c for c in sheet[2] if c.value]
            assert header and all(c.font.b and c.alignment.wrap_text for c in header)
            assert all(c.alignment.wrap_text for row in sheet.iter_rows(min_row=3) for c in row)
            widths = [sheet.column_dimensions[c.column_letter].width for c in header]
            assert all(w >= len(c.value) for w, c in zip(widths, header, strict=True))
            assert max(widths) <= spreadsheets.MAX_WIDTH


def test_every_download_of_the_board_carries_the_as_of_date_in_its_name(built):
    files = [p for folder in ("bang-tong-hop", "tong-hop", "van-de", "canh-bao", "bao-cao")
             for p in (built / folder).rglob("*") if p.suffix in (".xlsx", ".csv", ".docx")]
    assert len(files) > 100
    assert all(DAY in p.name for p in files), [p.name for p in files if DAY not in p.name][:5]


def test_the_dashboard_csv_has_the_columns_the_board_filters_on_and_vietnamese_names(built):
    raw = (built / "bang-tong-hop" / f"bang-tong-hop-day-du-nghia-vu-{DAY}.csv").read_bytes()
    assert b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == ["Đồng chí", "Vai trò", "Đảng bộ", "Kỳ", "Nghĩa vụ", "Hạn", "Trạng thái", "Ghi chú"]
    khai = [r for r in rows if r["Đồng chí"] == "Nguyễn Văn Khải"]
    assert khai and {r["Kỳ"] for r in khai} == {"Quý IV/2026", "6 tháng cuối năm 2026"}
    assert {r["Trạng thái"] for r in rows} >= {"Đã thực hiện", "Đã có lịch", "Chưa thực hiện"}
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4}", r["Hạn"]) for r in rows)


def hostile_site():
    evil = replace(btv("m"), name='=HYPERLINK("http://x.example","bấm")', title="@SUM(1+1)")
    prov = province([evil, bch("n")], [assign("m", "huyen-a", "phu-trach"), assign("n", "xa-a1", "theo-doi")])
    tree = Tree(prov)
    return pages.Site(prov, tree, evaluate(prov, date(2026, 11, 25), tree))


def test_a_cell_that_looks_like_a_formula_stays_text_in_csv_and_xlsx():
    site = hostile_site()
    current = Dashboard(Shared(site), []).full_table()
    tables = [current]
    rows = list(csv.reader(io.StringIO(spreadsheets.csv_bytes(current).decode("utf-8-sig"), newline="")))
    assert all(row[0] == '\'=HYPERLINK("http://x.example","bấm")' for row in rows[1:] if "HYPERLINK" in row[0])
    book = openpyxl.load_workbook(io.BytesIO(spreadsheets.xlsx_bytes(tables, "t", date(2026, 11, 25), "Tỉnh X")))
    cells = [c for c in book.worksheets[0]["A"] if c.value and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" and c.value.startswith("=HYPERLINK") for c in cells)
    raw = zipfile.ZipFile(io.BytesIO(spreadsheets.xlsx_bytes(tables, "t", date(2026, 11, 25), "Tỉnh X")))
    assert all(b"<f>" not in raw.read(n) for n in raw.namelist() if n.startswith("xl/worksheets/"))


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1"])
def test_every_formula_start_is_neutralized_in_csv(text):
    table = Table("t", "t", (Column("Cột", lambda r: r),), (text,))
    rows = list(csv.reader(io.StringIO(spreadsheets.csv_bytes(table).decode("utf-8-sig"), newline="")))
    assert rows[1][0] == "'" + text
    assert spreadsheets.neutralize("\tx") == "'\tx" and spreadsheets.neutralize("\rx") == "'\rx"


def test_control_characters_are_dropped_from_files():
    table = Table("t", "t", (Column("Cột", lambda r: r),), ("a\x00b\x07c",))
    assert "abc" in spreadsheets.csv_bytes(table).decode("utf-8-sig")
    book = openpyxl.load_workbook(io.BytesIO(spreadsheets.xlsx_bytes([table], "t", date(2026, 1, 1), "Tỉnh X")))
    assert book.active["A3"].value == "abc"


def test_xlsx_and_docx_carry_the_as_of_date_not_the_clock(built):
    for path in (built / "bang-tong-hop" / f"bang-tong-hop-{DAY}.xlsx", built / "bao-cao" / "phan-thi-ha-2026-h2-2026-11-25.docx",
                 built / "bang-tong-hop" / "giay-nhac" / f"giay-nhac-tat-ca-{DAY}.docx"):
        archive = zipfile.ZipFile(path)
        assert {i.date_time for i in archive.infolist()} == {(2026, 11, 25, 0, 0, 0)}, path.name
        core = archive.read("docProps/core.xml").decode()
        assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == ["2026-11-25T00:00:00Z"] * 2


def test_the_board_files_of_two_builds_are_byte_identical(built):
    prov = load(ROOT / "data")
    tree = Tree(prov)
    again = board_files(pages.Site(prov, tree, evaluate(prov, date(2026, 11, 25), tree)))
    binary = [p for p in again if p.endswith((".xlsx", ".docx", ".csv", ".svg"))]
    assert len(binary) > 200
    different = [p for p in binary
                 if (built / p).read_bytes() != (again[p].encode() if isinstance(again[p], str) else again[p])]
    assert different == []
