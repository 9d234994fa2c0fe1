"""Workbooks as Excel and LibreOffice Calc save them: serial and text dates, empty rows, formulas, merged titles."""

from __future__ import annotations

import shutil
from datetime import date

from generator.load.data import load

from ..support.files import write_data
from .books import (
    SHEET,
    copy_row,
    edit,
    export,
    find_row,
    import_,
    last_row,
    meeting_day,
    sample,
    set_cells,
    snapshot,
)

SERIAL_EPOCH = date(1899, 12, 30)


def twin(tmp_path, data):
    """A second copy of the data folder, to import another workbook into."""
    return shutil.copytree(data, tmp_path / "twin" / "data")


def test_a_workbook_saved_by_libreoffice_imports_the_same_as_the_original(tmp_path, soffice):
    data = sample(tmp_path)
    before = snapshot(data)
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb[SHEET]
    when = meeting_day(data, "dsh-pham-thu-ha-20260205", date(2026, 8, 1))
    copy_row(ws, find_row(ws, "dsh-pham-thu-ha-20260205"), last_row(ws) + 1, {"Mã": None, "Ngày": when})
    set_cells(ws, find_row(ws, "dsh-pham-thu-ha-20260205"), {"Giờ": "19:45"})
    wb.save(path)
    other = twin(tmp_path, data)
    converted = soffice(path, tmp_path / "calc")

    original = import_(data, path)
    saved_by_calc = import_(other, converted)

    assert original.code == saved_by_calc.code == 0, saved_by_calc.err
    assert snapshot(data) == snapshot(other) != before
    assert original.out.replace(str(data), "") == saved_by_calc.out.replace(str(other), "")


def test_an_unedited_workbook_saved_by_libreoffice_leaves_data_byte_for_byte(tmp_path, soffice):
    data = sample(tmp_path)
    before = snapshot(data)
    converted = soffice(export(data, tmp_path / "so.xlsx"), tmp_path / "calc")
    result = import_(data, converted)
    assert result.code == 0, result.err
    assert snapshot(data) == before


def small(tmp_path):
    data = write_data(tmp_path / "data")
    return data, export(data, tmp_path / "so.xlsx")


def test_dates_typed_as_serial_numbers_or_as_day_month_year_text_are_the_same_dates(tmp_path):
    data, path = small(tmp_path)
    wb = edit(path)
    ws = wb[SHEET]
    row = {"Đồng chí": "bch-two", "Chi bộ": "cb-thon-1"}
    set_cells(ws, 3, {**row, "Ngày": (date(2026, 3, 5) - SERIAL_EPOCH).days})
    set_cells(ws, 6, {**row, "Ngày": "5/4/2026"})  # rows 4 and 5 left empty
    set_cells(ws, 9, {**row, "Ngày": "2026-07-05"})
    wb.save(path)

    result = import_(data, path)

    assert result.code == 0, result.err
    assert [r.date for r in load(data).attendance.values()] == [date(2026, 3, 5), date(2026, 4, 5), date(2026, 7, 5)]
    assert f"+ dsh-bch-two-20260405 ({SHEET} dòng 6)" in result.out


def test_formulas_are_read_as_the_values_the_spreadsheet_computed(tmp_path, soffice):
    data, path = small(tmp_path)
    wb = edit(path)
    ws = wb[SHEET]
    set_cells(ws, 3, {"Đồng chí": '="bch-"&"two"', "Chi bộ": "cb-thon-1", "Ngày": "=DATE(2026,3,5)"})
    wb.save(path)
    converted = soffice(path, tmp_path / "calc")

    result = import_(data, converted)

    assert result.code == 0, result.err
    record = load(data).attendance["dsh-bch-two-20260305"]
    assert (record.member, record.date) == ("bch-two", date(2026, 3, 5))


def test_the_headings_are_found_below_added_title_rows_and_in_another_column_order(tmp_path):
    data, path = small(tmp_path)
    wb = edit(path)
    ws = wb[SHEET]
    ws.insert_rows(1, amount=2)
    ws["A1"] = "SỔ GHI CỦA BAN TỔ CHỨC"
    ws.merge_cells("A1:F2")
    ws.move_range("B4:B1000", cols=20)  # the member column moved to the far right
    ws.cell(row=5, column=22).value = "Trần Thị Hai"
    set_cells_at(ws, 5, {3: "cb-thon-1", 5: date(2026, 3, 5)})
    wb.save(path)

    result = import_(data, path)

    assert result.code == 0, result.err
    assert f"+ dsh-bch-two-20260305 ({SHEET} dòng 5)" in result.out


def set_cells_at(ws, row, values):
    for column, value in values.items():
        ws.cell(row=row, column=column).value = value


def test_a_sheet_without_a_required_column_is_refused_once_at_its_heading_row(tmp_path):
    data, path = small(tmp_path)
    wb = edit(path)
    ws = wb[SHEET]
    set_cells_at(ws, 3, {1: "dsh-moi", 2: "bch-two", 3: "cb-thon-1", 5: date(2026, 3, 5)})
    ws.delete_cols(5)  # the date column
    wb.save(path)

    result = import_(data, path)

    assert result.code == 1
    assert result.err.startswith(f"{SHEET}!A2: dòng tiêu đề\n    → thiếu cột “Ngày” ở dòng tiêu đề; ")
    assert "Sổ có 1 lỗi" in result.err
