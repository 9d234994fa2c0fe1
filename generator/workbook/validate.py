"""Check the workbook's rows with the data files' own rules, and plan what the import changes.

Each row becomes a YAML mapping node whose positions are its cells, and is read
by the record's schema (`load/schema.py`, `load/fields.py`). The records of
`data/` with the rows merged in are then cross-checked by `load/data.py`, as a
build would check them; a problem in a row comes back with its sheet and cell.
Last, a new or changed row that the build would list as a record that cannot
count (`rules/compliance.py`) is refused with the warning's reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode

from ..load.data import Data
from ..load.fields import ID_MAX, INVALID, Bail, Rec
from ..load.problems import Collector, Problem, shorten
from ..load.schema import DEFAULT_TIMEZONE
from ..model.tree import Tree
from ..rules.compliance import record_warnings
from ..rules.obligations import evaluate
from .names import Names
from .read import Cell, Row, Workbook
from .sheets import ID_PREFIX, SHEETS, RecordSheet, folded

STR = "tag:yaml.org,2002:str"
MAP = "tag:yaml.org,2002:map"
WARNED_AT = {"attendance": "date", "visits": "date", "reports": "period"}


class CellMark:
    """A position in a sheet, standing where the schema expects a YAML position."""

    __slots__ = ("row", "cell")

    def __init__(self, row: Row, cell: Cell):
        self.row, self.cell = row, cell

    @property
    def line(self) -> int:
        return self.row.number - 1

    @property
    def column(self) -> int:
        number = 0
        for char in self.cell.letter:
            number = number * 26 + ord(char) - 64
        return number - 1


@dataclass(frozen=True)
class SheetProblem:
    sheet: str
    row: int
    letter: str
    heading: str
    shown: str
    expected: str

    def sort_key(self) -> tuple:
        order = next((n for n, s in enumerate(SHEETS) if folded(s.title) == folded(self.sheet)), len(SHEETS))
        return (order, self.row, len(self.letter), self.letter, self.expected)

    def __str__(self) -> str:
        what = f"{self.heading} = {shorten(self.shown)}" if self.shown else self.heading
        return f"{self.sheet}!{self.letter}{self.row}: {what}\n    → {self.expected}"


def problem_at(row: Row, key: str, expected: str, fallback: Cell | None = None) -> SheetProblem:
    """The problem placed in the cell of `key` (“id.field” or “field”) in `row`."""
    name = key.split(".", 1)[1] if "." in key else key
    cell = row.cell(name) or fallback or row.first()
    heading = cell.column.heading if cell.column else name
    return SheetProblem(cell.sheet, row.number, cell.letter, heading, cell.shown, expected)


class SheetCollector(Collector):
    """Problems of one data file: those with a cell position go to the sheet's list."""

    def __init__(self, file: str, found: list[SheetProblem]):
        super().__init__(file)
        self.found = found

    def add(self, mark, key, value, expected):
        if isinstance(mark, CellMark):
            found = problem_at(mark.row, key, expected, mark.cell)
            self.found.append(found)
            self.problems.append(found)  # seen by the cross-checks, which stop before following a bad reference
        else:
            super().add(mark, key, value, expected)


@dataclass
class Plan:
    """What the import does to one data file."""

    sheet: RecordSheet
    before: list[str] = field(default_factory=list)  # the file's ids before the import, in order
    merged: list[Rec] = field(default_factory=list)  # the file's records afterwards, in order
    new: list[tuple[Row, Rec]] = field(default_factory=list)
    changed: list[tuple[Row, Rec, Rec]] = field(default_factory=list)  # row, new record, old record
    deleted: list[tuple[Row, Rec]] = field(default_factory=list)

    @property
    def touched(self) -> dict[str, Row]:
        return {rec["id"]: row for row, rec, *_ in self.new + self.changed}


@dataclass
class Outcome:
    problems: list  # Problem (a data file) and SheetProblem (a cell), in the order to print
    plans: dict[str, Plan]


def check(data_dir: Path, book: Workbook, as_of: Callable[[str], date]) -> Outcome:
    """Every problem of the rows; `as_of` gives the as-of date in the province's time zone."""
    outcome = attempt(data_dir, book, as_of, fast=True)
    if any(isinstance(p, Problem) for p in outcome.problems):
        outcome = attempt(data_dir, book, as_of, fast=False)  # again, with the data files' positions
    return outcome


def attempt(data_dir: Path, book: Workbook, as_of: Callable[[str], date], fast: bool) -> Outcome:
    data = Data(data_dir, fast)
    data.read_files()
    if data.problems():
        return Outcome(data.problems(), {})
    found = [SheetProblem(sheet, row, "A", "dòng tiêu đề", "", why) for sheet, row, why in book.missing_headings]
    names = Names(data.recs)
    plans = {}
    for sheet in SHEETS:
        out = data.out[sheet.file] = SheetCollector(data.out[sheet.file].file, found)
        plans[sheet.file] = plan(sheet, data.recs[sheet.file], book.rows.get(sheet.file, []), names, out)
        data.recs[sheet.file] = plans[sheet.file].merged
    for out in data.out.values():
        out.problems.clear()  # a row with a problem of its own was left out: it must not stop the cross-checks
    before = len(found)
    data.cross_check()
    problems = [p for p in data.problems() if isinstance(p, Problem)]  # the cells' own are in `found`
    if not problems and len(found) == before:  # the rows that could be read agree with the data: a province
        found += refused(data, plans, as_of(data.settings.get("timezone", DEFAULT_TIMEZONE)))
    return Outcome(problems + sorted(found, key=SheetProblem.sort_key), plans)


def refused(data: Data, plans: dict[str, Plan], as_of: date) -> list[SheetProblem]:
    """New and changed rows that the build would list as records that cannot count."""
    province = data.build()
    tree = Tree(province)
    found = []
    touched = {file: plan.touched for file, plan in plans.items()}
    for warning in record_warnings(province, evaluate(province, as_of, tree), tree):
        file = warning.file.removesuffix(".yml")
        row = touched.get(file, {}).get(warning.record)
        if row is not None:
            found.append(problem_at(row, WARNED_AT.get(file, "id"),
                                    f"bản ghi này sẽ không được tính cho nghĩa vụ nào: {warning.message}"))
    return found


def plan(sheet: RecordSheet, existing: list[Rec], rows: list[Row], names: Names, out: SheetCollector) -> Plan:
    result = Plan(sheet, before=[rec["id"] for rec in existing], merged=list(existing))
    position = {rec["id"]: n for n, rec in enumerate(existing)}
    taken = set(position) | {row.given["id"].text for row in rows if "id" in row.given}
    seen: set[str] = set()
    for row in rows:
        if row.delete:
            delete(row, existing, position, result, out)
            continue
        rec = read_row(row, sheet, names, out)
        if rec is INVALID:
            continue
        if "id" in row.given:
            old = existing[position[rec["id"]]] if rec["id"] in position else None
        else:
            rec["id"], old = new_id(sheet.file, rec, taken, existing, position)
        if old is None or rec["id"] in seen:  # a second row with an id is appended: the cross-check finds it twice
            result.new.append((row, rec))
            result.merged.append(rec)
        else:
            if dict(rec) != dict(old):
                result.changed.append((row, rec, old))
            result.merged[position[rec["id"]]] = rec  # the same content, placed in its cells
        seen.add(rec["id"])
    result.merged = [rec for rec in result.merged if rec is not None]
    return result


def delete(row: Row, existing: list[Rec], position: dict[str, int], result: Plan, out: SheetCollector) -> None:
    cell = row.filled.get("id")
    if cell is None or cell.text not in position:
        out.found.append(problem_at(row, "id", "dòng đánh dấu xóa phải ghi mã của một bản ghi có trong dữ liệu"
                                    if cell is None else "không có bản ghi nào mang mã này để xóa"))
        return
    index = position.pop(cell.text)
    result.deleted.append((row, existing[index]))
    result.merged[index] = None


def read_row(row: Row, sheet: RecordSheet, names: Names, out: SheetCollector):
    """The row read by the record's schema, or INVALID after its problems are recorded.

    Rows go through the schema's fast reader first; one it cannot vouch for is read again as
    a YAML node whose positions are its cells, which reports every problem in its cell."""
    values, ok = {}, True
    for name, cell in row.given.items():
        text = cell.text
        if cell.column.kind == "ref":
            text, why = names.resolve(cell.column.target, text)
            if why:
                out.found.append(problem_at(row, name, why))
                ok, text = False, "x"  # the schema reads the rest of the row; the row is dropped
        elif cell.column.kind == "enum":
            text = enum_value(cell.column.field.type.choices, text)
        values[name] = text
    values.setdefault("id", "tam")  # replaced by an id made from the content
    first = row.first()
    try:
        rec = sheet.shape.fast(values)
    except Bail:
        rec = sheet.shape.read(node(row, values, first), "", out)
    if rec is INVALID or not ok:
        return INVALID
    rec.mark = CellMark(row, first)
    rec.marks = {name: CellMark(row, row.filled.get(name, first)) for name in values}
    return rec


def node(row: Row, values: dict[str, str], first: Cell) -> MappingNode:
    pairs = []
    for name, text in values.items():
        mark = CellMark(row, row.filled.get(name, first))
        pairs.append((ScalarNode(STR, name, mark, mark), ScalarNode(STR, text, mark, mark)))
    mark = CellMark(row, first)
    return MappingNode(MAP, pairs, mark, mark)


def enum_value(choices: dict[str, str], text: str) -> str:
    """The value of a drop-down cell: the code, or its Vietnamese label as the workbook shows it."""
    key = folded(text)
    for value, label in choices.items():
        if key in (folded(value), folded(label)):
            return value
    return text


def new_id(file: str, rec: Rec, taken: set[str], existing: list[Rec], position: dict[str, int]):
    """An id made from the row's content, and the record already holding it when that is this very row.

    The same content gives the same id, so importing the same workbook twice adds the row once."""
    when = rec.get("date") or rec.get("notified")
    tail = rec["period"].lower() if file == "reports" else when.strftime("%Y%m%d") if when else ""
    base = f"{ID_PREFIX[file]}-{rec['member']}"[: ID_MAX - len(tail) - 11].rstrip("-") + f"-{tail}"
    content = "|".join(f"{k}={rec[k]}" for k in sorted(rec) if k != "id")
    digest = hashlib.sha1(content.encode("utf-8")).hexdigest()
    for number in range(1, 10):
        candidate = base if number == 1 else f"{base}-{digest[:6]}" if number == 2 else f"{base}-{digest[:6]}-{number}"
        index = position.get(candidate)
        if index is not None and same_content(existing[index], rec):
            return candidate, existing[index]
        if candidate not in taken:
            taken.add(candidate)
            return candidate, None
    raise AssertionError("no free id")  # ten rows with the same content


def same_content(old: Rec, new: Rec) -> bool:
    return {k: v for k, v in old.items() if k != "id"} == {k: v for k, v in new.items() if k != "id"}
