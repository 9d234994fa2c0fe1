"""Which sheets and columns the workbook has, derived from the data files' schema (`load/schema.py`).

A record sheet has one column per field of its record, in the schema's order,
headed in Vietnamese, then a column to mark a row for deletion. A field added
to the schema gets a column (headed by its description) without a change here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property

from ..load.fields import Date, Enum, Id, Ref, Time
from ..load.shapes import Field, Object
from ..load.schema import FILES
from ..model import vi

RECORD_FILES = ("attendance", "visits", "reports", "grievances")
SHEET_NAMES = vi.RECORD_SHEETS  # the pages of the site name the sheets too
INSTRUCTIONS = "Hướng dẫn"
REFERENCES = {"members": "Đồng chí", "cells": "Chi bộ", "areas": "Khu dân cư", "periods": "Kỳ báo cáo"}
DELETE = "Xóa (ghi x)"
DELETE_MARKS = ("x", "xóa", "xoa", "có", "co", "yes", "true", "1")

HEADINGS = {
    "id": "Mã",
    "member": "Đồng chí",
    "cell": "Chi bộ",
    "area": "Khu dân cư",
    "date": "Ngày",
    "time": "Giờ",
    "quality": "Chất lượng sinh hoạt",
    "situation": "Tình hình, tư tưởng",
    "difficulties": "Khó khăn, bức xúc",
    "solutions": "Giải pháp, góp ý",
    "status": "Trạng thái",
    "arranged_by": "Cấp ủy bố trí",
    "note": "Ghi chú",
    "period": "Kỳ báo cáo",
    "submitted": "Ngày gửi",
    "attendance": "Buổi dự sinh hoạt",
    "summary": "Nội dung vấn đề",
    "authority": "Cơ quan có thẩm quyền",
    "notified": "Ngày thông báo",
    "vptu_notified": "Ngày gửi VPTU",
    "resolution": "Kết quả giải quyết",
    "resolved": "Ngày giải quyết xong",
    ("grievances", "status"): "Tình trạng",  # a heading for one file only
}
ID_PREFIX = {"attendance": "dsh", "visits": "lich", "reports": "bc", "grievances": "vv"}
WIDE = 40  # width of a column of free text
NARROW = 14


@dataclass(frozen=True)
class Column:
    field: Field | None   # None for the deletion column
    heading: str
    letter_index: int     # 1-based position in the exported sheet

    @property
    def name(self) -> str:
        return self.field.name if self.field else "delete"

    @cached_property
    def kind(self) -> str:
        """id, ref, date, time, enum, text or delete: how a cell is written and read."""
        if self.field is None:
            return "delete"
        for kind, cls in (("ref", Ref), ("id", Id), ("date", Date), ("time", Time), ("enum", Enum)):
            if isinstance(self.field.type, cls):
                return kind
        return "text"

    @property
    def target(self) -> str | None:
        return getattr(self.field.type, "target", None) if self.field else None

    @property
    def width(self) -> int:
        return WIDE if self.kind == "text" else max(NARROW, len(self.heading) + 2)


@dataclass(frozen=True)
class RecordSheet:
    file: str  # "attendance"

    @property
    def title(self) -> str:
        return SHEET_NAMES[self.file]

    @cached_property
    def shape(self) -> Object:
        return FILES[self.file].item

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        columns = [Column(f, HEADINGS.get((self.file, f.name)) or HEADINGS.get(f.name) or f.doc[:1].upper() + f.doc[1:], n)
                   for n, f in enumerate(self.shape.fields, 1)]
        return (*columns, Column(None, DELETE, len(columns) + 1))

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @cached_property
    def by_heading(self) -> dict[str, Column]:
        """Folded heading -> column; the YAML key and the common heading of a field are read too."""
        found = {}
        for c in self.columns:
            for heading in (c.name, HEADINGS.get(c.name), c.heading):
                if heading:
                    found[folded(heading)] = c
        return found


SHEETS = tuple(RecordSheet(name) for name in RECORD_FILES)


COMBINING = dict.fromkeys(c for block in ((0x300, 0x370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100),
                                              (0xFE20, 0xFE30)) for c in range(*block))  # deleted by str.translate


def folded(text: str) -> str:
    """Text compared without case, diacritics or repeated spaces: “Đồng  chí” and “dong chi” are equal."""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D")).translate(COMBINING)
    return " ".join(text.lower().split())
