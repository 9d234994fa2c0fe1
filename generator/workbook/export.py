"""Write the records of a province to a workbook the clerks fill in Excel or LibreOffice Calc.

One sheet per record file (attendance, visits, reports, grievances), then the
instructions, then the reference sheets that the drop-down lists read. Row 1 is
a merged title, row 2 the headings (frozen, repeated on every printed page),
records from row 3 with their id.
"""

from __future__ import annotations

from copy import copy
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..exports import layout, zipfix
from ..load.schema import TITLES
from ..model import Province, names, vi
from ..model.periods import between
from . import labels as labelling
from .sheets import INSTRUCTIONS, REFERENCES, SHEETS, Column, RecordSheet

HEADER_ROW = 2
FIRST_ROW = 3
ROOM = 1000  # empty rows below the records that keep the drop-down lists and date format
DATE_FORMAT = "DD/MM/YYYY"
HEADING_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = layout.WRAP
TYPING = {"text": 30.0, "ref": 24.0}  # the least width of an empty column a clerk types in
UNWRAPPED = ("Mã", "Kỳ", "Từ ngày", "Đến ngày")
LABELS = 28.0  # the width a column of labels keeps (Excel's drop-down list is as wide as its column)
MIN_SCALE = 0.68  # a record sheet has many columns: it may print smaller than the Board's tables

INSTRUCTION_LINES = (
    "Sổ ghi các lần dự sinh hoạt, lịch dự, báo cáo và vấn đề bức xúc",
    "",
    "1. Mỗi dòng là một bản ghi. Các trang “Dự sinh hoạt”, “Lịch dự”, “Báo cáo”, “Vấn đề bức xúc” "
    "tương ứng với các tệp attendance.yml, visits.yml, reports.yml, grievances.yml trong thư mục data/.",
    "2. Thêm bản ghi: ghi vào dòng trống đầu tiên (có thể chép một dòng có sẵn rồi sửa). "
    "Để trống cột “Mã”: chương trình tự đặt mã theo nội dung dòng.",
    "3. Sửa bản ghi: sửa ngay trên dòng đó, giữ nguyên cột “Mã”.",
    "4. Xóa bản ghi: ghi x vào cột “Xóa (ghi x)”. Xóa hẳn một dòng khỏi trang KHÔNG xóa bản ghi.",
    "5. Cột “Đồng chí”, “Chi bộ”, “Khu dân cư”: chọn tên trong danh sách thả xuống (chi bộ, khu dân cư kèm "
    "đảng bộ, ví dụ “Chi bộ Thôn Nam – xã Khánh An”), hoặc tự ghi tên: có dấu hay không dấu, chữ hoa hay thường, "
    "có hay không các chữ “chi bộ”, “xã”, “phường”, “thị trấn”, ví dụ “Thon Nam, Khanh An” hay "
    "“Thôn Nam (xã Khánh An)”. Khi tên chỉ có ở một đảng bộ, ghi tên là đủ; khi nhiều đảng bộ có chi bộ cùng tên, "
    "ghi thêm tên đảng bộ. Tên, mã và đảng bộ của từng mục có ở các trang “Đồng chí”, “Chi bộ”, “Khu dân cư”.",
    "6. Một lần dự sinh hoạt ghi “Chi bộ” hoặc “Khu dân cư”, không ghi cả hai.",
    "7. Ngày ghi dạng ngày/tháng/năm, ví dụ 05/02/2026; giờ dạng HH:MM, ví dụ 19:30.",
    "8. Kỳ báo cáo: 2026-Q1 … 2026-Q4 (quý), 2026-H1, 2026-H2 (6 tháng); xem trang “Kỳ báo cáo”.",
    f"9. Lưu tệp (dạng .xlsx) rồi nhập vào dữ liệu bằng lệnh: {names.COMMAND} workbook import TỆP.xlsx "
    "(thêm --dry-run để xem trước, không ghi gì).",
    "10. Nếu có lỗi, chương trình in từng lỗi dạng Trang!Ô: cột = “giá trị” và dòng → nói cần ghi thế nào; "
    "khi đó không ghi gì vào dữ liệu. Sửa hết các lỗi trong sổ rồi nhập lại.",
    "11. Bản ghi mới hoặc được sửa mà không được tính cho nghĩa vụ nào (ví dụ báo cáo cho kỳ đồng chí "
    "không phải báo cáo, buổi dự ngoài mọi phân công) bị từ chối kèm lý do.",
)


def workbook_bytes(province: Province, as_of: date) -> bytes:
    book = Workbook()
    book.remove(book.active)
    layout.use_font(book)
    names = labelling.from_province(province)
    sizes = {sheet.file: len(records(province, sheet.file)) for sheet in SHEETS}
    ranges = reference_ranges(province, as_of, sizes, names)
    for sheet in SHEETS:
        write_records(book.create_sheet(sheet.title), sheet, province, as_of, ranges, names)
    write_instructions(book.create_sheet(INSTRUCTIONS))
    for name, (title, header, rows) in reference_tables(province, as_of, names).items():
        write_reference(book.create_sheet(REFERENCES[name]), title, header, rows)
    return zipfix.workbook_bytes(book, f"Sổ ghi bản ghi – {province.settings.province}",
                                 datetime(as_of.year, as_of.month, as_of.day))


def records(province: Province, file: str) -> list:
    return list(getattr(province, file).values())


def reference_tables(province: Province, as_of: date, names: labelling.Labels
                     ) -> dict[str, tuple[str, list[str], list[list]]]:
    """The lists the drop-downs read (column A, as the record sheets show them), with each item's id."""
    orgs = province.organizations
    periods = sorted(between(province.settings.effective_date, date(as_of.year, 12, 31), "Q")
                     + between(province.settings.effective_date, date(as_of.year, 12, 31), "H"),
                     key=lambda p: p.sort_key())
    return {
        "members": ("Các đồng chí", ["Tên trong sổ", "Mã", "Chức vụ"],
                    [[names.label("members", m.id), m.id, m.title or ""] for m in province.members.values()]),
        "cells": ("Các chi bộ", ["Tên trong sổ", "Mã", "Đảng bộ"],
                  [[names.label("cells", c.id), c.id, orgs[c.organization].name] for c in province.cells.values()]),
        "areas": ("Các khu dân cư", ["Tên trong sổ", "Mã", "Đảng bộ"],
                  [[names.label("areas", a.id), a.id, orgs[a.organization].name] for a in province.areas.values()]),
        "periods": ("Các kỳ báo cáo", ["Kỳ", "Tên kỳ", "Từ ngày", "Đến ngày"],
                    [[p.code, p.label, p.start, p.end] for p in periods]),
    }


def reference_ranges(province: Province, as_of: date, sizes: dict[str, int], names: labelling.Labels
                     ) -> dict[str, str]:
    """The cells each drop-down list reads: column A of a reference sheet, or the attendance ids."""
    counts = {name: len(rows) for name, (_, _, rows) in reference_tables(province, as_of, names).items()}
    ranges = {name: f"'{REFERENCES[name]}'!$A${FIRST_ROW}:$A${FIRST_ROW + max(count, 1) - 1}"
              for name, count in counts.items()}
    attendance = SHEETS[0]
    last = FIRST_ROW + sizes["attendance"] + ROOM - 1
    ranges["attendance"] = f"'{attendance.title}'!$A${FIRST_ROW}:$A${last}"
    return ranges


def write_records(ws: Worksheet, sheet: RecordSheet, province: Province, as_of: date,
                  ranges: dict[str, str], names: labelling.Labels) -> None:
    title = f"{TITLES[sheet.file]} – {province.settings.province} – dữ liệu đến ngày {vi.day(as_of)}"
    rows = records(province, sheet.file)
    shown = [[shown_text(column, getattr(record, column.name, None), names) if column.field else ""
              for column in sheet.columns] for record in rows]
    widths, orientation = layout.widths([sheet_column(column, [row[n] for row in shown], names)
                                         for n, column in enumerate(sheet.columns)], MIN_SCALE)
    layout.set_widths(ws, widths)
    heading_rows(ws, title, [c.heading for c in sheet.columns], widths)
    for r, (record, texts) in enumerate(zip(rows, shown, strict=True), FIRST_ROW):
        for column, text in zip(sheet.columns, texts, strict=True):
            cell = ws.cell(row=r, column=column.letter_index)
            wrapped(cell)
            if column.field is not None:
                put(cell, column, getattr(record, column.name, None), text)
        ws.row_dimensions[r].height = layout.height(texts, widths)
    last = FIRST_ROW + len(rows) + ROOM - 1
    for column in sheet.columns:
        letter = get_column_letter(column.letter_index)
        area = f"{letter}{FIRST_ROW}:{letter}{last}"
        if column.kind == "date":
            ws.column_dimensions[letter].number_format = DATE_FORMAT  # for the dates typed in new rows
        listed = drop_down(column, ranges)
        if listed:
            validation = DataValidation(type="list", formula1=listed, allow_blank=True, errorStyle="warning",
                                        showErrorMessage=True, error="Giá trị không có trong danh sách.",
                                        errorTitle=column.heading)
            validation.add(area)
            ws.add_data_validation(validation)
    printable(ws, orientation)


def shown_text(column: Column, value, names: labelling.Labels) -> str:
    """A record's value as its cell shows it."""
    if value is None:
        return ""
    if column.kind == "date":
        return vi.day(value)
    if column.kind == "time":
        return vi.clock(value)
    if column.kind == "enum":
        return column.field.type.choices[value]
    if column.kind == "ref" and column.target in labelling.TARGETS:
        return names.label(column.target, value)
    return str(value)


def sheet_column(column: Column, texts: list[str], names: labelling.Labels) -> layout.Column:
    """The column as the layout sizes it: wide enough for its labels (the longest of the drop-down list)."""
    if column.kind == "ref" and column.target in labelling.TARGETS:
        texts = [*texts, names.widest(column.target, layout.text_width)]
    elif column.kind in ("enum", "delete"):
        texts = [*texts, *(column.field.type.choices.values() if column.field else ("x",))]
    return layout.Column(column.heading, texts, wraps=column.kind not in ("id", "date", "time"),
                         wide=TYPING.get(column.kind, 0.0), keep=LABELS if column.kind == "ref" else layout.FLOOR)


def drop_down(column: Column, ranges: dict[str, str]) -> str | None:
    if column.kind == "enum":
        return '"' + ",".join(column.field.type.choices.values()) + '"'
    if column.kind == "delete":
        return '"x"'
    if column.name == "period":
        return ranges["periods"]
    return ranges.get(column.target) if column.kind == "ref" else None


def wrapped(cell) -> None:
    """The cell wrapped at the top, as `WRAP`; the style is looked up once per workbook, not per cell
    (openpyxl hashes a style object each time one is set: a third of the time of a large workbook)."""
    book = cell.parent.parent
    style = getattr(book, "_wrapped_style", None)
    if style is None:
        cell.alignment = WRAP
        book._wrapped_style = copy(cell._style)
    else:
        cell._style = copy(style)


def put(cell, column: Column, value, text: str) -> None:
    if value is None:
        return
    if column.kind == "date":
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = text
        cell.data_type = "s"  # text, even when it starts with "="


def heading_rows(ws: Worksheet, title: str, headings: list[str], widths: list[float]) -> None:
    ws.cell(row=1, column=1, value=title).font = layout.font(bold=True, size=layout.TITLE_SIZE)
    ws.cell(row=1, column=1).alignment = WRAP
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headings))
    ws.row_dimensions[1].height = layout.height([title], [sum(widths)], bold=True, size=layout.TITLE_SIZE)
    for c, heading in enumerate(headings, 1):
        cell = ws.cell(row=HEADER_ROW, column=c, value=heading)
        cell.font = layout.font(bold=True)
        cell.fill = HEADING_FILL
        cell.alignment = WRAP
    ws.row_dimensions[HEADER_ROW].height = layout.height(headings, widths, bold=True)
    ws.freeze_panes = f"A{FIRST_ROW}"


def printable(ws: Worksheet, orientation: str) -> None:
    """A4, all columns on one page wide (landscape when they need it), the headings on every page."""
    layout.page_setup(ws, orientation, f"{HEADER_ROW}:{HEADER_ROW}")


def write_instructions(ws: Worksheet) -> None:
    width = 85.0  # A4 upright
    ws.column_dimensions["A"].width = width
    for r, line in enumerate(INSTRUCTION_LINES, 1):
        cell = ws.cell(row=r, column=1, value=line)
        cell.alignment = WRAP
        bold = r == 1
        ws.row_dimensions[r].height = layout.height([line], [width], bold=bold,
                                                    size=layout.TITLE_SIZE if bold else layout.SIZE)
    ws["A1"].font = layout.font(bold=True, size=layout.TITLE_SIZE)
    layout.page_setup(ws, "portrait", None)


def write_reference(ws: Worksheet, title: str, header: list[str], rows: list[list]) -> None:
    shown = [[vi.day(v) if isinstance(v, date) else str(v) for v in row] for row in rows]
    widths, orientation = layout.widths([layout.Column(h, [row[c] for row in shown], wraps=h not in UNWRAPPED)
                                         for c, h in enumerate(header)])
    layout.set_widths(ws, widths)
    heading_rows(ws, title, header, widths)
    one_line = layout.height([""], [1.0])
    for r, (row, texts) in enumerate(zip(rows, shown, strict=True), FIRST_ROW):
        tall = layout.height(texts, widths)
        for c, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=c, value=value)
            if tall > one_line:  # most rows hold one line: their cells keep the plain style, the row its height
                wrapped(cell)
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
            else:
                cell.data_type = "s"
        if tall > one_line:
            ws.row_dimensions[r].height = tall
    printable(ws, orientation)
