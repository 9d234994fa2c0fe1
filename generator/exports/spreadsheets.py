"""The Board's tables as files: CSV (UTF-8 with BOM, for Excel) and XLSX (openpyxl).

Both are written from the same `tables.Table` rows the pages show. A CSV has a plain header; an
XLSX sheet has a title row (what, the province, the as-of date) above its header and is laid
out to print one page wide, rows as tall as their wrapped text (`layout`). Text is
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
from openpyxl.utils import get_column_letter

from ..model import vi
from ..site.tables import Table
from . import layout, zipfix

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORMATS = {"date": "DD/MM/YYYY", "rate": "0.0%", "days": "0.0", "count": "0"}
HEADER = 2  # the header row; row 1 is the title
WRAP = layout.WRAP


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
    frozen, with filters; dates, counts and rates as numbers; laid out to print (`layout`)."""
    book = Workbook()
    book.remove(book.active)
    layout.use_font(book)
    for table in tables:
        sheet = book.create_sheet(title=sheet_name(table.name))
        write_table(sheet, table, clean(f"{what}: {table.name}. {place}, tính đến {vi.day(as_of)}"))
    return zipfix.workbook_bytes(book, f"{what}, tính đến {vi.day(as_of)}", datetime(as_of.year, as_of.month, as_of.day))


def write_table(sheet, table: Table, title: str) -> None:
    header = [clean(t) for t in table.header]
    texts = [[clean(t) for t in row] for row in table.texts()]
    columns = [layout.Column(h, [row[c] for row in texts], wraps=column.kind not in FORMATS)
               for c, (h, column) in enumerate(zip(header, table.columns, strict=True))]
    widths, orientation = layout.widths(columns)
    layout.set_widths(sheet, widths)
    title_cell = sheet.cell(row=1, column=1, value=title)
    title_cell.font = layout.font(bold=True, size=layout.TITLE_SIZE)
    title_cell.alignment = WRAP
    if len(header) > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.row_dimensions[1].height = layout.height([title], [sum(widths)], bold=True, size=layout.TITLE_SIZE)
    for c, text in enumerate(header, start=1):
        cell = sheet.cell(row=HEADER, column=c, value=text)
        cell.font = layout.font(bold=True)
        cell.alignment = WRAP
    sheet.row_dimensions[HEADER].height = layout.height(header, widths, bold=True)
    for r, (row, shown) in enumerate(zip(table.rows, texts, strict=True), start=HEADER + 1):
        for c, column in enumerate(table.columns, start=1):
            write_cell(sheet.cell(row=r, column=c), column, row, shown[c - 1])
        sheet.row_dimensions[r].height = layout.height(shown, widths)
    sheet.freeze_panes = f"A{HEADER + 1}"
    if table.rows:
        sheet.auto_filter.ref = f"A{HEADER}:{get_column_letter(len(table.columns))}{HEADER + len(table.rows)}"
    layout.page_setup(sheet, orientation, f"1:{HEADER}")


def write_cell(cell, column, row, text: str) -> None:
    """A value as a number, date or text, wrapped at the top of its cell."""
    value = column.value(row)
    cell.alignment = WRAP
    if value is None:
        return
    if column.kind in FORMATS and not isinstance(value, str):
        cell.value = value
        cell.number_format = FORMATS[column.kind]
    else:
        cell.value = text
        cell.data_type = "s"  # text, even when it starts with "="


def sheet_name(name: str) -> str:
    """Excel's limits: 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", name)[:31]
