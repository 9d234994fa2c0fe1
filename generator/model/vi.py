"""Vietnamese wording shared by every output: dates, weekdays, labels of codes."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time

SAMPLE_NOTICE = "Dữ liệu mẫu: tỉnh, người và địa danh trên trang này đều là hư cấu."
# The first day duties count (settings.effective_date): the signing date, or a later day the Board started tracking.
COUNTED_FROM = "ngày bắt đầu tính việc thực hiện Quy định"

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

ROLES = {"bch": "Ủy viên BCH Đảng bộ tỉnh", "btv": "Ủy viên BTV Tỉnh ủy"}
ROLES_SHORT = {"bch": "Ủy viên BCH", "btv": "Ủy viên BTV"}
ASSIGNMENT_KINDS = {"phu-trach": "Phụ trách", "theo-doi": "Theo dõi"}
STATUSES = {
    "met": "Đã thực hiện",
    "late": "Gửi muộn",
    "planned": "Đã có lịch",
    "due": "Chưa thực hiện",
    "missed": "Không thực hiện",
    "not-applicable": "Không áp dụng",
}
ORG_KINDS = {
    "thanh-pho": "Thành phố", "thi-xa": "Thị xã", "huyen": "Huyện", "xa": "Xã", "phuong": "Phường",
    "thi-tran": "Thị trấn", "dac-khu": "Đặc khu", "co-quan-dang": "Đảng bộ các cơ quan Đảng",
    "ubnd": "Đảng bộ Ủy ban nhân dân", "khoi": "Đảng bộ khối", "cong-an": "Đảng bộ Công an", "quan-su": "Đảng bộ Quân sự",
    "co-so": "Đảng bộ cơ sở",
}
VISIT_STATUSES = {"proposed": "Đề xuất", "confirmed": "Đã xác nhận", "cancelled": "Đã hủy"}
GRIEVANCE_STATUSES = {"open": "Chưa giải quyết", "in-progress": "Đang giải quyết", "resolved": "Đã giải quyết"}


def day(value: date | None) -> str:
    """05/02/2026"""
    return "" if value is None else f"{value.day:02d}/{value.month:02d}/{value.year}"


def clock(value: time) -> str:
    """19:30"""
    return f"{value.hour:02d}:{value.minute:02d}"


def weekday(value: date) -> str:
    return WEEKDAYS[value.weekday()]


def day_long(value: date) -> str:
    """Thứ Năm, 05/02/2026"""
    return f"{weekday(value)}, {day(value)}"


def moment(value: datetime) -> str:
    """19:30 Thứ Năm, 05/02/2026"""
    return f"{clock(value.time())} {day_long(value.date())}"


def span(start: date, end: date | None) -> str:
    return f"từ {day(start)}" + (f" đến {day(end)}" if end else "")


def days_left(deadline: date, today: date) -> str:
    """còn 36 ngày; hạn là hôm nay; đã quá hạn 3 ngày"""
    left = (deadline - today).days
    if left > 0:
        return f"còn {left} ngày"
    return "hạn là hôm nay" if left == 0 else f"đã quá hạn {-left} ngày"


def clause(code: str) -> str:
    """A clause cited the Vietnamese legal way: "2.3" → "khoản 3 Điều 2"; "4" → "Điều 4"."""
    article, _, item = code.partition(".")
    return f"khoản {item} Điều {article}" if item else f"Điều {article}"


ORDINALS = {1: "đầu tiên", 2: "thứ hai", 3: "thứ ba", 4: "thứ tư", -1: "cuối cùng"}
WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def schedule(s) -> str:
    """19:30 ngày 5 hằng tháng; 19:30 thứ Bảy đầu tiên hằng tháng; 08:00 ngày cuối các tháng 3, 6, 9, 12."""
    listed = ", ".join(map(str, s.months))
    months = f"các tháng {listed}" if s.months else "hằng tháng"
    if s.day == -1:
        when = f"ngày cuối tháng {listed}".rstrip()
    elif s.day is not None:
        when = f"ngày {s.day} {months}"
    else:
        when = f"{WEEKDAY_NAMES[s.weekday]} {ORDINALS[s.week]} {months}"
    text = f"{clock(s.time)} {when}"
    if s.start:
        text += f", từ {day(s.start)}"
    if s.until:
        text += f", đến {day(s.until)}"
    return text


def deadline_quote(deadline: date) -> str:
    """The regulation's wording for a deadline on the 24th: "trước ngày 25/6"."""
    return f"trước ngày 25/{deadline.month}"


def change(c) -> str:
    """What an exception does to the meeting of its date: 05/02/2026: dời sang 12/02/2026;
    05/09/2026: đổi giờ sang 20:00; 02/05/2026: hủy."""
    if c.cancelled:
        text = f"{day(c.date)}: hủy"
    elif c.moved_to in (None, c.date):
        text = f"{day(c.date)}: đổi giờ sang {clock(c.time)}"
    else:
        text = f"{day(c.date)}: dời sang {clock(c.time) + ' ' if c.time else ''}{day(c.moved_to)}"
    return text + (f" ({c.reason})" if c.reason else "")


# -- names in Vietnamese order

ALPHABET = {letter: n for n, letter in enumerate("a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split())}
LETTER_MARKS = frozenset("\u0306\u0302\u031b")  # breve, circumflex, horn: part of the letter (ă â ê ô ơ ư)
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền, hỏi, ngã, sắc, nặng (after ngang)


def word_key(word: str) -> tuple:
    """A word in dictionary order: its letters in the Vietnamese alphabet, then its tone."""
    letters, tone = [], 0
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in TONES:
            tone = TONES[char]
        elif char in LETTER_MARKS and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + char)
        else:
            letters.append(char)
    return tuple(ALPHABET.get(c, len(ALPHABET) + ord(c)) for c in letters), tone


def name_key(name: str) -> tuple:
    """Vietnamese names sort by the given name (the last word), then the middle names, then the family
    name, each in the Vietnamese alphabet (a ă â b c d đ e ê …) with tones in dictionary order."""
    words = name.split()
    ordered = words[-1:] + words[1:-1] + words[:1] if len(words) > 1 else words
    return tuple(word_key(w) for w in ordered)


def lower_first(text: str) -> str:
    """"Đảng bộ phường An Lạc" → "đảng bộ phường An Lạc", inside a sentence."""
    return text[:1].lower() + text[1:]


def without_kind(province: str) -> str:
    """"Tỉnh Sơn Hà" → "Sơn Hà": the name alone, for "Đảng bộ tỉnh Sơn Hà"."""
    for kind in ("Tỉnh ", "Thành phố "):
        if province.startswith(kind):
            return province[len(kind):]
    return province


def party_committee(province: str) -> str:
    """"Tỉnh Sơn Hà" → "Đảng bộ tỉnh Sơn Hà"; a city → "Đảng bộ thành phố …"."""
    kind = "thành phố" if province.startswith("Thành phố ") else "tỉnh"
    return f"Đảng bộ {kind} {without_kind(province)}"
