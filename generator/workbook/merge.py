"""Write a plan into a data file, keeping everything it does not change.

A data file is a list of records at the left margin (`- id: …`). The text is
cut into its records; only the records that change are read and written again,
each with ruamel.yaml's round trip (comments, key order, quoting and blank
lines kept, a value replaced where it stands, a new key put at its place in the
schema's order); new records are written at the end in the same layout (by
libyaml, fast for a thousand rows); a deleted record's lines go. Every other byte stays. A file of another shape
(`[]`, a list indented or written inline) is read and written whole with the
round trip.
"""

from __future__ import annotations

import io
import re
from datetime import time

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

from ..load.fields import Rec
from .validate import Plan

ITEM = re.compile(r"-(?:[ \t]|\r?\n|$)")
RECORD_ID = re.compile(r"^(?:- +| +)id:[ \t]*[\"']?([a-z0-9-]+)", re.MULTILINE)
EMPTY = re.compile(r"\[\][ \t]*(?:#.*)?\r?\n?")


def yaml() -> YAML:
    handler = YAML()
    handler.preserve_quotes = True
    handler.width = 4096
    handler.indent(mapping=2, sequence=2, offset=0)
    return handler


def apply(text: str, plan: Plan) -> str:
    """The file's new text after `plan`."""
    parts = split(text, plan.before)
    if parts is None:
        return whole(text, plan)
    head, items, tail = parts
    return with_new(kept(head, items, plan), items, plan) + tail


def kept(head: str, items: list[tuple], plan: Plan) -> str:
    """The file's records after the changes and deletions, with the lines between them."""
    handler = yaml()
    edits = {old["id"]: (new, old, row) for row, new, old in plan.changed}
    gone = {old["id"] for _, old in plan.deleted}
    pieces = [head]
    for record_id, body, gap in items:
        if record_id in gone:
            pieces.append(gap if comments(gap) else "")
            continue
        if record_id in edits:
            new, old, row = edits[record_id]
            body = rewrite(handler, body, plan.sheet.shape, new, old, set(row.given))
        pieces += [body, gap]
    if items and items[-1][0] in gone and not comments(items[-1][2]):
        while len(pieces) > 1 and not comments(pieces[-1]):
            pieces.pop()  # the blank lines that separated the deleted last records
        pieces.append(items[-1][2])
    return "".join(pieces)


def with_new(body: str, items: list[tuple], plan: Plan) -> str:
    """`body` with the new records written after it, spaced as the file's records are."""
    spaced = not items or any(gap.startswith(("\n", "\r\n")) for _, _, gap in items[:-1])
    added = appended([mapping(plan.sheet.shape, new, row) for row, new in plan.new])
    if spaced:  # a blank line before each new record: the list's items are the lines at the left margin
        added = "".join("\n" + line if ITEM.match(line) else line for line in added.splitlines(keepends=True))
    if added and body.strip() and not body.endswith("\n"):
        body += "\n"
    if added and (not body.strip() or body.endswith("\n\n")):
        added = added.removeprefix("\n")
    return body + added


def comments(text: str) -> bool:
    return any(line.strip() for line in text.splitlines())


def split(text: str, ids: list[str]):
    """(head, [(id, body, gap)], tail) when the file is a plain list of records whose ids are `ids`; else None.

    `body` is a record's lines, `gap` the blank and comment lines after it."""
    lines = text.splitlines(keepends=True)
    starts = [n for n, line in enumerate(lines) if ITEM.match(line)]
    if not starts:
        return empty(lines, ids)
    if any(line.strip() and not line.startswith("#") for line in lines[: starts[0]]):
        return None
    items = [item(lines, start, end) for start, end in zip(starts, starts[1:] + [len(lines)], strict=True)]
    if [record_id for record_id, _, _ in items] != ids:
        return None
    return "".join(lines[: starts[0]]), items, ""


def empty(lines: list[str], ids: list[str]):
    """(head, [], tail) when the file's one content line is `[]` at the left margin and no record is expected."""
    content = [n for n, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    if not ids and len(content) == 1 and EMPTY.fullmatch(lines[content[0]].lstrip()) and \
            not lines[content[0]].startswith((" ", "\t")):
        return "".join(lines[: content[0]]), [], "".join(lines[content[0] + 1:])
    return None


def item(lines: list[str], start: int, end: int) -> tuple:
    """(id, body, gap) of the record in lines[start:end]; id None when the body does not name exactly one."""
    last = end
    while last > start + 1 and (not lines[last - 1].strip() or lines[last - 1].startswith("#")):
        last -= 1
    body = "".join(lines[start:last])
    found = RECORD_ID.findall(body)
    return found[0] if len(found) == 1 else None, body, "".join(lines[last:end])


def rewrite(handler: YAML, body: str, shape, new: Rec, old: Rec, given: set[str]) -> str:
    seq = handler.load(body)
    update(seq[0], shape, new, old, given)
    return dump(handler, seq)


def update(target: CommentedMap, shape, new: Rec, old: Rec, given: set[str]) -> None:
    """Set the values the row changes, drop the keys whose cell is empty (the schema's default then applies),
    add new keys at their place in the schema's order. A value that stays the same is left as written."""
    order = [f.name for f in shape.fields]
    for name in order:
        if name not in given:
            if name in target:
                del target[name]
        elif name not in target:
            place = sum(1 for key in target if key in order and order.index(key) < order.index(name))
            target.insert(place, name, yaml_value(new[name]))
        elif old.get(name) != new[name]:
            target[name] = yaml_value(new[name])


def mapping(shape, new: Rec, row) -> CommentedMap:
    result = CommentedMap()
    for f in shape.fields:
        if f.name in new and (f.name == "id" or f.name in row.given):
            result[f.name] = yaml_value(new[f.name])
    return result


class Appender(getattr(pyyaml, "CSafeDumper", pyyaml.SafeDumper)):
    """New records, written by libyaml: the layout of the round trip, many times faster for many rows."""


def literal(dumper, text: str):
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style=style)


Appender.add_representer(str, literal)
Appender.add_representer(SingleQuotedScalarString, literal)
Appender.add_representer(LiteralScalarString, literal)
Appender.add_representer(CommentedMap, pyyaml.representer.SafeRepresenter.represent_dict)


def appended(records: list[CommentedMap]) -> str:
    if not records:
        return ""
    return pyyaml.dump(records, Dumper=Appender, allow_unicode=True, sort_keys=False, width=4096,
                       default_flow_style=False)


def yaml_value(value):
    if isinstance(value, time):
        return SingleQuotedScalarString(f"{value.hour:02d}:{value.minute:02d}")
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value  # dates are written 2026-02-05, other text plain or quoted as YAML needs


def dump(handler: YAML, records: list) -> str:
    out = io.StringIO()
    handler.dump(records, out)
    return out.getvalue()


def whole(text: str, plan: Plan) -> str:
    """The round trip of the whole file, for files `split` cannot cut."""
    handler = yaml()
    seq = handler.load(text) or CommentedSeq()
    by_id = {item.get("id"): item for item in seq}
    for row, new, old in plan.changed:
        update(by_id[old["id"]], plan.sheet.shape, new, old, set(row.given))
    for _, old in plan.deleted:
        seq.remove(by_id[old["id"]])
    for row, new in plan.new:
        seq.append(mapping(plan.sheet.shape, new, row))
    if plan.new:
        seq.fa.set_block_style()
    return dump(handler, seq)
