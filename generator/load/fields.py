"""Typed fields that read YAML nodes, report problems, and describe themselves as JSON Schema.

One description per data file (see `schema.py`) drives both the validation of
the file and the JSON Schema that editors use to complete and check it, so the
two cannot drift apart.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, time
from functools import cached_property
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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


@dataclass
class List(Type):
    item: Type
    min_items: int = 0
    unique: bool = False

    def read(self, node, key, out):
        if not isinstance(node, SequenceNode):
            out.add(node.start_mark, key, scalar_text(node), "cần một danh sách (mỗi mục bắt đầu bằng “- ”)")
            return INVALID
        values = []
        for number, child in enumerate(node.value, 1):
            value = self.item.read(child, item_key(key, number, child), out)
            if value is INVALID:
                continue
            if self.unique and value in values:
                out.add(child.start_mark, f"{key}[{number}]", str(value), "giá trị bị lặp trong danh sách")
                continue
            values.append(value)
        if len(node.value) < self.min_items:
            out.add(node.start_mark, key, None, f"danh sách cần ít nhất {self.min_items} mục")
            return INVALID
        return values

    def fast(self, value):
        if type(value) is not list or len(value) < self.min_items:
            raise Bail
        values = [self.item.fast(v) for v in value]
        if self.unique and len(set(values)) != len(values):
            raise Bail
        return values

    def json(self):
        schema = {"type": "array", "items": self.item.json()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema


def item_key(key: str, number: int, node: Node) -> str:
    """How a list item is named in messages: by its id when it has a readable one."""
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == "id" and isinstance(v, ScalarNode) \
                    and v.value and v.value.isprintable():
                return f"{key}[{v.value}]" if key else v.value
    return f"{key}[{number}]" if key else f"[mục {number}]"


def scalar_text(node: Node) -> str | None:
    return node.value if isinstance(node, ScalarNode) else None


@dataclass
class Field:
    name: str
    type: Type
    doc: str
    required: bool = False
    default: Any = None


@dataclass
class Object(Type):
    fields: list[Field]
    doc: str = ""
    one_of: tuple[str, ...] = ()     # exactly one of these keys must be given
    any_of: tuple[str, ...] = ()     # at least one of these keys must be given
    together: tuple[str, ...] = ()   # all or none of these keys

    def read(self, node, key, out):
        if not isinstance(node, MappingNode):
            out.add(node.start_mark, key, scalar_text(node), "cần một nhóm khóa dạng “tên: giá trị”")
            return INVALID
        rec = Rec(node.start_mark, {})
        ok = self.read_values(node, key, out, rec)
        given = {k.value for k, v in node.value if isinstance(k, ScalarNode) and not is_null(v)}
        for f in self.fields:
            if f.required and f.name not in given:
                out.add(node.start_mark, f"{key}.{f.name}" if key else f.name, None,
                        f"thiếu khóa bắt buộc “{f.name}” ({f.doc})")
                ok = False
            elif f.name not in rec and f.name not in given and f.default is not None:
                rec[f.name] = f.default
        for problem in self.group_problems(given):
            out.add(node.start_mark, key, None, problem)
            ok = False
        return rec if ok else INVALID

    def read_values(self, node: MappingNode, key: str, out: Collector, rec: Rec) -> bool:
        """Read each key's value into `rec`; False when any key is unknown or any value invalid."""
        known, ok = self.known, True
        for knode, vnode in node.value:
            name = knode.value if isinstance(knode, ScalarNode) else None
            path = f"{key}.{name}" if key else str(name)
            if name not in known:
                out.add(knode.start_mark, path, None, unknown_key(name, known))
                ok = False
                continue
            if is_null(vnode):
                continue
            value = known[name].type.read(vnode, path, out)
            rec.marks[name] = vnode.start_mark
            if value is INVALID:
                ok = False
            else:
                rec[name] = value
        return ok

    def fast(self, value):
        if type(value) is not dict:
            raise Bail
        readers = self.readers
        rec = Rec(None, NO_MARKS)
        for name, item in value.items():
            read = readers.get(name) if type(name) is str else None
            if read is None:
                raise Bail
            if item is not None:
                rec[name] = read(item)
        if not self.complete(rec, value):
            raise Bail
        return rec

    def complete(self, rec: Rec, value: dict) -> bool:
        """Whether a record read fast has every key `read` requires; fills in the defaults."""
        for name in self.required:
            if name not in rec:
                return False
        for name, default in self.defaults:
            if name not in rec:
                rec[name] = default
        if self.one_of or self.any_of or self.together:
            return not self.group_problems({name for name, item in value.items() if item is not None})
        return True

    @cached_property
    def known(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @cached_property
    def readers(self) -> dict[str, Any]:
        return {f.name: f.type.fast for f in self.fields}

    @cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @cached_property
    def defaults(self) -> tuple[tuple[str, Any], ...]:
        return tuple((f.name, f.default) for f in self.fields if f.default is not None)

    def group_problems(self, given: set) -> list[str]:
        """What is wrong with which keys of `one_of`, `any_of` and `together` are given."""
        def names(keys):
            return " hoặc ".join(f"“{k}”" for k in keys)

        found = []
        if self.one_of and len(given & set(self.one_of)) != 1:
            found.append(f"cần đúng một trong các khóa {names(self.one_of)}")
        if self.any_of and not given & set(self.any_of):
            found.append(f"cần ít nhất một trong các khóa {names(self.any_of)}")
        if self.together and 0 < len(given & set(self.together)) < len(self.together):
            both = " và ".join(f"“{k}”" for k in self.together)
            found.append(f"các khóa {both} phải đi cùng nhau")
        return found

    def json(self):
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {f.name: {**f.type.json(), "description": f.doc} for f in self.fields},
        }
        required = [f.name for f in self.fields if f.required]
        if required:
            schema["required"] = required
        if self.one_of:
            schema["oneOf"] = [{"required": [k]} for k in self.one_of]
        if self.any_of:
            schema["anyOf"] = [{"required": [k]} for k in self.any_of]
        if self.together:
            schema["dependentRequired"] = {k: [o for o in self.together if o != k] for k in self.together}
        if self.doc:
            schema["description"] = self.doc
        return schema


def unknown_key(name: str | None, known: dict) -> str:
    choices = ", ".join(known)
    close = difflib.get_close_matches(str(name), list(known), n=1)
    hint = f"có phải ý bạn là “{close[0]}”? " if close else ""
    return f"khóa không được biết: {hint}các khóa được dùng ở đây: {choices}"
