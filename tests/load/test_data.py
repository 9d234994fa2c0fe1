"""Validation: every class of bad input is reported with its place, key, value and what was expected."""

from __future__ import annotations

import textwrap
import unicodedata
from datetime import date, time

import pytest

from generator.load.data import load
from generator.load.problems import DataError, Problem

from ..support.files import SMALL, write_data
from ..support.project import ROOT


def problems_of(tmp_path, **overrides) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", **overrides))
    return caught.value.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_the_sample_province_validates():
    province = load(ROOT / "data")
    btv = [m for m in province.members.values() if any(r.role == "btv" for r in m.roles)]
    assert 45 <= len(province.members) <= 60
    assert 13 <= len(btv) <= 17
    assert sum(c.residential for c in province.cells.values()) >= 150
    assert len([o for o in province.organizations.values() if o.parent is None]) >= 9
    assert province.settings.sample_data


def test_the_small_province_loads_into_the_model(data_dir):
    province = load(data_dir)
    assert list(province.cells) == ["cb-thon-1", "cb-thon-2", "cb-truong", "cb-ca-1"]
    assert province.cells["cb-thon-1"].schedule.time == time(19, 30)
    assert province.cells["cb-truong"].schedule.day == -1
    assert province.cells["cb-thon-2"].schedule.weekday == 5
    assert province.members["btv-one"].roles[1].start == date(2025, 10, 1)
    assert province.settings.timezone == "Asia/Ho_Chi_Minh"
    assert province.settings.feed_horizon_months == 12


def test_a_residence_given_as_a_cell_takes_the_cells_area(tmp_path):
    members = SMALL["members"].replace("residence: {cell: cb-thon-2}", "residence: {cell: cb-thon-1}")
    province = load(write_data(tmp_path / "data", members=members))
    assert province.members["btv-one"].residence_area == "thon-1"


def test_broken_yaml_is_reported_with_its_line(tmp_path):
    problem = only(problems_of(tmp_path, organizations="- id: x\n  name: [unclosed\n"))
    assert problem.file.endswith("organizations.yml")
    assert problem.line == 3
    assert "lỗi cú pháp YAML" in problem.expected


def test_a_tab_is_reported_where_it_is(tmp_path):
    settings = "province: Tỉnh Thử\neffective_date: 2026-01-01\n\tsite_url: https://example.test/\n"
    problem = only(problems_of(tmp_path, settings=settings))
    assert (problem.line, problem.column) == (3, 1)
    assert "tab" in problem.expected


def test_a_key_given_twice_is_an_error_not_a_silent_overwrite(tmp_path):
    settings = "province: Tỉnh Thử\neffective_date: 2026-01-01\nsite_url: https://example.test/\nprovince: Tỉnh Khác\n"
    problem = only(problems_of(tmp_path, settings=settings))
    assert problem.key == "province"
    assert "bị lặp (đã có ở dòng 1)" in problem.expected
    assert problem.line == 4


def test_an_unknown_key_suggests_the_key_meant(tmp_path):
    cells = SMALL["cells"].replace("residential: true\n          area: thon-1", "residental: true\n          area: thon-1")
    problem = only(problems_of(tmp_path, cells=cells))
    assert problem.key == "cb-thon-1.residental"
    assert "có phải ý bạn là “residential”" in problem.expected
    assert problem.line == 4


def test_a_wrong_type_names_the_type_expected(tmp_path):
    cells = SMALL["cells"].replace("residential: true\n          area: thon-1", "residential: có\n          area: thon-1")
    problem = only(problems_of(tmp_path, cells=cells))
    assert problem.value == "có"
    assert "true (có) hoặc false (không)" in problem.expected


@pytest.mark.parametrize("bad", ["2026-02-30", "31/04/2026", "2026-13-01", "hôm qua", "20266-01-01"])
def test_an_impossible_date_is_rejected(tmp_path, bad):
    problem = only(problems_of(tmp_path, settings=SMALL["settings"].replace("2026-01-01", bad)))
    assert problem.key == "effective_date"
    assert problem.value == bad
    assert "YYYY-MM-DD" in problem.expected


def test_dates_may_be_written_the_vietnamese_way(tmp_path):
    province = load(write_data(tmp_path / "data", settings=SMALL["settings"].replace("2026-01-01", "05/01/2026")))
    assert province.settings.effective_date == date(2026, 1, 5)


def test_a_regulation_signed_after_the_day_counting_starts_is_refused(tmp_path):
    settings = SMALL["settings"].rstrip(" ") + "        regulation_signed: 2026-03-01\n"
    problem = only(problems_of(tmp_path, settings=settings))
    assert (problem.key, problem.value) == ("regulation_signed", "01/03/2026")
    assert "ngày ký sau ngày bắt đầu tính (01/01/2026)" in problem.expected


def test_counting_may_start_after_the_regulation_was_signed(tmp_path):
    settings = SMALL["settings"].rstrip(" ") + "        regulation_signed: 2022-03-14\n        regulation_signer: Nguyễn Văn Một\n"
    province = load(write_data(tmp_path / "data", settings=settings))
    assert (province.settings.regulation_signed, province.settings.effective_date) == (date(2022, 3, 14),
                                                                                        date(2026, 1, 1))
    assert province.settings.regulation_signer == "Nguyễn Văn Một"


@pytest.mark.parametrize("bad", ["25:00", "19h30", "7"])
def test_an_impossible_time_is_rejected(tmp_path, bad):
    problem = only(problems_of(tmp_path, cells=SMALL["cells"].replace('time: "14:00"', f'time: "{bad}"')))
    assert problem.key == "cb-ca-1.schedule.time"
    assert "HH:MM" in problem.expected


def test_a_reference_to_an_unknown_id_suggests_a_close_one(tmp_path):
    problem = only(problems_of(tmp_path, assignments=SMALL["assignments"].replace("organization: xa-a1", "organization: xa-a2")))
    assert (problem.key, problem.value) == ("pc-2.organization", "xa-a2")
    assert "không có mục nào trong organizations.yml" in problem.expected
    assert "xa-a1" in problem.expected


def test_a_duplicate_id_points_to_the_first_one(tmp_path):
    cells = SMALL["cells"].replace("id: cb-truong", "id: cb-thon-1")
    problem = only(problems_of(tmp_path, cells=cells))
    assert (problem.line, problem.value) == (12, "cb-thon-1")
    assert "trùng với mục ở dòng 1" in problem.expected


@pytest.mark.parametrize("bad, hint", [
    ("../x", "“/”"), ("Huyen-A", "chữ hoa"), ("huyện-a", "có dấu"), ("huyen a", "dấu cách"), ("huyen--a", "sai dạng"),
])
def test_an_id_unsafe_in_a_url_or_file_name_is_rejected(tmp_path, bad, hint):
    organizations = SMALL["organizations"].replace("id: cong-an", f'id: "{bad}"')
    problem = only(problems_of(tmp_path, organizations=organizations))
    assert problem.value == bad
    assert hint in problem.expected


def test_a_cycle_in_the_organization_tree_is_named(tmp_path):
    organizations = SMALL["organizations"].replace("kind: huyen", "kind: huyen\n          parent: xa-a1")
    problem = only(problems_of(tmp_path, organizations=organizations))
    assert "vòng lặp" in problem.expected
    assert "huyen-a → xa-a1 → huyen-a" in problem.expected or "xa-a1 → huyen-a → xa-a1" in problem.expected


def test_a_btv_role_without_a_bch_role_is_rejected(tmp_path):
    members = SMALL["members"].replace("- {role: bch, from: 2025-10-01}\n            - {role: btv",
                                       "- {role: bch, from: 2026-01-01}\n            - {role: btv")
    problem = only(problems_of(tmp_path, members=members))
    assert problem.key == "btv-one.roles"
    assert "từ 01/10/2025 đến 31/12/2025" in problem.expected
    assert "Ủy viên BTV phải là Ủy viên BCH" in problem.expected


def test_an_assignment_outside_the_role_dates_is_rejected(tmp_path):
    assignments = SMALL["assignments"].replace("from: 2025-10-15\n        - id: pc-2", "from: 2025-09-01\n        - id: pc-2")
    problem = only(problems_of(tmp_path, assignments=assignments))
    assert problem.key == "pc-1.from"
    assert "từ 01/09/2025 đến 30/09/2025 đồng chí không là Ủy viên BTV" in problem.expected


def test_a_btv_member_cannot_be_in_charge_after_leaving_the_role(tmp_path):
    members = SMALL["members"].replace("- {role: btv, from: 2025-10-01}", "- {role: btv, from: 2025-10-01, to: 2026-06-30}")
    problem = only(problems_of(tmp_path, members=members))
    assert "từ 01/07/2026 đồng chí không là Ủy viên BTV" in problem.expected


def test_a_schedule_that_can_never_occur_is_rejected(tmp_path):
    cells = SMALL["cells"].replace('{day: 10, time: "14:00"}', '{day: 10, time: "14:00", from: 2026-03-11, until: 2026-04-09}')
    problem = only(problems_of(tmp_path, cells=cells))
    assert problem.key == "cb-ca-1.schedule"
    assert "không bao giờ có cuộc họp" in problem.expected


@pytest.mark.parametrize("day", [29, 30, 31])
def test_a_day_missing_from_some_months_is_rejected_in_favour_of_last(tmp_path, day):
    problem = only(problems_of(tmp_path, cells=SMALL["cells"].replace("{day: 10,", f"{{day: {day},")))
    assert problem.value == str(day)
    assert "“last”" in problem.expected


def test_a_fifth_weekday_is_rejected_in_favour_of_last(tmp_path):
    problem = only(problems_of(tmp_path, cells=SMALL["cells"].replace("week: 1,", "week: 5,")))
    assert "Tuần thứ 5 không có trong mọi tháng" in problem.expected


def test_a_schedule_needs_a_day_or_a_weekday_but_not_both(tmp_path):
    problem = only(problems_of(tmp_path, cells=SMALL["cells"].replace("{day: 10,", "{day: 10, weekday: monday, week: 2,")))
    assert "cần đúng một trong các khóa “day” hoặc “weekday”" in problem.expected


def test_an_exception_on_a_day_without_a_meeting_is_rejected(tmp_path):
    cells = SMALL["cells"].replace(
        '{day: 10, time: "14:00"}',
        '{day: 10, time: "14:00"}\n          exceptions:\n            - {date: 2026-02-11, moved_to: 2026-02-12}')
    problem = only(problems_of(tmp_path, cells=cells))
    assert problem.key == "cb-ca-1.exceptions[11/02/2026]"
    assert "không có cuộc họp theo lịch" in problem.expected
    assert problem.line == 21


def test_an_exception_must_say_what_changed(tmp_path):
    cells = SMALL["cells"].replace(
        '{day: 10, time: "14:00"}', '{day: 10, time: "14:00"}\n          exceptions:\n            - {date: 2026-02-10}')
    assert "cancelled: true" in only(problems_of(tmp_path, cells=cells)).expected


def test_a_member_without_a_residence_is_rejected(tmp_path):
    members = SMALL["members"].replace("          residence: {area: thon-1}\n", "")
    problem = only(problems_of(tmp_path, members=members))
    assert problem.key == "bch-two.residence"
    assert "thiếu khóa bắt buộc" in problem.expected


def test_a_residence_must_be_a_residential_cell(tmp_path):
    members = SMALL["members"].replace("residence: {cell: cb-thon-2}", "residence: {cell: cb-truong}")
    assert "chi bộ khu dân cư" in only(problems_of(tmp_path, members=members)).expected


def test_a_residential_cell_cannot_sit_under_an_organization_without_residential_areas(tmp_path):
    cells = SMALL["cells"].replace("organization: cong-an", "organization: cong-an\n          residential: true")
    problem = only(problems_of(tmp_path, cells=cells))
    assert problem.key == "cb-ca-1.residential"
    assert "không có khu dân cư" in problem.expected


def test_aliases_are_rejected_so_no_alias_bomb_can_expand(tmp_path):
    settings = 'province: &p "Tỉnh Thử"\nfeed: *p\n'
    found = problems_of(tmp_path, settings=settings)
    assert any("bí danh YAML" in p.expected and p.value == "*p" for p in found)


def test_custom_tags_are_rejected(tmp_path):
    problem = only(problems_of(tmp_path, grievances="- !!python/object:os.system {}\n"))
    assert "thẻ YAML" in problem.expected


def test_an_empty_file_is_reported(tmp_path):
    problem = only(problems_of(tmp_path, visits=""))
    assert problem.file.endswith("visits.yml")
    assert "tệp rỗng" in problem.expected


def test_a_missing_required_file_is_reported_and_missing_record_files_are_empty(tmp_path):
    problem = only(problems_of(tmp_path, members=None, attendance=None, visits=None))
    assert "thiếu tệp members.yml" in problem.expected


def test_text_is_normalized_to_nfc(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn Một")
    members = SMALL["members"].replace("Nguyễn Văn Một", decomposed)
    province = load(write_data(tmp_path / "data", members=members))
    assert province.members["btv-one"].name == "Nguyễn Văn Một"
    assert unicodedata.is_normalized("NFC", province.members["btv-one"].name)


def test_control_characters_and_line_breaks_in_a_name_are_rejected(tmp_path):
    members = SMALL["members"].replace("name: Trần Thị Hai", 'name: "Trần\\u0007 Thị Hai"')
    members = members.replace("name: Nguyễn Văn Một", 'name: "Nguyễn\\nVăn Một"')
    found = problems_of(tmp_path, members=members)
    assert [p.key for p in found] == ["btv-one.name", "bch-two.name"]
    assert "một dòng" in found[0].expected
    assert "ký tự điều khiển" in found[1].expected


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path):
    found = problems_of(
        tmp_path,
        settings=SMALL["settings"].replace("2026-01-01", "2026-02-30"),
        cells=SMALL["cells"].replace('"14:00"', '"26:00"'),
        members=SMALL["members"].replace("role: bch, from: 2025-10-01}\n          residence", "role: bcx, from: 2025-10-01}\n          residence"),
    )
    files = {p.file.rsplit("/", 1)[-1] for p in found}
    assert files == {"settings.yml", "cells.yml", "members.yml"}


def test_a_problem_prints_file_line_column_key_value_and_expectation(tmp_path):
    problem = only(problems_of(tmp_path, cells=SMALL["cells"].replace('"14:00"', '"26:00"')))
    text = str(problem)
    assert text.startswith(f"{problem.file}:19:29: cb-ca-1.schedule.time = “26:00”")
    assert "→ cần giờ dạng HH:MM" in text


def test_the_fast_reading_gives_exactly_the_province_of_the_exact_reading():
    assert load(ROOT / "data", fast=True) == load(ROOT / "data", fast=False)


def test_a_province_with_problems_is_reported_with_positions_even_when_read_fast(tmp_path):
    # The cross-file problem (an unknown id) is found on fast-read files, then read again with positions.
    problem = only(problems_of(tmp_path, assignments=SMALL["assignments"].replace("organization: xa-a1", "organization: xa-a9")))
    assert (problem.line, problem.column) == (8, 17)


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: !!str 5\n", "a: !foo x\n", "%YAML 1.1\n---\na: 1\n", "a: 1\n---\nb: 2\n",
    "a: 0x1f\n", "a: 0o17\n", "a: 1_000\n", "a: +5\n", "a: [1, +2]\n",
])
def test_the_fast_reader_leaves_to_the_exact_path_whatever_it_could_read_differently(text):
    from generator.load import yamlread
    assert yamlread.parse_fast(text) is yamlread.NOT_FAST


def test_plain_data_is_read_fast():
    from generator.load import yamlread
    assert yamlread.parse_fast("- id: a\n  name: Chi bộ Đông & Tây\n  day: 5\n") == [
        {"id": "a", "name": "Chi bộ Đông & Tây", "day": 5}]


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x07"])
def test_characters_the_yaml_versions_read_differently_send_a_file_to_the_exact_path(char):
    from generator.load import yamlread
    assert yamlread.parse_fast(f"a: 1\n# {char} note\n") is yamlread.NOT_FAST


def test_the_feed_settings_default_to_a_weeks_reminder_on_the_sites_own_host(data_dir):
    province = load(data_dir)
    assert province.settings.feed_reminder_days == 7 and province.settings.feed_url is None
    assert province.members["btv-one"].feed_rotation == 0


def test_feed_settings_and_a_feed_rotation_are_read_and_checked(tmp_path):
    settings = SMALL["settings"].rstrip() + "\n        feed_reminder_days: 3\n        feed_url: https://lich.example.test/\n"
    members = SMALL["members"].replace("residence: {cell: cb-thon-2}",
                                       "residence: {cell: cb-thon-2}\n          feed_rotation: 2")
    province = load(write_data(tmp_path / "ok", settings=settings, members=members))
    assert (province.settings.feed_reminder_days, province.settings.feed_url) == (3, "https://lich.example.test/")
    assert province.members["btv-one"].feed_rotation == 2
    bad = problems_of(tmp_path, settings=settings.replace(": 3", ": 90").replace("https://lich", "lich"),
                      members=members.replace("feed_rotation: 2", "feed_rotation: -1"))
    assert sorted((p.key, p.expected) for p in bad) == [
        ("btv-one.feed_rotation", "cần một số nguyên từ 0 đến 1000"),
        ("feed_reminder_days", "cần một số nguyên từ 0 đến 60"),
        ("feed_url", "cần một địa chỉ bắt đầu bằng http:// hoặc https:// và kết thúc bằng “/”"),
    ]


# -- names the site uses, the depth of the tree, what a data file may be


@pytest.mark.parametrize("name", ["index", "404", "sitemap", "search"])
def test_a_member_or_organization_may_not_take_a_name_the_site_gives_its_own_files(tmp_path, name):
    from generator.model.names import RESERVED
    assert name in RESERVED
    members = SMALL["members"].replace("id: bch-two", f"id: {name}")
    found = problems_of(tmp_path, members=members, assignments=SMALL["assignments"].replace("bch-two", name))
    assert only(found).key == f"{name}.id" and "trùng tên một trang của chính trang web" in only(found).expected


def test_the_index_pages_are_named_from_the_reserved_names():
    from generator.model.names import INDEX, RESERVED
    from generator.site import paths
    assert INDEX in RESERVED
    assert paths.MEMBERS_INDEX == paths.member_page(INDEX)
    assert paths.ORGANIZATIONS_INDEX == paths.organization_page(INDEX)


def deep_tree(levels: int) -> str:
    chain = "".join(f"- id: cap-{n}\n  name: Đảng bộ cấp {n}\n  kind: co-so\n  parent: "
                    f"{'cong-an' if n == 2 else f'cap-{n - 1}'}\n" for n in range(2, levels + 1))
    return textwrap.dedent(SMALL["organizations"]).strip() + "\n" + chain


def test_an_organization_tree_twenty_levels_deep_is_accepted_and_twenty_one_refused(tmp_path):
    province = load(write_data(tmp_path / "ok", organizations=deep_tree(20)))
    assert "cap-20" in province.organizations
    found = only(problems_of(tmp_path, organizations=deep_tree(21)))
    assert found.key == "cap-21.parent" and "cấp thứ 21" in found.expected and "tối đa 20 cấp" in found.expected


def test_a_cycle_below_a_long_chain_is_reported_once(tmp_path):
    organizations = deep_tree(15) + "- id: vong-a\n  name: Vòng A\n  kind: co-so\n  parent: vong-b\n" \
        "- id: vong-b\n  name: Vòng B\n  kind: co-so\n  parent: vong-a\n"
    found = only(problems_of(tmp_path, organizations=organizations))
    assert "vòng lặp" in found.expected


def test_a_data_file_that_is_a_link_to_another_file_inside_data_is_read(tmp_path):
    data = write_data(tmp_path / "data", visits=None)
    (data / "visits.yml").symlink_to("reports.yml")
    assert load(data).visits == {}


def test_a_data_file_that_is_a_link_outside_data_is_named_by_itself_never_by_its_target(tmp_path, monkeypatch):
    data = write_data(tmp_path / "data", reports=None)
    secret = tmp_path / "secret-place" / "reports.yml"
    secret.parent.mkdir()
    secret.write_text("- id: bí-mật\n", encoding="utf-8")
    (data / "reports.yml").symlink_to(secret)
    monkeypatch.chdir(tmp_path)
    found = only(problems_of_dir(data))
    assert found.file == "data/reports.yml" and "ngoài thư mục dữ liệu" in found.expected
    assert "secret" not in str(found) and "bí-mật" not in str(found)


def problems_of_dir(data) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load(data)
    return caught.value.problems


def test_control_characters_are_each_reported_with_their_line_and_column_as_an_editor_counts(tmp_path):
    # \r alone ends a line for an editor; U+2028 does not (and is refused, with the editor's line).
    reports = "- id: bc-1\r  member: btv-one\r\n  period: 2026-H1\x00\n  note: a\u2028b\x01\n  submitted: 2026-06-01\n"
    found = problems_of(tmp_path, reports=reports)
    assert [(p.line, p.column, p.value) for p in found] == [(3, 18, "U+0000"), (4, 10, "U+2028"), (4, 12, "U+0001")]
