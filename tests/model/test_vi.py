"""Vietnamese wording: names in Vietnamese order, clause citations, days left."""

from __future__ import annotations

import random
import unicodedata
from datetime import date

from generator.model import vi

# Real-shaped names in the order a Vietnamese reader expects: by given name, then the middle
# names, then the family name; a < ă < â, d < đ, o < ô < ơ, u < ư; tones ngang, huyền, hỏi,
# ngã, sắc, nặng; a shorter word first.
EXPECTED = [
    "Trần Văn An", "Nguyễn Thị Anh", "Lê Văn Ánh", "Hoàng Văn Ân", "Đỗ Thị Bích", "Nguyễn Văn Cường",
    "Lê Văn Dũng", "Bùi Trọng Đạt", "Phan Thị Hà", "Trần Thị Hà", "Nguyễn Văn Hà", "Lê Văn Hải",
    "Đinh Văn Hiếu", "Phạm Thị Hoa", "Nguyễn Thị Hồng", "Trần Văn Hợp", "Dương Văn Nam", "Đào Văn Nam",
    "Bùi Văn Thanh", "Lương Văn Thành", "Mai Văn Thảnh", "Vũ Văn Thãnh", "Hồ Văn Thánh", "Đỗ Văn Thạnh",
    "Lê Văn Tú", "Trần Văn Tư", "Trần Thị Yến",
]


def test_names_sort_by_given_name_then_middle_then_family_in_the_vietnamese_alphabet():
    shuffled = EXPECTED[:]
    random.Random(12).shuffle(shuffled)
    assert sorted(shuffled, key=vi.name_key) == EXPECTED


def test_the_order_the_issue_found_wrong_is_right():
    # By code point "Bùi Trọng Đạt" came after "Trần Thị Yến", and "Hiếu" before "Hà".
    assert sorted(["Trần Thị Yến", "Bùi Trọng Đạt"], key=vi.name_key) == ["Bùi Trọng Đạt", "Trần Thị Yến"]
    assert sorted(["Đinh Văn Hiếu", "Phan Thị Hà"], key=vi.name_key) == ["Phan Thị Hà", "Đinh Văn Hiếu"]


def test_a_name_written_decomposed_sorts_as_the_same_name():
    assert vi.name_key(unicodedata.normalize("NFD", "Bùi Trọng Đạt")) == vi.name_key("Bùi Trọng Đạt")


def test_a_clause_is_cited_the_vietnamese_legal_way():
    assert vi.clause("2.3") == "khoản 3 Điều 2"
    assert vi.clause("4") == "Điều 4"


def test_days_left_before_on_and_after_a_deadline():
    assert vi.days_left(date(2026, 12, 31), date(2026, 11, 25)) == "còn 36 ngày"
    assert vi.days_left(date(2026, 12, 31), date(2026, 12, 31)) == "hạn là hôm nay"
    assert vi.days_left(date(2026, 12, 24), date(2026, 12, 27)) == "đã quá hạn 3 ngày"


def test_the_provinces_party_committee_is_named_without_the_kind_twice():
    assert vi.party_committee("Tỉnh Sơn Hà") == "Đảng bộ tỉnh Sơn Hà"
    assert vi.party_committee("Thành phố Hải Cảng") == "Đảng bộ thành phố Hải Cảng"
