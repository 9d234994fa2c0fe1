"""Benchmark: a thousand new rows imported from a workbook into the large synthetic province.

    .venv/bin/python bench/workbook.py       (or: make bench-workbook)

Writes the large province (150 members, 15 000 cells, 10 000 records, as of 25/11/2026),
exports its workbook, copies 1 000 attendance rows that count to the next meeting of their place
with the id cleared (as a clerk adds rows), then times, as separate commands: the export, the import
with --dry-run (best of three), the import that writes, and the check after it. Wall times of the whole
command (Python start included) and its CPU time (user + system), which a busy machine
changes less; run it on a quiet machine.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.load.data import load  # noqa: E402
from generator.model.periods import containing  # noqa: E402
from generator.model.schedule import meetings  # noqa: E402
from generator.model.tree import Tree  # noqa: E402
from generator.rules.compliance import record_warnings  # noqa: E402
from generator.rules.obligations import evaluate  # noqa: E402

WORK = ROOT / "build" / "bench-workbook"
AS_OF = "2026-11-25"
ROWS = 1000
PYTHON = sys.executable


def timed(*args: str) -> tuple[str, str]:
    """“wall s (CPU s)” of the command, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([PYTHON, "-m", "generator", "--data", str(WORK / "data"), *args], cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return f"{seconds:6.2f} s (CPU {cpu:5.2f} s)", done.stdout


def counting_rows(data: Path) -> list:
    """Attendance records that count, with the next meeting of their place when it is in the same quarter and
    not after the as-of date (a record without a time must name a day its place meets)."""
    province = load(data)
    tree = Tree(province)
    as_of = province.settings.effective_date.fromisoformat(AS_OF)
    tz = ZoneInfo(province.settings.timezone)
    warned = {w.record for w in record_warnings(province, evaluate(province, as_of, tree), tree)}
    found = []
    for record in province.attendance.values():
        if record.id in warned:
            continue
        start = record.date + timedelta(days=1)
        held = meetings(province.place(record.cell, record.area), start, start + timedelta(days=92), tz)
        after = held[0].date if held else None
        if after and after <= as_of and containing(after, "Q") == containing(record.date, "Q"):
            found.append((record.id, after))
    return found[:ROWS]


def main() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    subprocess.run([PYTHON, "-m", "generator", "synth", "--members", "150", "--cells", "15000", "--records", "10000",
                    "--seed", "1", "--as-of", AS_OF, str(WORK / "data")], cwd=ROOT, check=True, capture_output=True)
    book = WORK / "so.xlsx"
    export_seconds, _ = timed("workbook", "export", str(book), "--as-of", AS_OF)
    rows = counting_rows(WORK / "data")
    assert len(rows) == ROWS, f"only {len(rows)} rows that count"
    wb = openpyxl.load_workbook(book)
    ws = wb["Dự sinh hoạt"]
    where = {cell.value: cell.row for cell in ws["A"] if cell.value}
    target = max(where.values()) + 1
    for number, (record_id, after) in enumerate(rows):
        source = where[record_id]
        for column in range(1, ws.max_column + 1):
            ws.cell(row=target + number, column=column).value = ws.cell(row=source, column=column).value
        ws.cell(row=target + number, column=1).value = None
        ws.cell(row=target + number, column=5).value = after
    wb.save(book)
    records = len(load(WORK / "data").attendance)
    dry_seconds = min((timed("workbook", "import", str(book), "--as-of", AS_OF, "--dry-run")[0] for _ in range(3)),
                      key=lambda figure: float(figure.split()[0]))  # the best of three: the least disturbed
    import_seconds, out = timed("workbook", "import", str(book), "--as-of", AS_OF)
    check_seconds, _ = timed("check")
    after = len(load(WORK / "data").attendance)
    print(f"Tỉnh lớn: {records} lần dự sinh hoạt trong data/, sổ có {records + ROWS} dòng ở trang Dự sinh hoạt")
    print(f"  workbook export:                        {export_seconds}")
    print(f"  workbook import --dry-run (tốt nhất/3): {dry_seconds}")
    print(f"  workbook import ({ROWS} dòng mới):       {import_seconds}  → {after - records} bản ghi được thêm")
    print(f"  check sau khi nhập:                     {check_seconds}")
    print(next(line for line in out.splitlines() if line.startswith(str(WORK / "data" / "attendance.yml"))
               or "attendance.yml:" in line))


if __name__ == "__main__":
    main()
