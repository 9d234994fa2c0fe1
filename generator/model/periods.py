"""Calendar periods: quarters, halves and years, and counting days inside them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
CODE = re.compile(r"(\d{4})-(Q[1-4]|H[12]|Y)")
MONTHS = {"Q": 3, "H": 6, "Y": 12}


@dataclass(frozen=True, slots=True)
class Period:
    year: int
    kind: str   # "Q" quarter, "H" half, "Y" year
    index: int  # 1–4 for quarters, 1–2 for halves, 1 for the year
    start: date = field(init=False, compare=False, repr=False)  # first and last day, computed once
    end: date = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        month = self.index * MONTHS[self.kind]
        after = date(self.year + 1, 1, 1) if month == 12 else date(self.year, month + 1, 1)
        object.__setattr__(self, "start", date(self.year, month - MONTHS[self.kind] + 1, 1))
        object.__setattr__(self, "end", after - timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def code(self) -> str:
        return f"{self.year}-Y" if self.kind == "Y" else f"{self.year}-{self.kind}{self.index}"

    @property
    def label(self) -> str:
        if self.kind == "Q":
            return f"Quý {ROMAN[self.index]}/{self.year}"
        if self.kind == "H":
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        return f"Năm {self.year}"

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def next(self) -> Period:
        last = 12 // MONTHS[self.kind]
        return Period(self.year + 1, self.kind, 1) if self.index == last else Period(self.year, self.kind, self.index + 1)

    def sort_key(self) -> tuple:
        return (self.start, -self.days)


def parse(code: str) -> Period | None:
    match = CODE.fullmatch(code)
    if not match:
        return None
    year, part = int(match.group(1)), match.group(2)
    return Period(year, "Y", 1) if part == "Y" else Period(year, part[0], int(part[1]))


def containing(day: date, kind: str) -> Period:
    return Period(day.year, kind, (day.month - 1) // MONTHS[kind] + 1)


def between(first: date, last: date, kind: str) -> list[Period]:
    """Every period of `kind` that overlaps first..last, in order."""
    periods, period = [], containing(first, kind)
    while period.start <= last:
        periods.append(period)
        period = period.next()
    return periods


Span = tuple[date, date]  # inclusive first and last day


def overlap_days(spans: list[Span], period: Period) -> int:
    """Days of `period` covered by the union of `spans`."""
    clipped = sorted((max(a, period.start), min(b, period.end)) for a, b in spans
                     if a <= period.end and b >= period.start)
    total, reach = 0, period.start - timedelta(days=1)
    for a, b in clipped:
        a = max(a, reach + timedelta(days=1))
        if a <= b:
            total += (b - a).days + 1
            reach = b
    return total


def intersect(left: list[Span], right: list[Span]) -> list[Span]:
    return [(max(a, c), min(b, d)) for a, b in left for c, d in right if max(a, c) <= min(b, d)]


def subtract(spans: list[Span], removed: list[Span]) -> list[Span]:
    result = list(spans)
    for c, d in removed:
        pieces = []
        for a, b in result:
            if d < a or c > b:
                pieces.append((a, b))
                continue
            if a < c:
                pieces.append((a, c - timedelta(days=1)))
            if d < b:
                pieces.append((d + timedelta(days=1), b))
        result = pieces
    return result
