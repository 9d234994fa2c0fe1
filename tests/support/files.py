"""The small province as data files: valid YAML to copy and break on purpose (`data_dir` writes it)."""

from __future__ import annotations

import textwrap
from pathlib import Path

SMALL = {
    "settings": """
        province: Tỉnh Thử
        effective_date: 2026-01-01
        site_url: https://example.test/sinh-hoat/
    """,
    "organizations": """
        - id: huyen-a
          name: Đảng bộ huyện A
          kind: huyen
        - id: xa-a1
          name: Đảng bộ xã A1
          kind: xa
          parent: huyen-a
        - id: cong-an
          name: Đảng bộ Công an tỉnh
          kind: cong-an
    """,
    "areas": """
        - id: thon-1
          name: Thôn 1
          organization: xa-a1
          schedule: {day: 15, months: [1, 4, 7, 10], time: "08:00"}
    """,
    "cells": """
        - id: cb-thon-1
          name: Chi bộ Thôn 1
          organization: xa-a1
          residential: true
          area: thon-1
          schedule: {day: 5, time: "19:30"}
        - id: cb-thon-2
          name: Chi bộ Thôn 2
          organization: xa-a1
          residential: true
          schedule: {weekday: saturday, week: 1, time: "19:30"}
        - id: cb-truong
          name: Chi bộ Trường học
          organization: xa-a1
          schedule: {day: last, time: "16:00"}
        - id: cb-ca-1
          name: Chi bộ Phòng Tham mưu
          organization: cong-an
          schedule: {day: 10, time: "14:00"}
    """,
    "members": """
        - id: btv-one
          name: Nguyễn Văn Một
          roles:
            - {role: bch, from: 2025-10-01}
            - {role: btv, from: 2025-10-01}
          residence: {cell: cb-thon-2}
        - id: bch-two
          name: Trần Thị Hai
          roles:
            - {role: bch, from: 2025-10-01}
          residence: {area: thon-1}
    """,
    "assignments": """
        - id: pc-1
          member: btv-one
          organization: huyen-a
          kind: phu-trach
          from: 2025-10-15
        - id: pc-2
          member: bch-two
          organization: xa-a1
          kind: theo-doi
          from: 2025-10-15
    """,
    "attendance": "[]",
    "visits": "[]",
    "reports": "[]",
    "grievances": "[]",
}


def write_data(folder: Path, **overrides: str | None) -> Path:
    """Write the small province into `folder`, replacing (or, with None, omitting) some files."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {**SMALL, **overrides}.items():
        if text is not None:
            (folder / f"{name}.yml").write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder
