"""The Board's tables as files: CSV (UTF-8 with BOM, for Excel) and XLSX (openpyxl).

Both are written from the same `tables.Table` rows the pages show. Text is
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

from ..render.tables import Table
from . import zipfix

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORMATS = {"date": "DD/MM/YYYY", "rate": "0.0%", "days": "0.0", "count": "0"}
MAX_WIDTH = 60


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


def xlsx_bytes(tables: list[Table], title: str, as_of: date) -> bytes:
    """One sheet per table, header bold and frozen, with filters; dates, counts and rates as numbers."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(title=sheet_name(table.name))
        sheet.append([clean(t) for t in table.header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [len(t) for t in table.header]
        for r, row in enumerate(table.rows, start=2):
            for c, column in enumerate(table.columns, start=1):
                value, text = column.value(row), clean(column.text(row))
                widths[c - 1] = max(widths[c - 1], len(text))
                if value is None:
                    continue
                cell = sheet.cell(row=r, column=c)
                if column.kind in FORMATS and not isinstance(value, str):
                    cell.value = value
                    cell.number_format = FORMATS[column.kind]
                else:
                    cell.value = text
                    cell.data_type = "s"  # text, even when it starts with "="
        for c, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, width + 2)
        sheet.freeze_panes = "A2"
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
    when = datetime(as_of.year, as_of.month, as_of.day)
    book.properties.title = title
    book.properties.creator = "Ban Tổ chức Tỉnh ủy"
    book.properties.created = book.properties.modified = when
    out = io.BytesIO()
    book.save(out)
    return zipfix.normalize(out.getvalue(), when)


def sheet_name(name: str) -> str:
    """Excel's limits: 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", name)[:31]
