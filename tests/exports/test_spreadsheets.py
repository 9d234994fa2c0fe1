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
from generator.render import board, pages
from generator.render.tables import Column, Table
from generator.rules.obligations import evaluate

from ..support.builders import assign, bch, btv, province
from ..support.project import ROOT
from ..render.test_board import board_files


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


PAGES = {
    "bang-tong-hop/index.html": ("bang-tong-hop.xlsx", ["tom-tat", "nghia-vu", "chua-thuc-hien", "bao-cao"]),
    "tong-hop/2026.html": ("2026.xlsx", ["theo-nghia-vu", "theo-dang-bo", "theo-vai-tro", "theo-dong-chi"]),
    "tong-hop/index.html": ("tong-hop.xlsx", ["cac-ky", "ty-le-theo-dang-bo"]),
    "van-de/index.html": ("van-de.xlsx", ["dang-theo-doi", "da-giai-quyet", "theo-dang-bo"]),
    "canh-bao/index.html": ("canh-bao.xlsx", ["ban-ghi"]),
}


@pytest.mark.parametrize("page", PAGES)
def test_the_xlsx_read_back_holds_the_tables_of_its_page_cell_for_cell(built, page):
    workbook_name, tables = PAGES[page]
    html = built / page
    book = openpyxl.load_workbook(html.parent / workbook_name)
    assert len(book.worksheets) == len(tables)
    for sheet, name in zip(book.worksheets, tables, strict=True):
        assert sheet_rows(sheet) == page_table(html, name), f"{workbook_name}: {sheet.title}"


@pytest.mark.parametrize("page", PAGES)
def test_each_csv_opens_with_the_columns_and_vietnamese_text_of_its_page_table(built, page):
    _, tables = PAGES[page]
    html = built / page
    stem = PAGES[page][0].removesuffix(".xlsx")
    for name in tables:
        raw = (html.parent / f"{stem}-{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert [[c.removeprefix("'") for c in row] for row in rows] == page_table(html, name)


def test_the_dashboard_csv_has_the_columns_the_board_filters_on_and_vietnamese_names(built):
    raw = (built / "bang-tong-hop" / "bang-tong-hop-nghia-vu.csv").read_bytes()
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
    tables = board.Board(hostile_site()).dashboard_tables()
    current = tables[1]
    rows = list(csv.reader(io.StringIO(spreadsheets.csv_bytes(current).decode("utf-8-sig"), newline="")))
    assert all(row[0] == '\'=HYPERLINK("http://x.example","bấm")' for row in rows[1:] if "HYPERLINK" in row[0])
    book = openpyxl.load_workbook(io.BytesIO(spreadsheets.xlsx_bytes(tables, "t", date(2026, 11, 25))))
    cells = [c for c in book.worksheets[1]["A"] if c.value and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" and c.value.startswith("=HYPERLINK") for c in cells)
    raw = zipfile.ZipFile(io.BytesIO(spreadsheets.xlsx_bytes(tables, "t", date(2026, 11, 25))))
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
    book = openpyxl.load_workbook(io.BytesIO(spreadsheets.xlsx_bytes([table], "t", date(2026, 1, 1))))
    assert book.active["A2"].value == "abc"


def test_xlsx_and_docx_carry_the_as_of_date_not_the_clock(built):
    for path in (built / "bang-tong-hop" / "bang-tong-hop.xlsx", built / "bao-cao" / "phan-thi-ha-2026-h2.docx"):
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
