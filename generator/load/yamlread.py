"""Read one YAML file: fast when it is sound, with exact positions when it is not.

PyYAML's loaders quietly accept what has no place in hand-edited data: a key
given twice (the last wins), anchors and aliases (the "billion laughs" bomb),
custom tags. `compose` only composes the file (libyaml when available), never
constructs it, and reports each of those with its line and column. Values stay
as the text the editor typed; the schema decides what they mean.

Composing keeps a position for every value, which makes it slow on large
provinces. So `parse_fast` first tries yaml-rs, a fast parser that refuses
duplicate keys and aliases, on files with nothing it could read differently
(tags, directives, several documents, numbers written in other bases); the
schema then accepts its values only where it can vouch for them (`Type.fast`).
Anything else, and any problem, sends the file through `compose`, so messages
always come from the exact reading.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Collector

try:
    import yaml_rs
except ImportError:  # no wheel for this platform: every file takes the exact path
    yaml_rs = None

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}

SYNTAX_HINTS = (
    ("cannot start any token", "ký tự không hợp lệ ở đầu giá trị"),
    ("mapping values are not allowed", "dấu “:” không đúng chỗ; giá trị có dấu “:” phải đặt trong ngoặc kép"),
    ("could not find expected ':'", "thiếu dấu “:” sau tên khóa"),
    ("did not find expected key", "thụt lề không khớp với các dòng trên"),
    ("did not find expected '-' indicator", "thụt lề không khớp với các mục “-” phía trên"),
    ("end of stream", "tệp kết thúc khi chưa đóng ngoặc kép hoặc ngoặc"),
    ("expected <document start>", "chỉ được có một tài liệu YAML trong mỗi tệp"),
    ("but found another document", "chỉ được có một tài liệu YAML trong mỗi tệp"),
    ("control characters are not allowed", "tệp chứa ký tự điều khiển không in được"),
    ("expected ',' or ']'", "thiếu dấu “]” đóng danh sách, hoặc thiếu dấu “,” giữa các mục"),
    ("expected ',' or '}'", "thiếu dấu “}” đóng nhóm khóa, hoặc thiếu dấu “,” giữa các khóa"),
    ("second occurrence", "neo YAML (&) bị lặp; không dùng neo (&) và bí danh (*) trong dữ liệu"),
    ("found undefined alias", "bí danh YAML (*) không được dùng trong dữ liệu"),
)


NOT_FAST = object()
NO_ALIASES = yaml_rs.AliasLimits(max_alias_expansions_per_anchor=0) if yaml_rs else None
# What yaml-rs might read otherwise than the exact path, searched in the UTF-8 text: aliases and
# tags, directives and document markers, numbers with a sign, digit separators or a base prefix;
# characters PyYAML refuses (controls, lone surrogates, U+FFFE, U+FFFF) and the line breaks of
# YAML 1.1 that YAML 1.2 reads as text (U+0085, U+2028, U+2029).
TOKEN = re.compile(rb"(?<![^\s\[\]{},])[*!][^\s,\]}]")
SIGN = re.compile(rb"(?<![^\s\[,])\+[0-9.]")
SEPARATOR = re.compile(rb"_(?<=[0-9]_)[0-9]")
BASE = re.compile(rb"0(?<=\b0)[bBoOxX][0-9a-fA-F]")
C1 = re.compile(rb"\xc2[\x80-\x9f]")
CONTROLS = bytes(c for c in range(0x20) if c not in b"\t\n\r") + b"\x7f"
SEQUENCES = (b"\n%", b"\n---", b"\n...", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbf\xbe", b"\xef\xbf\xbf", b"\xed")


def unsure(text: str) -> bool:
    """Whether the text holds anything yaml-rs could read otherwise than PyYAML (cheap checks first)."""
    data = text.encode("utf-8", "surrogatepass")
    return bool(data.startswith((b"%", b"---", b"..."))
                or any(seq in data for seq in SEQUENCES)
                or len(data.translate(None, CONTROLS)) != len(data)
                or b"\xc2" in data and C1.search(data)
                or (b"*" in data or b"!" in data) and TOKEN.search(data)
                or b"+" in data and SIGN.search(data)
                or SEPARATOR.search(data) or BASE.search(data))


def parse_fast(text: str) -> Any:
    """The parsed file, or NOT_FAST when the fast parser is missing, unsure or refuses it."""
    if yaml_rs is None or unsure(text):
        return NOT_FAST
    try:
        return yaml_rs.loads(text, parse_datetime=False, alias_limits=NO_ALIASES)
    except Exception:  # any refusal (syntax, duplicate key, alias): the exact path explains it
        return NOT_FAST


def source(raw: bytes, name: str, out: Collector) -> str | None:
    """The text of a data file's bytes, or None after recording why it cannot be read as YAML."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n")
        out.add(yaml.Mark(name, 0, line, 0, None, None), "", None,
                "tệp phải được lưu với bảng mã UTF-8")
        return None
    if FORBIDDEN.search(text):
        for line, column, char in forbidden(text):
            value, expected = ("\\t", TAB) if char == "\t" else (f"U+{ord(char):04X}", refusal(char))
            out.add(yaml.Mark(name, 0, line, column, None, None), "", value, expected)
        return None
    return text


# What a data file may not hold, with its line and column as an editor shows them: a tab; a character
# PyYAML refuses (controls such as NUL, U+0001, DEL; C1 controls; U+FFFE, U+FFFF); and the line breaks
# of YAML 1.1 that editors do not show as such (U+0085 NEL, U+2028, U+2029), which would make YAML's
# lines differ from the editor's. Lines are counted the editor's way: only \n, \r\n and \r end a line.
FORBIDDEN = re.compile("[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
EDITOR_LINES = re.compile("\r\n|\r|\n")
TAB = "ký tự tab: YAML chỉ cho phép thụt lề và ngăn cách bằng dấu cách"
BREAKS = {"\x85": "NEL", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}


def forbidden(text: str) -> list[tuple[int, int, str]]:
    """(line, column, character) of each forbidden character, 0-based, counted as an editor counts."""
    found = []
    for number, line in enumerate(EDITOR_LINES.split(text)):
        found += [(number, match.start(), match.group()) for match in FORBIDDEN.finditer(line)]
    return found


def refusal(char: str) -> str:
    if char in BREAKS:
        return (f"ký tự ngắt dòng {BREAKS[char]}: YAML coi là xuống dòng nhưng trình soạn thảo không hiện như vậy, "
                "nên số dòng sẽ lệch; hãy xóa nó (hoặc xuống dòng bằng phím Enter)")
    return "ký tự điều khiển không in được; hãy xóa nó"


def compose(text: str, name: str, out: Collector) -> Node | None:
    """The node tree of `text`, or None after recording every problem in `out` under `name`."""
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as err:
        out.add(err.problem_mark, "", None, syntax_message(err))
        return None
    except yaml.YAMLError as err:
        out.add(None, "", None, f"lỗi cú pháp YAML: {err}")
        return None
    if root is None or (isinstance(root, ScalarNode) and root.tag.endswith(":null")):
        out.add(None, "", None, "tệp rỗng; nếu chưa có mục nào, hãy ghi [] (danh sách rỗng)")
        return None
    before = len(out.problems)
    check_tree(root, text, name, out)
    return root if len(out.problems) == before else None


def syntax_message(err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or ""
    for needle, hint in SYNTAX_HINTS:
        if needle in problem or needle in (err.context or ""):
            return f"lỗi cú pháp YAML: {hint}"
    return f"lỗi cú pháp YAML: {problem}"


def check_tree(root: Node, text: str, name: str, out: Collector) -> None:
    """Reject aliases, custom tags and duplicate keys anywhere in the tree."""
    seen: set[int] = set()
    shared = False
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared = True
            continue
        seen.add(id(node))
        if node.tag not in PLAIN_TAGS:
            out.add(node.start_mark, "", node.tag.replace("tag:yaml.org,2002:", "!!"),
                    "thẻ YAML (!...) không được dùng trong dữ liệu; hãy ghi giá trị thường")
            continue
        if isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, MappingNode):
            keys: dict[str, Node] = {}
            for key, value in node.value:
                label = key.value if isinstance(key, ScalarNode) else "?"
                if label in keys:
                    first = keys[label].start_mark.line + 1
                    out.add(key.start_mark, label, None,
                            f"khóa “{label}” bị lặp (đã có ở dòng {first}); mỗi khóa chỉ được ghi một lần")
                keys[label] = key
                stack.append(value)
    if shared:
        report_aliases(text, name, out)


def report_aliases(text: str, name: str, out: Collector) -> None:
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.AliasEvent):
            out.add(event.start_mark, "", f"*{event.anchor}",
                    "bí danh YAML (& và *) không được dùng trong dữ liệu; hãy chép giá trị ra")
