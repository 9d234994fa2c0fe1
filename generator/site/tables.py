"""Tables that a page shows and a file exports: one list of rows, two renderings.

Each Column gives a row a plain value (text, count, rate, days or date): what
the CSV and XLSX files hold. On the page the same value is shown as text, or
through the column's `cell` (a link, a status badge) whose visible text is that
same value. Page and file are made from the same rows, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from ..model import vi

KINDS = ("text", "count", "rate", "days", "date")
NUMERIC = ("count", "rate", "days")


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], Any]
    kind: str = "text"
    cell: Callable[[Any, str], Markup] | None = None  # (row, page) → Markdown whose text is display(value)
    filter: bool = False                                # a drop-down filter on the page

    def text(self, row) -> str:
        return display(self.value(row), self.kind)


@dataclass(frozen=True)
class Table:
    name: str                        # the sheet's name in the XLSX file (at most 31 characters)
    slug: str                        # the CSV file's name: <page stem>-<slug>.csv
    columns: tuple[Column, ...]
    rows: tuple

    @property
    def header(self) -> list[str]:
        return [c.title for c in self.columns]

    def values(self) -> list[list]:
        return [[c.value(row) for c in self.columns] for row in self.rows]

    def texts(self) -> list[list[str]]:
        return [[c.text(row) for c in self.columns] for row in self.rows]


def display(value, kind: str = "text") -> str:
    """A value as the page shows it: 05/02/2026, 85,7%, 12,5; text on one line."""
    if value is None:
        return ""
    if kind == "date" or isinstance(value, date):
        return vi.day(value)
    if kind == "rate":
        return percent(value)
    if kind == "days" and isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return " ".join(str(value).split())


def percent(rate: float) -> str:
    return f"{rate * 100:.1f}".replace(".", ",") + "%"
