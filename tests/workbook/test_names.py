"""What a clerk types in the member, cell and area columns, and what the import makes of it.

Each case is a text a clerk might type, and the id it must name, or the start of the message that
refuses it (what the message lists, in that order). The province is `namesakes`: names repeat in it.
"""

from __future__ import annotations

import pytest

from generator.load.data import Data, load
from generator.workbook import labels as labelling
from generator.workbook.names import Names

from .books import SHEET, edit, export, find_row, headings, import_, snapshot
from .namesakes import write_namesakes

CELLS = [
    # the cases
    ("Chi bộ Thôn Nam – xã Khánh An", "ka-nam"),
    ("Thôn Nam, Khánh An", "ka-nam"),
    ("Chi bo Thon Nam - xa Khanh An", "ka-nam"),
    ("Thon Nam (Khanh An)", "ka-nam"),
    ("Chi bo Thon Nam, xa Khanh An", "ka-nam"),
    # and what else a clerk types
    ("CHI BỘ THÔN NAM XÃ KHÁNH AN", "ka-nam"),
    ("Khánh An – Thôn Nam", "ka-nam"),
    ("Đảng bộ xã Khánh An, Chi bộ Thôn Nam", "ka-nam"),
    ("thon nam / khanh an", "ka-nam"),
    ("Chi bộ Thôn Nam; Đảng bộ xã Hòa Bình.", "hb-nam"),
    ("chi bo thon nam xa hoa binh", "hb-nam"),
    ("Chi bộ Thôn Nam (hb-nam)", "hb-nam"),
    ("HB-NAM", "hb-nam"),
    ("Thôn Đoài", "ka-doai"),
    ("Chi bo Thon Doai, Khanh An", "ka-doai"),
    ("Trạm Y tế Khánh An", "ka-tram"),
    ("chi bo tram y te khanh an, xa khanh an", "ka-tram"),
    ("Tổ dân phố 1, thị trấn Hương Canh", "hc-tdp-1"),
    ("To dan pho 1 - phuong An Lac", "al-tdp-1"),
    ("Chi bộ Phòng Tham mưu – Công an tỉnh", "ca-tham-muu"),
    ("Phong Tham muu", "ca-tham-muu"),
]

REFUSED_CELLS = [
    ("Chi bo Thon Nam", "tên này khớp 2 chi bộ: “Chi bộ Thôn Nam – xã Khánh An”, “Chi bộ Thôn Nam – xã Hòa Bình”; "
                        "hãy chọn một trong danh sách thả xuống"),
    ("Tổ dân phố 1", "tên này khớp 2 chi bộ: “Chi bộ Tổ dân phố 1 – phường An Lạc”, "
                     "“Chi bộ Tổ dân phố 1 – thị trấn Hương Canh”"),
    # the name right, the commune wrong: the cells of that name come first, the closest commune first
    ("Thôn Nam, Khánh Hòa", "không có chi bộ nào mang mã hoặc tên này; có phải: “Chi bộ Thôn Nam – xã Khánh An”, "
                            "“Chi bộ Thôn Nam – xã Hòa Bình”"),
    ("Chi bo Thon Nam, xa Binh An", "không có chi bộ nào mang mã hoặc tên này; có phải: “Chi bộ Thôn Nam – xã "),
    # a typing slip: the closest name first
    ("Thon Namm, Khanh An", "không có chi bộ nào mang mã hoặc tên này; có phải: “Chi bộ Thôn Nam – xã Khánh An”"),
    ("Chi bo Thon Doi", "không có chi bộ nào mang mã hoặc tên này; có phải: “Chi bộ Thôn Đoài – xã Khánh An”"),
    ("Chi bộ Bệnh viện", "không có chi bộ nào mang mã hoặc tên này"),
]

AREAS = [
    ("Khu dân cư Thôn Nam, Xã Khánh An", "ka-kdc-nam"),
    ("Thôn Nam, Khánh An", "ka-kdc-nam"),
    ("KDC Thon Nam (xa Khanh An)", "ka-kdc-nam"),
    ("Thôn Nam – xã Hòa Bình", "hb-kdc-nam"),
    ("khu dan cu thon nam, hoa binh", "hb-kdc-nam"),
]

MEMBERS = [
    ("Trần Thị Bình", "tran-thi-binh"),
    ("TRAN THI BINH", "tran-thi-binh"),
    ("Đ/c Trần Thị Bình", "tran-thi-binh"),
    ("Nguyễn Văn An (Giám đốc Sở Y tế)", "an-so-y-te"),
    ("Nguyen Van An - Pho Chu tich UBND tinh", "an-ubnd"),
    ("Nguyễn Văn An (an-ba)", "an-ba"),
]

REFUSED_MEMBERS = [
    ("Nguyễn Văn An", "tên này khớp 3 đồng chí: “Nguyễn Văn An (Phó Chủ tịch UBND tỉnh)”, "
                      "“Nguyễn Văn An (Giám đốc Sở Y tế)”, “Nguyễn Văn An (an-ba)”"),
    ("Tran Thi Binhh", "không có đồng chí nào mang mã hoặc tên này; có phải: “Trần Thị Bình”?"),
]


@pytest.fixture(scope="module")
def names(tmp_path_factory) -> Names:
    data = Data(write_namesakes(tmp_path_factory.mktemp("namesakes") / "data"), True)
    data.read_files()
    assert not data.problems()
    return Names(data.recs)


@pytest.mark.parametrize(("typed", "meant"), CELLS)
def test_a_cell_typed_by_its_name_and_organization_in_any_form_names_that_cell(names, typed, meant):
    assert names.resolve("cells", typed) == (meant, None)


@pytest.mark.parametrize(("typed", "message"), REFUSED_CELLS)
def test_a_cell_name_that_names_several_or_none_is_refused_with_the_labels_to_choose_from(names, typed, message):
    text, why = names.resolve("cells", typed)
    assert text == typed
    assert why.startswith(message), why


@pytest.mark.parametrize(("typed", "meant"), AREAS)
def test_an_area_typed_by_its_name_with_or_without_its_commune_names_that_area(names, typed, meant):
    assert names.resolve("areas", typed) == (meant, None)


def test_an_area_name_two_communes_share_is_refused_with_both_labels(names):
    assert names.resolve("areas", "Thon Nam")[1].startswith(
        "tên này khớp 2 khu dân cư: “Khu dân cư Thôn Nam, Xã Khánh An”, “Thôn Nam – xã Hòa Bình”")


@pytest.mark.parametrize(("typed", "meant"), MEMBERS)
def test_a_member_typed_by_name_with_or_without_diacritics_names_that_member(names, typed, meant):
    assert names.resolve("members", typed) == (meant, None)


@pytest.mark.parametrize(("typed", "message"), REFUSED_MEMBERS)
def test_a_member_name_several_share_is_refused_with_what_tells_them_apart(names, typed, message):
    assert names.resolve("members", typed)[1].startswith(message)


def test_labels_name_cells_and_areas_with_their_organization_and_tell_namesakes_apart(tmp_path):
    made = labelling.from_province(load(write_namesakes(tmp_path / "data")))
    assert made.label("cells", "ka-nam") == "Chi bộ Thôn Nam – xã Khánh An"
    assert made.label("cells", "hc-tdp-1") == "Chi bộ Tổ dân phố 1 – thị trấn Hương Canh"
    assert made.label("cells", "ka-tram") == "Chi bộ Trạm Y tế Khánh An"  # the name says where already
    assert made.label("areas", "ka-kdc-nam") == "Khu dân cư Thôn Nam, Xã Khánh An"
    assert made.label("areas", "hb-kdc-nam") == "Thôn Nam – xã Hòa Bình"
    assert made.label("members", "tran-thi-binh") == "Trần Thị Bình"
    assert [made.label("members", m) for m in ("an-ubnd", "an-so-y-te", "an-ba")] == [
        "Nguyễn Văn An (Phó Chủ tịch UBND tỉnh)", "Nguyễn Văn An (Giám đốc Sở Y tế)", "Nguyễn Văn An (an-ba)"]
    for target in labelling.TARGETS:
        shown = list(made.by_id[target].values())
        assert len({s.lower() for s in shown}) == len(shown), target


def test_the_workbook_shows_labels_and_an_untouched_workbook_imports_to_the_same_bytes(tmp_path):
    data = write_namesakes(tmp_path / "data")
    before = snapshot(data)
    path = export(data, tmp_path / "so.xlsx")
    ws = edit(path)[SHEET]
    columns = headings(ws)
    row = find_row(ws, "dsh-1")
    assert ws.cell(row=row, column=columns["Chi bộ"]).value == "Chi bộ Thôn Nam – xã Hòa Bình"
    assert ws.cell(row=row, column=columns["Đồng chí"]).value == "Trần Thị Bình"
    kdc = find_row(ws, "dsh-kdc-2")
    assert ws.cell(row=kdc, column=columns["Đồng chí"]).value == "Nguyễn Văn An (Giám đốc Sở Y tế)"
    assert ws.cell(row=kdc, column=columns["Khu dân cư"]).value == "Thôn Nam – xã Hòa Bình"

    result = import_(data, path)

    assert result.code == 0, result.err
    assert "Không có gì thay đổi" in result.out
    assert snapshot(data) == before


def test_names_typed_in_place_of_the_labels_change_nothing_when_they_name_the_same_cells(tmp_path):
    data = write_namesakes(tmp_path / "data")
    before = snapshot(data)
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb[SHEET]
    columns = headings(ws)
    typed = {"dsh-0": "Chi bo Thon Nam, xa Khanh An", "dsh-1": "Thon Nam (Hoa Binh)", "dsh-4": "To dan pho 1, An Lac",
             "dsh-5": "Hương Canh – Tổ dân phố 1"}
    for record, text in typed.items():
        ws.cell(row=find_row(ws, record), column=columns["Chi bộ"]).value = text
    ws.cell(row=find_row(ws, "dsh-an-1"), column=columns["Đồng chí"]).value = "Nguyen Van An (an-ba)"
    ws.cell(row=find_row(ws, "dsh-kdc-1"), column=columns["Khu dân cư"]).value = "Thôn Nam, Khánh An"
    wb.save(path)

    result = import_(data, path)

    assert result.code == 0, result.err
    assert "Không có gì thay đổi" in result.out
    assert snapshot(data) == before


def test_a_cell_name_two_communes_share_is_refused_at_its_cell_with_both_labels(tmp_path):
    data = write_namesakes(tmp_path / "data")
    before = snapshot(data)
    path = export(data, tmp_path / "so.xlsx")
    wb = edit(path)
    ws = wb[SHEET]
    row = find_row(ws, "dsh-0")
    ws.cell(row=row, column=headings(ws)["Chi bộ"]).value = "Chi bo Thon Nam"
    wb.save(path)

    result = import_(data, path)

    assert result.code == 1
    assert (f"{SHEET}!C{row}: Chi bộ = “Chi bo Thon Nam”\n    → tên này khớp 2 chi bộ: “Chi bộ Thôn Nam – xã Khánh An”, "
            "“Chi bộ Thôn Nam – xã Hòa Bình”; hãy chọn một trong danh sách thả xuống") in result.err
    assert snapshot(data) == before
