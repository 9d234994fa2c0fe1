"""`workbook export`: the workbook a clerk opens, as Excel or LibreOffice Calc shows it."""

from __future__ import annotations

from datetime import datetime

import openpyxl

from generator.load.data import load
from generator.load.schema import FILES
from generator.workbook.sheets import HEADINGS, SHEETS

from .books import SHEET, export, find_row, headings, sample


def exported(tmp_path):
    data = sample(tmp_path)
    return load(data), openpyxl.load_workbook(export(data, tmp_path / "so.xlsx"))


def test_the_sheets_are_the_record_files_in_order_then_instructions_then_references(tmp_path):
    _, wb = exported(tmp_path)
    assert wb.sheetnames == ["Dự sinh hoạt", "Lịch dự", "Báo cáo", "Vấn đề bức xúc", "Hướng dẫn",
                             "Đồng chí", "Chi bộ", "Khu dân cư", "Kỳ báo cáo"]
    instructions = " ".join(str(c.value) for c in wb["Hướng dẫn"]["A"] if c.value)
    assert "Để trống cột “Mã”" in instructions and "ghi x vào cột “Xóa (ghi x)”" in instructions


def test_every_record_is_a_row_with_its_id_under_vietnamese_headings(tmp_path):
    province, wb = exported(tmp_path)
    ws = wb[SHEET]
    assert list(headings(ws)) == ["Mã", "Đồng chí", "Chi bộ", "Khu dân cư", "Ngày", "Giờ", "Chất lượng sinh hoạt",
                                  "Tình hình, tư tưởng", "Khó khăn, bức xúc", "Giải pháp, góp ý", "Xóa (ghi x)"]
    ids = [c.value for c in ws["A"][2:] if c.value]
    assert ids == list(province.attendance)
    assert [c.value for c in wb["Báo cáo"]["A"][2:] if c.value] == list(province.reports)
    assert [c.value for c in wb["Vấn đề bức xúc"]["A"][2:] if c.value] == list(province.grievances)
    assert wb["Lịch dự"].cell(row=3, column=7).value == "đã xác nhận"


def test_every_field_of_the_record_files_has_a_vietnamese_heading(tmp_path):
    for sheet in SHEETS:
        assert {f.name for f in FILES[sheet.file].item.fields} <= set(HEADINGS), sheet.file


def test_dates_are_real_dates_shown_day_month_year_and_the_heading_is_frozen(tmp_path):
    province, wb = exported(tmp_path)
    ws = wb[SHEET]
    record = next(iter(province.attendance.values()))
    cell = ws.cell(row=find_row(ws, record.id), column=headings(ws)["Ngày"])
    assert cell.value == datetime(record.date.year, record.date.month, record.date.day)
    assert cell.number_format == "DD/MM/YYYY"
    assert ws.freeze_panes == "A3"
    assert "A1:K1" in {str(r) for r in ws.merged_cells.ranges}


def test_members_cells_areas_periods_and_statuses_are_drop_down_lists(tmp_path):
    _, wb = exported(tmp_path)
    lists = {}
    for sheet in ("Dự sinh hoạt", "Lịch dự", "Báo cáo", "Vấn đề bức xúc"):
        columns = {v: k for k, v in headings(wb[sheet]).items()}
        for validation in wb[sheet].data_validations.dataValidation:
            column = columns[min(r.min_col for r in validation.sqref.ranges)]
            lists[(sheet, column)] = validation.formula1
    assert lists[("Dự sinh hoạt", "Đồng chí")].startswith("'Đồng chí'!$A$3:$A$")
    assert lists[("Dự sinh hoạt", "Chi bộ")].startswith("'Chi bộ'!$A$3:$A$")
    assert lists[("Dự sinh hoạt", "Khu dân cư")].startswith("'Khu dân cư'!$A$3:$A$")
    assert lists[("Báo cáo", "Kỳ báo cáo")].startswith("'Kỳ báo cáo'!$A$3:$A$")
    assert lists[("Lịch dự", "Trạng thái")] == '"đề xuất,đã xác nhận,đã hủy"'
    assert lists[("Vấn đề bức xúc", "Tình trạng")] == '"chưa giải quyết,đang giải quyết,đã giải quyết"'
    assert lists[("Vấn đề bức xúc", "Buổi dự sinh hoạt")].startswith("'Dự sinh hoạt'!$A$3:$A$")
    periods = [c.value for c in wb["Kỳ báo cáo"]["A"][2:] if c.value]
    assert periods[:3] == ["2026-H1", "2026-Q1", "2026-Q2"]
    members = {c.value for c in wb["Đồng chí"]["A"][2:] if c.value}
    assert "mai-kim-trang" in members


def test_the_record_sheets_print_landscape_one_page_wide_with_the_headings_on_every_page(tmp_path):
    _, wb = exported(tmp_path)
    ws = wb[SHEET]
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$2:$2"


def test_the_same_data_and_date_give_the_same_workbook_bytes(tmp_path):
    data = sample(tmp_path)
    first = export(data, tmp_path / "a.xlsx").read_bytes()
    assert export(data, tmp_path / "b.xlsx").read_bytes() == first
