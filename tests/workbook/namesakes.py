"""A small province where names repeat, as they do in a real one: two “Chi bộ Thôn Nam” in two communes,
two “Chi bộ Tổ dân phố 1”, an area named with its commune and one without, three members named
Nguyễn Văn An (two with titles that tell them apart, one without). Written over the tests' small
province (`support/files.py`), with one attendance record for each cell a test types a name for."""

from __future__ import annotations

from pathlib import Path

from ..support.files import write_data

ORGANIZATIONS = """
    - {id: xa-khanh-an, name: Đảng bộ xã Khánh An, kind: xa}
    - {id: xa-hoa-binh, name: Đảng bộ xã Hòa Bình, kind: xa}
    - {id: phuong-an-lac, name: Đảng bộ phường An Lạc, kind: phuong}
    - {id: tt-huong-canh, name: Đảng bộ thị trấn Hương Canh, kind: thi-tran}
    - {id: cong-an, name: Đảng bộ Công an tỉnh, kind: cong-an}
"""
AREAS = """
    - id: ka-kdc-nam
      name: Khu dân cư Thôn Nam, Xã Khánh An
      organization: xa-khanh-an
      schedule: {day: 15, months: [1, 4, 7, 10], time: "08:00"}
    - id: hb-kdc-nam
      name: Thôn Nam
      organization: xa-hoa-binh
      schedule: {day: 15, months: [1, 4, 7, 10], time: "08:00"}
"""
CELLS = """
    - {id: ka-nam, name: Chi bộ Thôn Nam, organization: xa-khanh-an, residential: true, area: ka-kdc-nam,
       schedule: {day: 5, time: "19:30"}}
    - {id: hb-nam, name: Chi bộ Thôn Nam, organization: xa-hoa-binh, residential: true, area: hb-kdc-nam,
       schedule: {day: 5, time: "19:30"}}
    - {id: ka-doai, name: Chi bộ Thôn Đoài, organization: xa-khanh-an, residential: true,
       schedule: {day: 5, time: "19:30"}}
    - {id: ka-tram, name: Chi bộ Trạm Y tế Khánh An, organization: xa-khanh-an, schedule: {day: 5, time: "14:00"}}
    - {id: al-tdp-1, name: Chi bộ Tổ dân phố 1, organization: phuong-an-lac, residential: true,
       schedule: {day: 5, time: "19:30"}}
    - {id: hc-tdp-1, name: Chi bộ Tổ dân phố 1, organization: tt-huong-canh, residential: true,
       schedule: {day: 5, time: "19:30"}}
    - {id: ca-tham-muu, name: Chi bộ Phòng Tham mưu, organization: cong-an, schedule: {day: 5, time: "14:00"}}
"""
MEMBERS = """
    - id: an-ubnd
      name: Nguyễn Văn An
      title: Phó Chủ tịch UBND tỉnh
      roles: [{role: bch, from: 2025-10-01}]
      residence: {cell: ka-nam}
    - id: an-so-y-te
      name: Nguyễn Văn An
      title: Giám đốc Sở Y tế
      roles: [{role: bch, from: 2025-10-01}]
      residence: {cell: hb-nam}
    - id: an-ba
      name: Nguyễn Văn An
      roles: [{role: bch, from: 2025-10-01}]
      residence: {cell: ka-doai}
    - id: tran-thi-binh
      name: Trần Thị Bình
      title: Trưởng Ban Dân vận Tỉnh ủy
      roles: [{role: bch, from: 2025-10-01}, {role: btv, from: 2025-10-01}]
      residence: {area: ka-kdc-nam}
"""
ASSIGNMENTS = """
    - {id: pc-1, member: tran-thi-binh, organization: xa-khanh-an, kind: phu-trach, from: 2025-10-15}
    - {id: pc-2, member: an-ubnd, organization: xa-hoa-binh, kind: theo-doi, from: 2025-10-15}
    - {id: pc-3, member: an-so-y-te, organization: phuong-an-lac, kind: theo-doi, from: 2025-10-15}
    - {id: pc-4, member: an-ba, organization: tt-huong-canh, kind: theo-doi, from: 2025-10-15}
"""
PLACES = ("ka-nam", "hb-nam", "ka-doai", "ka-tram", "al-tdp-1", "hc-tdp-1", "ca-tham-muu")
ATTENDANCE = "".join(f"""
    - {{id: dsh-{n}, member: tran-thi-binh, cell: {cell}, date: 2026-0{n + 2}-05}}""" for n, cell in enumerate(PLACES))
ATTENDANCE += """
    - {id: dsh-kdc-1, member: an-ubnd, area: ka-kdc-nam, date: 2026-04-15}
    - {id: dsh-kdc-2, member: an-so-y-te, area: hb-kdc-nam, date: 2026-04-15}
    - {id: dsh-an-1, member: an-ba, cell: ka-doai, date: 2026-03-05}
"""


def write_namesakes(folder: Path) -> Path:
    return write_data(folder, organizations=ORGANIZATIONS, areas=AREAS, cells=CELLS, members=MEMBERS,
                      assignments=ASSIGNMENTS, attendance=ATTENDANCE)
