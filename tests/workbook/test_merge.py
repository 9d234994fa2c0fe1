"""The merge into data/*.yml keeps what it does not change: comments, key order, quoting, blank lines."""

from __future__ import annotations

from datetime import date

from generator.load.data import load

from ..support.files import write_data
from .books import SHEET, copy_row, edit, export, find_row, import_, last_row, set_cells

HAND_WRITTEN = """\
# yaml-language-server: $schema=../schema/attendance.schema.json
# Ghi chú đầu tệp.

- id: dsh-a   # ghi chú cuối dòng
  date: 2026-03-05     # ngày trước đồng chí: thứ tự khóa của người ghi
  member: "bch-two"
  cell: 'cb-thon-1'
  # ghi chú giữa bản ghi
  quality: Tốt.


# ghi chú trước bản ghi sau
- id: dsh-b
  member: bch-two
  cell: cb-thon-1
  date: 05/04/2026
"""


def hand_written(tmp_path, text=HAND_WRITTEN):
    data = write_data(tmp_path / "data", attendance=text)
    return data, export(data, tmp_path / "so.xlsx")


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    return [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]


def test_a_changed_value_is_replaced_where_it_stands_and_nothing_else_moves(tmp_path):
    data, path = hand_written(tmp_path)
    wb = edit(path)
    set_cells(wb[SHEET], find_row(wb[SHEET], "dsh-a"), {"Chất lượng sinh hoạt": "Sinh hoạt đúng nội dung."})
    wb.save(path)

    result = import_(data, path)

    assert result.code == 0, result.err
    after = (data / "attendance.yml").read_text(encoding="utf-8")
    assert changed_lines(HAND_WRITTEN, after) == [("  quality: Tốt.", "  quality: Sinh hoạt đúng nội dung.")]


def test_a_new_key_goes_to_its_place_in_the_schema_order_and_an_emptied_cell_drops_its_key(tmp_path):
    data, path = hand_written(tmp_path)
    wb = edit(path)
    ws = wb[SHEET]
    set_cells(ws, find_row(ws, "dsh-b"), {"Giờ": "19:30"})
    set_cells(ws, find_row(ws, "dsh-a"), {"Chất lượng sinh hoạt": None})
    wb.save(path)

    result = import_(data, path)

    assert result.code == 0, result.err
    after = (data / "attendance.yml").read_text(encoding="utf-8")
    assert after == HAND_WRITTEN.replace("  quality: Tốt.\n", "").replace(
        "  date: 05/04/2026\n", "  date: 05/04/2026\n  time: '19:30'\n")
    assert load(data).attendance["dsh-b"].time.hour == 19


def test_a_deleted_last_record_takes_its_lines_and_leaves_the_comments(tmp_path):
    data, path = hand_written(tmp_path)
    wb = edit(path)
    set_cells(wb[SHEET], find_row(wb[SHEET], "dsh-b"), {"Xóa (ghi x)": "x"})
    wb.save(path)

    assert import_(data, path).code == 0
    after = (data / "attendance.yml").read_text(encoding="utf-8")
    assert after == HAND_WRITTEN[: HAND_WRITTEN.index("- id: dsh-b")]
    assert list(load(data).attendance) == ["dsh-a"]


def test_new_records_follow_the_layout_of_the_file(tmp_path):
    data, path = hand_written(tmp_path)
    wb = edit(path)
    ws = wb[SHEET]
    copy_row(ws, find_row(ws, "dsh-b"), last_row(ws) + 1,
             {"Mã": None, "Ngày": date(2026, 7, 5), "Giờ": "19:30", "Tình hình, tư tưởng": "Dòng một.\nDòng hai.",
              "Giải pháp, góp ý": "- yes: 2026-01-01"})
    wb.save(path)

    result = import_(data, path)

    assert result.code == 0, result.err
    after = (data / "attendance.yml").read_text(encoding="utf-8")
    assert after == HAND_WRITTEN + (
        "\n- id: dsh-bch-two-20260705\n  member: bch-two\n  cell: cb-thon-1\n  date: 2026-07-05\n  time: '19:30'\n"
        "  situation: |-\n    Dòng một.\n    Dòng hai.\n  solutions: '- yes: 2026-01-01'\n")
    record = load(data).attendance["dsh-bch-two-20260705"]
    assert (record.situation, record.solutions) == ("Dòng một.\nDòng hai.", "- yes: 2026-01-01")


def test_an_empty_list_becomes_a_list_of_records_under_the_comments(tmp_path):
    data = write_data(tmp_path / "data", attendance="# Các lần dự sinh hoạt.\n\n[]\n")
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb[SHEET]
    set_cells(ws, 3, {"Đồng chí": "Trần Thị Hai", "Chi bộ": "Chi bộ Thôn 1", "Ngày": date(2026, 3, 5)})
    wb.save(path)

    result = import_(data, path)

    assert result.code == 0, result.err
    assert (data / "attendance.yml").read_text(encoding="utf-8") == (
        "# Các lần dự sinh hoạt.\n\n- id: dsh-bch-two-20260305\n  member: bch-two\n  cell: cb-thon-1\n"
        "  date: 2026-03-05\n")


def test_a_file_of_another_layout_is_merged_whole_keeping_its_comments_and_values(tmp_path):
    """Only the indentation may change here: the round trip writes lists at the left margin."""
    indented = "# Danh sách thụt lề.\n  - id: dsh-a  # giữ ghi chú\n    member: bch-two\n    cell: cb-thon-1\n" \
               "    date: 2026-03-05\n"
    data, path = hand_written(tmp_path, indented)
    wb = edit(path)
    ws = wb[SHEET]
    copy_row(ws, 3, 4, {"Mã": None, "Ngày": date(2026, 4, 5)})
    wb.save(path)

    result = import_(data, path)

    assert result.code == 0, result.err
    after = (data / "attendance.yml").read_text(encoding="utf-8")
    assert after.startswith("# Danh sách thụt lề.\n- id: dsh-a ") and "# giữ ghi chú\n" in after
    assert list(load(data).attendance) == ["dsh-a", "dsh-bch-two-20260405"]
