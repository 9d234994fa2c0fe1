"""Write the records of a province to a workbook the clerks fill in Excel or LibreOffice Calc.

One sheet per record file (attendance, visits, reports, grievances), then the
instructions, then the reference sheets that the drop-down lists read. Row 1 is
a merged title, row 2 the headings (frozen, repeated on every printed page),
records from row 3 with their id.
"""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..exports import zipfix
from ..load.schema import TITLES
from ..model import Province, names, vi
from ..model.periods import between
from .sheets import INSTRUCTIONS, REFERENCES, SHEETS, Column, RecordSheet

HEADER_ROW = 2
FIRST_ROW = 3
ROOM = 1000  # empty rows below the records that keep the drop-down lists and date format
DATE_FORMAT = "DD/MM/YYYY"
HEADING_FILL = PatternFill("solid", fgColor="DDEBF7")

INSTRUCTION_LINES = (
    "Sổ ghi các lần dự sinh hoạt, lịch dự, báo cáo và vấn đề bức xúc",
    "",
    "1. Mỗi dòng là một bản ghi. Các trang “Dự sinh hoạt”, “Lịch dự”, “Báo cáo”, “Vấn đề bức xúc” "
    "tương ứng với các tệp attendance.yml, visits.yml, reports.yml, grievances.yml trong thư mục data/.",
    "2. Thêm bản ghi: ghi vào dòng trống đầu tiên (có thể chép một dòng có sẵn rồi sửa). "
    "Để trống cột “Mã”: chương trình tự đặt mã theo nội dung dòng.",
    "3. Sửa bản ghi: sửa ngay trên dòng đó, giữ nguyên cột “Mã”.",
    "4. Xóa bản ghi: ghi x vào cột “Xóa (ghi x)”. Xóa hẳn một dòng khỏi trang KHÔNG xóa bản ghi.",
    "5. Cột “Đồng chí”, “Chi bộ”, “Khu dân cư”: chọn mã trong danh sách thả xuống, hoặc ghi họ tên, tên "
    "(có dấu hay không dấu, chữ hoa hay thường đều được) khi tên đó chỉ khớp một mục. "
    "Mã và tên đầy đủ có ở các trang “Đồng chí”, “Chi bộ”, “Khu dân cư”.",
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
    sizes = {sheet.file: len(records(province, sheet.file)) for sheet in SHEETS}
    ranges = reference_ranges(province, as_of, sizes)
    for sheet in SHEETS:
        write_records(book.create_sheet(sheet.title), sheet, province, as_of, ranges)
    write_instructions(book.create_sheet(INSTRUCTIONS))
    for name, (title, header, rows) in reference_tables(province, as_of).items():
        write_reference(book.create_sheet(REFERENCES[name]), title, header, rows)
    return zipfix.workbook_bytes(book, f"Sổ ghi bản ghi – {province.settings.province}",
                                 datetime(as_of.year, as_of.month, as_of.day))


def records(province: Province, file: str) -> list:
    return list(getattr(province, file).values())


def reference_tables(province: Province, as_of: date) -> dict[str, tuple[str, list[str], list[list]]]:
    orgs = province.organizations
    periods = sorted(between(province.settings.effective_date, date(as_of.year, 12, 31), "Q")
                     + between(province.settings.effective_date, date(as_of.year, 12, 31), "H"),
                     key=lambda p: p.sort_key())
    return {
        "members": ("Các đồng chí", ["Mã", "Họ và tên", "Chức vụ"],
                    [[m.id, m.name, m.title or ""] for m in province.members.values()]),
        "cells": ("Các chi bộ", ["Mã", "Tên", "Đảng bộ"],
                  [[c.id, c.name, orgs[c.organization].name] for c in province.cells.values()]),
        "areas": ("Các khu dân cư", ["Mã", "Tên", "Đảng bộ"],
                  [[a.id, a.name, orgs[a.organization].name] for a in province.areas.values()]),
        "periods": ("Các kỳ báo cáo", ["Kỳ", "Tên kỳ", "Từ ngày", "Đến ngày"],
                    [[p.code, p.label, p.start, p.end] for p in periods]),
    }


def reference_ranges(province: Province, as_of: date, sizes: dict[str, int]) -> dict[str, str]:
    """The cells each drop-down list reads: column A of a reference sheet, or the attendance ids."""
    counts = {name: len(rows) for name, (_, _, rows) in reference_tables(province, as_of).items()}
    ranges = {name: f"'{REFERENCES[name]}'!$A${FIRST_ROW}:$A${FIRST_ROW + max(count, 1) - 1}"
              for name, count in counts.items()}
    attendance = SHEETS[0]
    last = FIRST_ROW + sizes["attendance"] + ROOM - 1
    ranges["attendance"] = f"'{attendance.title}'!$A${FIRST_ROW}:$A${last}"
    return ranges


def write_records(ws: Worksheet, sheet: RecordSheet, province: Province, as_of: date,
                  ranges: dict[str, str]) -> None:
    title = f"{TITLES[sheet.file]} – {province.settings.province} – dữ liệu đến ngày {vi.day(as_of)}"
    heading_rows(ws, title, [c.heading for c in sheet.columns])
    rows = records(province, sheet.file)
    for r, record in enumerate(rows, FIRST_ROW):
        for column in sheet.columns:
            if column.field is not None:
                put(ws.cell(row=r, column=column.letter_index), column, getattr(record, column.name, None))
    last = FIRST_ROW + len(rows) + ROOM - 1
    for column in sheet.columns:
        letter = get_column_letter(column.letter_index)
        ws.column_dimensions[letter].width = column.width
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
    printable(ws, len(sheet.columns))


def drop_down(column: Column, ranges: dict[str, str]) -> str | None:
    if column.kind == "enum":
        return '"' + ",".join(column.field.type.choices.values()) + '"'
    if column.kind == "delete":
        return '"x"'
    if column.name == "period":
        return ranges["periods"]
    return ranges.get(column.target) if column.kind == "ref" else None


def put(cell, column: Column, value) -> None:
    if value is None:
        return
    if column.kind == "date":
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif column.kind == "time":
        cell.value = vi.clock(value)
        cell.data_type = "s"
    elif column.kind == "enum":
        cell.value = column.field.type.choices[value]
    else:
        cell.value = str(value)
        cell.data_type = "s"  # text, even when it starts with "="
        if "\n" in cell.value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def heading_rows(ws: Worksheet, title: str, headings: list[str]) -> None:
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headings))
    for c, heading in enumerate(headings, 1):
        cell = ws.cell(row=HEADER_ROW, column=c, value=heading)
        cell.font = Font(bold=True)
        cell.fill = HEADING_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = f"A{FIRST_ROW}"


def printable(ws: Worksheet, width: int) -> None:
    """A4 landscape, all columns on one page wide, the headings repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "Trang &P / &N"


def write_instructions(ws: Worksheet) -> None:
    ws.column_dimensions["A"].width = 120
    for r, line in enumerate(INSTRUCTION_LINES, 1):
        cell = ws.cell(row=r, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=13)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0


def write_reference(ws: Worksheet, title: str, header: list[str], rows: list[list]) -> None:
    heading_rows(ws, title, header)
    for r, row in enumerate(rows, FIRST_ROW):
        for c, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
            else:
                cell.data_type = "s"
    for c, heading in enumerate(header, 1):
        ws.column_dimensions[get_column_letter(c)].width = 14 if c == 1 and heading == "Kỳ" else 36
    printable(ws, len(header))
