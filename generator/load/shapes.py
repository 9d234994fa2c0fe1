"""Lists and objects of typed fields (see `fields.py`): how records and files are read and described."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .fields import INVALID, NO_MARKS, Bail, Rec, Type, is_null
from .problems import Collector


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
