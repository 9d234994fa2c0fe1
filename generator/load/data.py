"""Read `data/*.yml`, validate everything, and build the model, or report every problem at once.

Reading happens in two passes. First each file is read on its own against its
schema (what the file is, syntax, keys, types, dates, ids). Then the files are
checked against each other (`checks.py`, `people.py`: references, duplicates,
the organization tree, roles and assignments, schedules). Only when nothing is
wrong is the model built (`assemble.py`).
"""

from __future__ import annotations

from pathlib import Path

from .. import model
from . import assemble, files, yamlread
from .fields import INVALID, Bail, Rec
from .people import CrossCheck
from .problems import Collector, DataError, Problem, display
from .schema import FILES, OPTIONAL_FILES


def load(data_dir: Path, fast: bool = True) -> model.Province:
    """The validated province in `data_dir`; raises DataError listing every problem.

    Files read fast carry no positions: when the files disagree with each other, they
    are all read again the exact way, so that every problem has its line and column.
    """
    data = Data(data_dir, fast)
    problems = data.run()
    if problems and data.without_positions:
        data = Data(data_dir, fast=False)
        problems = data.run()
    if problems:
        raise DataError(problems)
    return data.build()


class Data:
    def __init__(self, data_dir: Path, fast: bool):
        self.dir = data_dir
        self.fast = fast
        self.without_positions: list[str] = []
        self.out: dict[str, Collector] = {}
        self.recs: dict[str, list[Rec]] = {}
        self.settings: Rec = Rec(None, {})
        self.checks: CrossCheck | None = None

    def problems(self) -> list[Problem]:
        return [p for c in self.out.values() for p in c.problems]

    def run(self) -> list[Problem]:
        self.read_files()
        if not self.problems():
            self.cross_check()
        return self.problems()

    def cross_check(self) -> None:
        """The files against each other, once each has been read on its own (also for a workbook's rows)."""
        self.checks = CrossCheck(self.recs, self.settings, self.out)
        self.checks.run()

    def read_files(self) -> None:
        for name in FILES:
            path = self.dir / f"{name}.yml"
            out = self.out[name] = Collector(display(path))
            if not files.exists(path):
                if name not in OPTIONAL_FILES:
                    out.add(None, "", None, f"thiếu tệp {name}.yml trong thư mục dữ liệu")
                if name != "settings":
                    self.recs[name] = []
                continue
            value = self.read(name, path, out)
            if name == "settings":
                self.settings = value if value is not INVALID else Rec(None, {})
            else:
                self.recs[name] = value if value is not INVALID else []

    def read(self, name: str, path: Path, out: Collector):
        raw = files.contents(path, self.dir, out)
        text = None if raw is None else yamlread.source(raw, out.file, out)
        if text is None:
            return INVALID
        shape = FILES[name]
        if self.fast:
            parsed = yamlread.parse_fast(text)
            if parsed is not yamlread.NOT_FAST:
                try:
                    value = shape.fast(parsed)
                except Bail:
                    pass
                else:
                    self.without_positions.append(name)
                    return value
        node = yamlread.compose(text, out.file, out)
        return INVALID if node is None else shape.read(node, "", out)

    def build(self) -> model.Province:
        return assemble.province(self.settings, self.recs, self.checks.places, self.checks.ids["cells"])
