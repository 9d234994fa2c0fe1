"""Problems found in the data, collected and reported all at once.

A problem names where it is (file, line, column), which key, the bad value and
what was expected. Messages are in Vietnamese: the people who read them are the
Organization Board's staff who edit the YAML.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    column: int
    key: str
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}:" if self.line else f"{self.file}:"
        value = "" if self.value is None else shorten(self.value)
        what = f"{self.key} = {value}" if self.key and value else self.key or value
        return f"{where} {what}".rstrip() + f"\n    → {self.expected}"


def display(path: Path) -> str:
    """The path of a data file as the user knows it: relative to the current folder when inside it.
    Only the folder is resolved: a data file that is a link is named by itself, never by its target."""
    absolute = path.parent.resolve() / path.name
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(absolute)


def shorten(value: str, limit: int = 60) -> str:
    """Quote a bad value for a message, visible even when it holds control characters."""
    text = repr(value) if not value.isprintable() else f"“{value}”"
    return text if len(text) <= limit else text[: limit - 1] + "…"


class DataError(Exception):
    """The data has problems; nothing may be written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.key, p.expected))


class Collector:
    """Gathers problems for one file while it is read."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, mark, key: str, value: str | None, expected: str) -> None:
        """Record a problem at `mark` (a YAML position), or about the whole file when it is None."""
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        self.problems.append(Problem(self.file, line, column, key, value, expected))


def report(err: DataError) -> None:
    """Print every problem, then what happened: nothing was built."""
    for problem in err.problems:
        print(problem, file=sys.stderr)
    print(f"\nDữ liệu có {len(err.problems)} lỗi; chưa dựng gì, trang cũ (nếu có) được giữ nguyên.",
          file=sys.stderr)


# A record's `id:` key, in block style (`- id: x`, `  id: x`) or flow style (`- {id: x, …}`, `{member: m, id: x}`).
ID_KEY = re.compile(r"""(?:^\s*(?:-\s+)?|[{,]\s*)["']?id["']?\s*:\s*["']?([a-z0-9-]+)""")


def record_lines(path: Path) -> dict[str, int]:
    """The line of each record's `id:` in a data file, for pointing at a record; lines as an editor counts."""
    lines: dict[str, int] = {}
    if path.is_file():
        for number, text in enumerate(re.split(r"\r\n|\r|\n", path.read_text(encoding="utf-8")), 1):
            for match in ID_KEY.finditer(text):
                lines.setdefault(match.group(1), number)
    return lines


WARNINGS_SHOWN = 50


def warn(data_dir: Path, warnings) -> None:
    """Print records that cannot count: valid data, so the build goes on; the Board should look at them.
    The first WARNINGS_SHOWN are printed; the page “Bản ghi không được tính” lists them all."""
    if not warnings:
        return
    located: dict[str, dict[str, int]] = {}
    print(f"\nCảnh báo: {len(warnings)} bản ghi không được tính cho nghĩa vụ nào (dữ liệu vẫn hợp lệ):")
    if len(warnings) > WARNINGS_SHOWN:
        print(f"(in {WARNINGS_SHOWN} bản ghi đầu; trang “Bản ghi không được tính” có đủ danh sách)")
    for w in warnings[:WARNINGS_SHOWN]:
        if w.file not in located:
            located[w.file] = record_lines(data_dir / w.file)
        line = located[w.file].get(w.record, 1)
        print(f"{display(data_dir / w.file)}:{line}: {w.record}\n    → {w.message}")
