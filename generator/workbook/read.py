"""Read the record sheets of a workbook saved by this program, Excel or LibreOffice Calc.

The heading row is found by its headings (a merged title may sit above it, the
columns may be moved); empty rows are skipped wherever they are; formulas are
read as the values the spreadsheet computed. Each cell becomes the text the
schema reads: dates as YYYY-MM-DD whether they were real dates, serial numbers
or text, times as HH:MM.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from ..model import vi
from .sheets import DELETE_MARKS, SHEETS, Column, RecordSheet, folded

HEADING_SEARCH = 10  # rows looked at for the headings


@dataclass(frozen=True)
class Cell:
    sheet: str
    row: int
    column: Column | None
    letter: str
    shown: str       # the value as the clerk sees it, for messages
    text: str | None  # what the schema reads; None for an empty cell


@dataclass
class Row:
    sheet: RecordSheet
    title: str                                # the sheet's name in the workbook
    number: int
    layout: dict[str, tuple[Column, str]]     # field name -> column and its letter, shared by the sheet's rows
    filled: dict[str, Cell] = field(default_factory=dict)  # field name -> cell, for the cells with a value

    def cell(self, name: str) -> Cell | None:
        found = self.filled.get(name)
        if found is None and name in self.layout:
            column, letter = self.layout[name]
            return Cell(self.title, self.number, column, letter, "", None)
        return found

    def first(self) -> Cell:
        """The id cell, where a problem of the whole row is shown."""
        return self.cell("id") or self.cell(next(iter(self.layout)))

    @property
    def delete(self) -> bool:
        cell = self.filled.get("delete")
        return cell is not None and folded(cell.text) in DELETE_MARKS

    @cached_property
    def given(self) -> dict[str, Cell]:
        return {name: c for name, c in self.filled.items() if name != "delete"}


@dataclass
class Workbook:
    rows: dict[str, list[Row]]          # record file -> rows with something in them
    missing_headings: list[tuple[str, int, str]]  # (sheet, row, what): problems of the sheets' shape
    sheets_found: list[str]


def read(path: Path) -> Workbook:
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        rows: dict[str, list[Row]] = {}
        problems: list[tuple[str, str]] = []
        found = []
        names = {folded(name): name for name in book.sheetnames}
        for sheet in SHEETS:
            name = names.get(folded(sheet.title))
            if name is None:
                continue
            found.append(name)
            rows[sheet.file] = read_sheet(book[name], name, sheet, problems)
        return Workbook(rows, problems, found)
    finally:
        book.close()


def read_sheet(ws, name: str, sheet: RecordSheet, problems: list) -> list[Row]:
    values = ws.iter_rows(values_only=True)
    layout = None
    heading = 0
    for heading, line in enumerate(values, 1):
        layout = heading_layout(line, sheet)
        if layout or heading >= HEADING_SEARCH:
            break
    if not layout:
        problems.append((name, 1, "không tìm thấy dòng tiêu đề cột (cần có cột “Mã” và các cột như trong sổ xuất ra)"))
        return []
    columns = {column.name: (column, get_column_letter(index + 1)) for index, column in layout.items()}
    missing = [c.heading for c in sheet.columns if c.field and c.field.required and c.name not in columns]
    if missing:
        problems.append((name, heading, "thiếu cột " + ", ".join(f"“{h}”" for h in missing)
                         + " ở dòng tiêu đề; hãy dùng sổ do lệnh workbook export tạo ra"))
        return []
    return sheet_rows(values, heading, layout, columns, name, sheet)


def sheet_rows(values, heading: int, layout: dict[int, Column], columns: dict, name: str,
               sheet: RecordSheet) -> list[Row]:
    """The rows below the heading row that have a cell filled in."""
    rows = []
    for number, line in enumerate(values, heading + 1):
        row = Row(sheet, name, number, columns)
        for index, column in layout.items():
            raw = line[index] if index < len(line) else None
            if raw is not None and (not isinstance(raw, str) or raw.strip()):
                row.filled[column.name] = cell(name, number, column, columns[column.name][1], raw)
        if row.filled:
            rows.append(row)
    return rows


def heading_layout(line: tuple, sheet: RecordSheet) -> dict[int, Column] | None:
    """Column index -> column when this row holds the sheet's headings."""
    layout = {}
    for index, value in enumerate(line):
        column = sheet.by_heading.get(folded(value)) if isinstance(value, str) else None
        if column is not None:
            layout[index] = column
    names = {c.name for c in layout.values()}
    return layout if "id" in names and len(names) >= 3 else None


def cell(sheet: str, row: int, column: Column, letter: str, raw: Any) -> Cell:
    text = as_text(raw, column.kind)
    if column.kind == "date" and isinstance(raw, (datetime, date, int, float)):
        shown = vi.day(date.fromisoformat(text)) if len(text) == 10 else str(raw)
    else:
        shown = str(raw)
    return Cell(sheet, row, column, letter, shown, text)


def as_text(raw: Any, kind: str) -> str:
    if kind == "date":
        return date_text(raw)
    if kind == "time":
        return time_text(raw)
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == time(0) else raw.isoformat(sep=" ")
    if isinstance(raw, str) and kind != "text":
        return raw.strip()
    return str(raw)


def date_text(raw: Any) -> str:
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 0 < raw < 2958466:
        return from_excel(raw).date().isoformat()  # a serial number: days since 1899-12-30
    return str(raw).strip()


def time_text(raw: Any) -> str:
    if isinstance(raw, datetime):
        raw = raw.time()
    if isinstance(raw, timedelta):
        raw = (datetime.min + raw).time()
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 0 <= raw < 1:
        minutes = round(raw * 24 * 60)
        raw = time(minutes // 60, minutes % 60)
    if isinstance(raw, time):
        return vi.clock(raw)
    return str(raw).strip()
