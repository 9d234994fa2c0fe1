"""Typed fields that read YAML nodes, report problems, and describe themselves as JSON Schema.

One description per data file (see `schema.py`) drives both the validation of
the file and the JSON Schema that editors use to complete and check it, so the
two cannot drift apart. This module has the single values; `shapes.py` the
lists and objects that hold them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from yaml.nodes import Node, ScalarNode

from .problems import Collector

INVALID: Any = object()  # a value that could not be read; its problem is already recorded


class Bail(Exception):
    """The fast reader cannot vouch for a value: read the file again with positions (see yamlread)."""

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_MAX = 64
ID_EXPECTED = ("mã (id) chỉ gồm chữ thường không dấu a–z, chữ số và dấu “-” giữa các từ, "
               f"tối đa {ID_MAX} ký tự (ví dụ: nguyen-van-an)")
DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DATE_VN = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
TIME = re.compile(r"(\d{1,2}):(\d{2})")
URL = re.compile(r"https?://[^\s<>\"'`]+/")
ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = re.compile(rf"{ATOM}(?:\.{ATOM})*@{LABEL}(?:\.{LABEL})*")
EMAIL_MAX = 254
NULL = "tag:yaml.org,2002:null"


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL


NO_MARKS: dict = {}  # a record read fast has no positions (and never gets any)


class Rec(dict):
    """A mapping read from YAML that remembers the position of itself and of each value."""

    def __init__(self, mark, marks: dict[str, Any]):
        super().__init__()
        self.mark = mark
        self.marks = marks

    def at(self, key: str):
        return self.marks.get(key, self.mark)


class Type:
    def read(self, node: Node, key: str, out: Collector) -> Any:
        """The value of a YAML node, or INVALID after recording the problem in `out`."""
        raise NotImplementedError

    def fast(self, value: Any) -> Any:
        """The same value from an already parsed one; raises Bail wherever `read` could differ or complain."""
        raise NotImplementedError

    def json(self) -> dict:
        raise NotImplementedError


class Scalar(Type):
    expected = ""

    def read(self, node, key, out):
        if not isinstance(node, ScalarNode):
            out.add(node.start_mark, key, None, f"cần một giá trị đơn, không phải danh sách hay nhóm khóa: {self.expected}")
            return INVALID
        value = self.convert(node.value, node)
        if value is INVALID:
            out.add(node.start_mark, key, node.value, self.complaint(node.value))
        return value

    def fast(self, value):
        if type(value) is not str:
            raise Bail
        converted = self.convert(value, None)
        if converted is INVALID:
            raise Bail
        return converted

    def convert(self, raw: str, node: ScalarNode | None) -> Any:
        raise NotImplementedError

    def complaint(self, raw: str) -> str:
        return f"cần {self.expected}"


@dataclass
class Text(Scalar):
    max_length: int = 200
    multiline: bool = False

    @property
    def expected(self):
        return "một đoạn văn bản" if self.multiline else "một dòng văn bản"

    def convert(self, raw, node):
        text = unicodedata.normalize("NFC", raw)
        text = text.strip() if not self.multiline else text.strip("\n ").replace("\r\n", "\n")
        if not text or len(text) > self.max_length or bad_character(text, self.multiline):
            return INVALID
        return text

    def complaint(self, raw):
        text = unicodedata.normalize("NFC", raw).strip()
        if not text:
            return f"cần {self.expected}, không được để trống"
        if len(text) > self.max_length:
            return f"văn bản quá dài ({len(text)} ký tự), tối đa {self.max_length} ký tự"
        if not self.multiline and ("\n" in text or "\r" in text):
            return "chỉ được viết trên một dòng (không xuống dòng)"
        return "văn bản chứa ký tự điều khiển không in được (ví dụ: tab, ký tự ẩn); hãy xóa chúng"

    def json(self):
        return {"type": "string", "minLength": 1, "maxLength": self.max_length}


def bad_character(text: str, multiline: bool) -> bool:
    if text.isprintable():  # the common case, checked in C
        return False
    for char in text:
        if char == "\n" and multiline:
            continue
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            return True
    return False


class Id(Scalar):
    expected = ID_EXPECTED

    def convert(self, raw, node):
        return raw if len(raw) <= ID_MAX and ID_PATTERN.fullmatch(raw) else INVALID

    def complaint(self, raw):
        if any(c.isupper() for c in raw):
            hint = "không dùng chữ hoa"
        elif any(ord(c) > 127 for c in raw):
            hint = "không dùng chữ có dấu hay ký tự ngoài bảng ASCII"
        elif any(c in raw for c in "/\\.") :
            hint = "không dùng “/”, “\\” hay “.” (mã được dùng làm tên tệp và địa chỉ trang)"
        elif "\n" in raw or "\r" in raw:
            hint = "không xuống dòng (kể cả ở cuối mã)"
        elif any(c.isspace() for c in raw):
            hint = "không dùng dấu cách"
        else:
            hint = "sai dạng"
        return f"{hint}: {ID_EXPECTED}"

    def json(self):
        return {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$", "maxLength": ID_MAX}


@dataclass
class Ref(Id):
    """An id that must name an existing item of `target`; existence is checked after all files are read."""

    target: str = ""

    def json(self):
        return {**super().json(), "description": f"mã của một mục trong {self.target}.yml"}


class Url(Scalar):
    expected = "một địa chỉ bắt đầu bằng http:// hoặc https:// và kết thúc bằng “/”"

    def convert(self, raw, node):
        return raw if URL.fullmatch(raw) else INVALID

    def json(self):
        return {"type": "string", "pattern": f"^{URL.pattern}$"}


class Email(Scalar):
    """One mail address, bare (no name, no angle brackets), in ASCII: what every SMTP server accepts."""

    expected = "một địa chỉ thư điện tử, ví dụ bantochuc@tinhuy.example"

    def convert(self, raw, node):
        return raw if len(raw) <= EMAIL_MAX and EMAIL.fullmatch(raw) else INVALID

    def complaint(self, raw):
        if any(c in raw for c in "<>\""):
            hint = "chỉ ghi địa chỉ, không ghi tên người nhận hay dấu “<>”"
        elif any(ord(c) > 127 for c in raw):
            hint = "không dùng chữ có dấu hay ký tự ngoài bảng ASCII"
        elif raw.count("@") != 1 or any(c in raw for c in ",; "):
            hint = "mỗi mục chỉ ghi đúng một địa chỉ, có một dấu “@”, không có dấu cách"
        elif len(raw) > EMAIL_MAX:
            hint = f"quá dài, tối đa {EMAIL_MAX} ký tự"
        else:
            hint = "sai dạng (kiểm tra dấu chấm đầu, cuối hoặc hai dấu chấm liền nhau)"
        return f"{hint}: cần {self.expected}"

    def json(self):
        return {"type": "string", "pattern": f"^{EMAIL.pattern}$", "maxLength": EMAIL_MAX}


@dataclass
class Int(Scalar):
    low: int = 0
    high: int = 10**6

    @property
    def expected(self):
        return f"một số nguyên từ {self.low} đến {self.high}"

    def convert(self, raw, node):
        if not re.fullmatch(r"[0-9]{1,9}", raw):
            return INVALID
        value = int(raw)
        return value if self.low <= value <= self.high else INVALID

    def fast(self, value):
        if type(value) is int and self.low <= value <= self.high:
            return value
        return super().fast(value)

    def json(self):
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


class Bool(Scalar):
    expected = "true (có) hoặc false (không)"

    def convert(self, raw, node):
        return {"true": True, "false": False}.get(raw.lower(), INVALID)

    def fast(self, value):
        return value if type(value) is bool else super().fast(value)

    def json(self):
        return {"type": "boolean"}


class Date(Scalar):
    expected = "một ngày dạng YYYY-MM-DD (ví dụ 2026-02-05) hoặc DD/MM/YYYY (ví dụ 05/02/2026)"

    def convert(self, raw, node):
        return parse_date(raw)

    def complaint(self, raw):
        if DATE_ISO.fullmatch(raw) or DATE_VN.fullmatch(raw):
            return f"ngày không có thật trên lịch (năm từ 2000 đến 2100); {self.expected}"
        return f"cần {self.expected}"

    def json(self):
        return {"type": "string", "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})$",
                "description": "ngày: YYYY-MM-DD hoặc DD/MM/YYYY"}


def parse_date(raw: str) -> date | Any:
    if match := DATE_ISO.fullmatch(raw):
        year, month, day = map(int, match.groups())
    elif match := DATE_VN.fullmatch(raw):
        day, month, year = map(int, match.groups())
    else:
        return INVALID
    try:
        value = date(year, month, day)
    except ValueError:
        return INVALID
    return value if 2000 <= value.year <= 2100 else INVALID


class Time(Scalar):
    expected = "giờ dạng HH:MM theo 24 giờ (ví dụ 19:30), đặt trong ngoặc kép hoặc không"

    def convert(self, raw, node):
        match = TIME.fullmatch(raw)
        if not match:
            return INVALID
        hour, minute = map(int, match.groups())
        return time(hour, minute) if hour < 24 and minute < 60 else INVALID

    def json(self):
        return {"type": "string", "pattern": r"^([01]?\d|2[0-3]):[0-5]\d$"}


@dataclass
class Enum(Scalar):
    choices: dict[str, str] = field(default_factory=dict)  # value -> Vietnamese meaning

    @property
    def expected(self):
        return "một trong: " + ", ".join(f"{value} ({label})" for value, label in self.choices.items())

    def convert(self, raw, node):
        return raw if raw in self.choices else INVALID

    def json(self):
        return {"enum": list(self.choices),
                "description": "; ".join(f"{v}: {label}" for v, label in self.choices.items())}


@dataclass
class OneOf(Scalar):
    """An integer in a range, or one of a few words (e.g. a day of month or "last")."""

    number: Int = field(default_factory=Int)
    words: dict[str, Any] = field(default_factory=dict)  # word -> value
    hint: str = ""

    @property
    def expected(self):
        return f"{self.number.expected}, hoặc " + ", ".join(f"“{w}”" for w in self.words) + self.hint

    def convert(self, raw, node):
        if raw in self.words:
            return self.words[raw]
        return self.number.convert(raw, node)

    def fast(self, value):
        return self.number.fast(value) if type(value) is int else super().fast(value)

    def json(self):
        return {"oneOf": [self.number.json(), {"enum": list(self.words)}]}
