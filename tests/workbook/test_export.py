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


def listed(ws) -> dict[str, str]:
    """A reference sheet: what its drop-down list offers (column A) → the id beside it (column B, “Mã”)."""
    assert [c.value for c in ws[2]][:2] == ["Tên trong sổ", "Mã"]
    return {row[0].value: row[1].value for row in ws.iter_rows(min_row=3) if row[0].value}


def test_member_cell_and_area_columns_show_the_labels_their_drop_down_lists_offer_and_ids_stay_beside_them(tmp_path):
    province, wb = exported(tmp_path)
    members, cells, areas = (listed(wb[name]) for name in ("Đồng chí", "Chi bộ", "Khu dân cư"))
    assert sorted(members.values()) == sorted(province.members)
    assert sorted(cells.values()) == sorted(province.cells)
    assert sorted(areas.values()) == sorted(province.areas)
    for label, area_id in areas.items():
        area = province.areas[area_id]
        organization = province.organizations[area.organization].name.removeprefix("Đảng bộ ")
        assert label in (area.name, f"{area.name} – {organization}"), label
    ws = wb[SHEET]
    columns = headings(ws)
    for record in province.attendance.values():
        row = find_row(ws, record.id)
        assert members[ws.cell(row=row, column=columns["Đồng chí"]).value] == record.member
        shown = ws.cell(row=row, column=columns["Chi bộ" if record.cell else "Khu dân cư"]).value
        assert (cells if record.cell else areas)[shown] == (record.cell or record.area)
    for cell_id, cell in province.cells.items():
        label = next(label for label, i in cells.items() if i == cell_id)
        organization = province.organizations[cell.organization].name.removeprefix("Đảng bộ ")
        assert label.startswith(cell.name) and (label.endswith(f" – {organization}") or label == cell.name), label


def test_columns_are_wide_enough_for_their_labels_and_ids_and_wrap_the_rest(tmp_path):
    from generator.exports import layout
    from generator.workbook.export import LABELS
    _, wb = exported(tmp_path)
    ws = wb[SHEET]
    columns = headings(ws)
    width = {h: ws.column_dimensions[ws.cell(row=2, column=c).column_letter].width for h, c in columns.items()}
    ids = [c.value for c in ws["A"][2:] if c.value]
    assert layout.room(width["Mã"]) >= max(layout.text_width(i) for i in ids)
    cells = [c.value for c in wb["Chi bộ"]["A"][2:] if c.value]
    longest = max(cells, key=layout.text_width)
    assert layout.room(width["Chi bộ"]) >= min(layout.text_width(longest), layout.room(LABELS)), longest
    for row in ws.iter_rows(min_row=3, max_row=len(ids) + 2):
        assert all(c.alignment.wrap_text for c in row)
        texts = [str(c.value) if c.value is not None and c.column_letter != "E" else "" for c in row]
        lines = max(layout.lines(t, layout.room(width[ws.cell(row=2, column=n + 1).value])) for n, t in enumerate(texts))
        assert ws.row_dimensions[row[0].row].height >= lines * 13.8, row[0].value  # 13.8 pt: a line of 12 pt type


def test_the_record_sheets_print_landscape_one_page_wide_with_the_headings_on_every_page(tmp_path):
    _, wb = exported(tmp_path)
    ws = wb[SHEET]
    assert ws.page_setup.orientation == "landscape"  # eleven columns: they do not fit upright
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$2:$2"


def test_the_same_data_and_date_give_the_same_workbook_bytes(tmp_path):
    data = sample(tmp_path)
    first = export(data, tmp_path / "a.xlsx").read_bytes()
    assert export(data, tmp_path / "b.xlsx").read_bytes() == first
