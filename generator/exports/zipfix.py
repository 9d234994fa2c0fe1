"""Make an Office file (a zip) the same bytes for the same content.

openpyxl and python-docx stamp each zip member with the current time and the
document's core properties with the time of saving. Rewriting the archive with
one fixed time (the as-of date) for both makes two builds byte-identical.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

CORE = "docProps/core.xml"
STAMPED = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def normalize(data: bytes, when: datetime) -> bytes:
    """The same archive with every member and the core properties dated `when`."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = [(name, source.read(name)) for name in source.namelist()]
    return pack([(name, STAMPED.sub(lambda m: m.group(1) + stamp + m.group(3), content) if name == CORE else content)
                 for name, content in parts], when)


def pack(parts: list[tuple[str, bytes]], when: datetime) -> bytes:
    """A zip of `parts` in this order, each dated `when`, compressed, with fixed attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in parts:
            info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return out.getvalue()


def workbook_bytes(book, title: str, when: datetime) -> bytes:
    """An openpyxl workbook saved with its properties dated `when`: the same content and date, the same bytes."""
    book.properties.title = title
    book.properties.creator = "Ban Tổ chức Tỉnh ủy"
    book.properties.created = book.properties.modified = when
    out = io.BytesIO()
    book.save(out)
    return normalize(out.getvalue(), when)
