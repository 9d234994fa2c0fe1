"""The Board's tables as files: CSV (UTF-8 with BOM, for Excel) and XLSX (openpyxl).

Both are written from the same `tables.Table` rows the pages show. A CSV has a plain header; an
XLSX sheet has a title row (what, the province, the as-of date) above its header and is set up
to print on A4 landscape. Text is
plain: control characters are dropped, and in CSV a cell that a spreadsheet
would read as a formula (starting with =, +, -, @, tab or carriage return) is
prefixed with an apostrophe. In XLSX such text is stored as text, never as a
formula. Same tables and as-of date, same bytes: see `zipfix`.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..model import vi
from ..site.tables import Table
from . import zipfix

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORMATS = {"date": "DD/MM/YYYY", "rate": "0.0%", "days": "0.0", "count": "0"}
MAX_WIDTH = 50
HEADER = 2  # the header row; row 1 is the title
WRAP = Alignment(wrap_text=True, vertical="top")


def clean(text: str) -> str:
    """Text without the control characters spreadsheets and XML refuse."""
    return CONTROL.sub("", text)


def neutralize(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralize(clean(t)) for t in table.header])
    for row in table.texts():
        writer.writerow([neutralize(clean(t)) for t in row])
    return (BOM + out.getvalue()).encode("utf-8")


def xlsx_bytes(tables: list[Table], what: str, as_of: date, place: str) -> bytes:
    """One sheet per table: a title row (what, the province, the as-of date), the header, bold and
    frozen, with filters; dates, counts and rates as numbers; set up to print (see `print_setup`)."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(title=sheet_name(table.name))
        sheet.append([clean(f"{what}: {table.name}. {place}, tính đến {vi.day(as_of)}")])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([clean(t) for t in table.header])
        for cell in sheet[HEADER]:
            cell.font = Font(bold=True)
            cell.alignment = WRAP
        widths = [len(t) for t in table.header]
        for r, row in enumerate(table.rows, start=HEADER + 1):
            for c, column in enumerate(table.columns, start=1):
                widths[c - 1] = max(widths[c - 1], write_cell(sheet.cell(row=r, column=c), column, row))
        for c, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, width + 2)
        sheet.freeze_panes = f"A{HEADER + 1}"
        if table.rows:
            sheet.auto_filter.ref = f"A{HEADER}:{get_column_letter(len(table.columns))}{HEADER + len(table.rows)}"
        print_setup(sheet)
    return zipfix.workbook_bytes(book, f"{what}, tính đến {vi.day(as_of)}", datetime(as_of.year, as_of.month, as_of.day))


def write_cell(cell, column, row) -> int:
    """A value as a number, date or text, wrapped; returns the width its text needs."""
    value, text = column.value(row), clean(column.text(row))
    cell.alignment = WRAP
    if value is None:
        return 0
    if column.kind in FORMATS and not isinstance(value, str):
        cell.value = value
        cell.number_format = FORMATS[column.kind]
    else:
        cell.value = text
        cell.data_type = "s"  # text, even when it starts with "="
    return len(text)


def print_setup(sheet) -> None:
    """A4 landscape, one page wide, the title and header rows on every page, page numbers below."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"1:{HEADER}"
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddFooter.center.text = "Trang &P / &N"


def sheet_name(name: str) -> str:
    """Excel's limits: 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", name)[:31]
