"""`workbook import`: what a clerk's filled workbook does to data/, and what they read when it is refused."""

from __future__ import annotations

from datetime import date, timedelta

from generator.load.data import load
from generator.model.tree import Tree
from generator.rules.compliance import record_warnings
from generator.rules.obligations import evaluate

from ..support.files import write_data
from .books import (
    AS_OF,
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

TODAY = date.fromisoformat(AS_OF)


def statuses(data) -> dict:
    province = load(data)
    evaluation = evaluate(province, TODAY, Tree(province))
    return {(o.member, o.rule.code, o.period.code): o for o in evaluation.obligations}


def missed_and_met(data):
    """A member with an attendance obligation missed in one period and met (by a record) in another of its rule."""
    found = statuses(data)
    for (member, code, period), o in found.items():
        if o.status != "missed" or o.rule.kind != "attend":
            continue
        for (other_member, other_code, _), met in found.items():
            if (other_member, other_code) == (member, code) and met.status == "met" and met.met_by:
                return (member, code, period), o, met.met_by
    raise AssertionError("the sample has no missed obligation next to a met one")


def test_an_exported_workbook_imported_without_edits_leaves_data_byte_for_byte(tmp_path):
    data = sample(tmp_path)
    before = snapshot(data)
    book = export(data, tmp_path / "so.xlsx")
    result = import_(data, book)
    assert result.code == 0, result.err
    assert "Không có gì thay đổi" in result.out
    assert snapshot(data) == before


def test_unchanged_rows_that_cannot_count_pass_as_they_are(tmp_path):
    data = sample(tmp_path)
    province = load(data)
    tree = Tree(province)
    assert record_warnings(province, evaluate(province, TODAY, tree), tree), "the sample should hold such records"
    result = import_(data, export(data, tmp_path / "so.xlsx"))
    assert result.code == 0, result.err


def test_a_copied_attendance_row_with_a_new_date_and_no_id_adds_exactly_that_record(tmp_path):
    data = sample(tmp_path)
    (member, code, period), missed, source_id = missed_and_met(data)
    when = meeting_day(data, source_id, max(missed.period.start, load(data).settings.effective_date) + timedelta(days=1))
    before = snapshot(data)
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb[SHEET]
    row = last_row(ws) + 1
    copy_row(ws, find_row(ws, source_id), row, {"Mã": None, "Ngày": when})
    wb.save(path)

    result = import_(data, path)

    assert result.code == 0, result.err
    new_id = f"dsh-{member}-{when:%Y%m%d}"
    assert f"+ {new_id} ({SHEET} dòng {row})" in result.out
    after = snapshot(data)
    assert {name for name in before if before[name] != after[name]} == {"attendance.yml"}
    added = after["attendance.yml"].decode()
    assert added.startswith(before["attendance.yml"].decode())
    lines = added[len(before["attendance.yml"].decode()):].splitlines()
    assert lines[:2] == ["", f"- id: {new_id}"]
    assert f"  date: {when.isoformat()}" in lines
    province = load(data)
    assert province.attendance[new_id].date == when
    assert len(province.attendance) == len(load(tmp_path / "data").attendance)
    from .books import command
    assert command(data, "check").code == 0
    assert missed.status == "missed"
    assert statuses(data)[(member, code, period)].status in ("met", "late")


def test_the_same_workbook_imported_twice_adds_the_new_row_once(tmp_path):
    data = sample(tmp_path)
    _, missed, source_id = missed_and_met(data)
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb[SHEET]
    copy_row(ws, find_row(ws, source_id), last_row(ws) + 1,
             {"Mã": None, "Ngày": meeting_day(data, source_id, max(missed.period.start, date(2026, 1, 5)) + timedelta(days=1))})
    wb.save(path)
    assert import_(data, path).code == 0
    once = snapshot(data)
    second = import_(data, path)
    assert second.code == 0, second.err
    assert "Không có gì thay đổi" in second.out
    assert snapshot(data) == once


def test_bad_rows_are_refused_with_their_sheet_and_cell_and_data_stays_untouched(tmp_path):
    data = sample(tmp_path)
    before = snapshot(data)
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb[SHEET]
    first, end = 3, last_row(ws)
    copy_row(ws, first, end + 1, {"Mã": None, "Chi bộ": "chi-bo-khong-co"})
    copy_row(ws, first, end + 2, {"Mã": None, "Ngày": "31/02/2026"})
    copy_row(ws, first, end + 3, {"Ngày": date(2026, 3, 3)})  # the id kept: a duplicate
    wb.save(path)

    result = import_(data, path)

    assert result.code == 1
    assert f"{SHEET}!C{end + 1}: Chi bộ = “chi-bo-khong-co”\n    → không có mục nào trong cells.yml" in result.err
    assert f"{SHEET}!E{end + 2}: Ngày = “31/02/2026”\n    → ngày không có thật trên lịch" in result.err
    duplicate = ws.cell(row=first, column=1).value
    assert f"{SHEET}!A{end + 3}: Mã = “{duplicate}”\n    → mã bị trùng với mục ở dòng {first}" in result.err
    assert "chưa ghi gì vào dữ liệu" in result.err
    assert snapshot(data) == before


def test_a_changed_cell_changes_only_its_line_in_the_data_file(tmp_path):
    data = sample(tmp_path)
    before = (data / "attendance.yml").read_text(encoding="utf-8").splitlines()
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb[SHEET]
    record = "dsh-pham-thu-ha-20260205"
    set_cells(ws, find_row(ws, record), {"Giải pháp, góp ý": "Đề nghị tổ chức đối thoại với nhân dân."})
    wb.save(path)

    result = import_(data, path)

    assert result.code == 0, result.err
    assert f"~ {record} ({SHEET} dòng {find_row(ws, record)}): Giải pháp, góp ý" in result.out
    after = (data / "attendance.yml").read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("  solutions: Đề nghị đưa nội dung chuyển đổi số vào sinh hoạt chuyên đề quý tới.",
                        "  solutions: Đề nghị tổ chức đối thoại với nhân dân.")]


def test_a_changed_row_of_a_record_that_cannot_count_is_refused_with_the_reason(tmp_path):
    data = sample(tmp_path)
    before = snapshot(data)
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb[SHEET]
    row = find_row(ws, "dsh-mai-kim-trang-20260103")  # before the regulation took effect: listed, and kept
    set_cells(ws, row, {"Giải pháp, góp ý": "Đề nghị tổ chức đối thoại với nhân dân."})
    wb.save(path)

    result = import_(data, path)

    assert result.code == 1
    assert (f"{SHEET}!E{row}: Ngày = “03/01/2026”\n    → bản ghi này sẽ không được tính cho nghĩa vụ nào: "
            "ngày 03/01/2026 trước ngày bắt đầu tính việc thực hiện Quy định (05/01/2026)") in result.err
    assert snapshot(data) == before


def test_a_row_is_deleted_only_when_marked_never_by_being_absent(tmp_path):
    data = sample(tmp_path)
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb[SHEET]
    marked = ws.cell(row=4, column=1).value
    set_cells(ws, 4, {"Xóa (ghi x)": "x"})
    absent = ws.cell(row=5, column=1).value
    ws.delete_rows(5)
    wb.save(path)

    result = import_(data, path)

    assert result.code == 0, result.err
    assert f"- {marked} ({SHEET} dòng 4)" in result.out
    province = load(data)
    assert marked not in province.attendance
    assert absent in province.attendance
    text = (data / "attendance.yml").read_text(encoding="utf-8")
    assert f"id: {marked}\n" not in text and "\n\n\n" not in text


def test_dry_run_prints_what_would_change_and_writes_nothing(tmp_path):
    data = sample(tmp_path)
    before = snapshot(data)
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb[SHEET]
    set_cells(ws, 4, {"Xóa (ghi x)": "x"})
    wb.save(path)

    result = import_(data, path, "--dry-run")

    assert result.code == 0, result.err
    assert "data/attendance.yml: thêm 0, sửa 0, xóa 1" in result.out.replace(str(data.parent) + "/", "")
    assert "--dry-run" in result.out
    assert snapshot(data) == before


def test_member_and_cell_accept_a_name_without_diacritics_in_any_case_or_a_name_with_its_id(tmp_path):
    data = sample(tmp_path)
    province = load(data)
    record = province.attendance["dsh-mai-kim-trang-20260103"]
    member = province.members[record.member].name
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb[SHEET]
    row = find_row(ws, record.id)
    set_cells(ws, row, {"Đồng chí": "MAI KIM TRANG", "Chi bộ": f"Chi bộ Tổ dân phố 2 ({record.cell})"})
    wb.save(path)
    assert member == "Mai Kim Trang"

    result = import_(data, path)

    assert result.code == 0, result.err
    assert "Không có gì thay đổi" in result.out  # the same member and cell, written otherwise
    wb = edit(path)
    set_cells(wb[SHEET], row, {"Đồng chí": "mai kim trang", "Chi bộ": record.cell.upper()})
    wb.save(path)
    assert "Không có gì thay đổi" in import_(data, path).out


def test_a_name_that_matches_several_cells_is_refused_with_the_candidates(tmp_path):
    data = sample(tmp_path)
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb[SHEET]
    set_cells(ws, 3, {"Chi bộ": "chi bo to dan pho 1"})
    set_cells(ws, 4, {"Đồng chí": "Nguyễn Văn Không Có"})
    wb.save(path)

    result = import_(data, path)

    assert result.code == 1
    assert f"{SHEET}!C3: Chi bộ = “chi bo to dan pho 1”\n    → tên này khớp" in result.err
    assert "Chi bộ Tổ dân phố 1 (phuong-an-lac-cb-1)" in result.err
    assert f"{SHEET}!B4: Đồng chí = “Nguyễn Văn Không Có”\n    → không có đồng chí nào mang mã hoặc tên này" in result.err


def test_a_new_report_for_a_period_the_member_does_not_report_on_is_refused_with_the_reason(tmp_path):
    data = sample(tmp_path)
    before = snapshot(data)
    province = load(data)
    report = next(iter(province.reports.values()))
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb["Báo cáo"]
    row = last_row(ws) + 1
    copy_row(ws, find_row(ws, report.id), row, {"Mã": None, "Kỳ báo cáo": "2026-Q1"})
    wb.save(path)

    result = import_(data, path)

    assert result.code == 1
    assert f"Báo cáo!C{row}: Kỳ báo cáo = “2026-Q1”\n    → bản ghi này sẽ không được tính cho nghĩa vụ nào: " \
        in result.err
    assert snapshot(data) == before


def test_a_row_whose_only_problem_is_its_own_cell_is_refused_at_that_cell_alone(tmp_path):
    data = write_data(tmp_path / "data")
    before = snapshot(data)
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    set_cells(wb["Lịch dự"], 3, {"Đồng chí": "bch-two", "Chi bộ": "cb-thon-1", "Ngày": date(2026, 12, 5),
                                  "Trạng thái": "Chưa biết"})
    wb.save(path)

    result = import_(data, path)

    assert result.code == 1
    assert "Lịch dự!G3: Trạng thái = “Chưa biết”\n    → cần một trong: proposed (đề xuất)" in result.err
    assert "Sổ có 1 lỗi; chưa ghi gì vào dữ liệu." in result.err
    assert snapshot(data) == before


def test_a_file_that_is_not_an_xlsx_workbook_is_refused_in_one_sentence(tmp_path):
    data = sample(tmp_path)
    for name, content in (("so.xlsx", b"member,cell\n"), ("so.xls", b"\xd0\xcf\x11\xe0"), ("so.ods", b"PK\x03\x04")):
        path = tmp_path / name
        path.write_bytes(content)
        result = import_(data, path)
        assert result.code == 1
        assert result.err == (f"{path}: không đọc được tệp này như một sổ Excel (.xlsx); hãy lưu sổ dạng .xlsx "
                              "(Excel Workbook, hoặc “Excel 2007-365” trong LibreOffice Calc) rồi nhập lại\n")


def test_the_cross_checks_of_the_data_point_at_the_cell_of_the_row(tmp_path):
    data = write_data(tmp_path / "data")
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb["Lịch dự"]
    set_cells(ws, 3, {"Đồng chí": "bch-two", "Chi bộ": "cb-thon-1", "Ngày": date(2026, 12, 6),
                      "Trạng thái": "đã xác nhận"})
    set_cells(ws, 4, {"Đồng chí": "bch-two", "Chi bộ": "cb-thon-1", "Ngày": date(2026, 12, 5),
                      "Trạng thái": "Chưa biết"})
    wb.save(path)

    result = import_(data, path)

    assert result.code == 1
    assert ("Lịch dự!E3: Ngày = “06/12/2026”\n    → ngày này cb-thon-1 không họp theo lịch; "
            "nếu đúng là ngày đó, đây là một buổi họp thêm: ghi giờ họp (time: \"HH:MM\") để ghi nhận nó, "
            "nếu không hãy sửa ngày") in result.err
    assert "Lịch dự!G4: Trạng thái = “Chưa biết”\n    → cần một trong: proposed (đề xuất)" in result.err
