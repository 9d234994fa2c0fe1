"""`workbook export` and `workbook import`: what the clerk runs, and what it prints."""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl.utils.exceptions import InvalidFileException

from ..load.data import load
from ..load.problems import DataError, display, report
from ..model import names
from . import export, merge, read, validate
from .sheets import SHEETS

AsOf = Callable[[str], date]  # the as-of date in the province's time zone (the command line reads the clock)


def export_workbook(data_dir: Path, out: Path, as_of: AsOf) -> int:
    try:
        province = load(data_dir)
    except DataError as err:
        report(err)
        return 1
    write_atomically({out: export.workbook_bytes(province, as_of(province.settings.timezone))})
    counts = ", ".join(f"{len(getattr(province, s.file))} {s.title.lower()}" for s in SHEETS)
    print(f"Đã ghi sổ {out}: {counts}.")
    print(f"Điền sổ, lưu lại (.xlsx), rồi chạy: {names.COMMAND} workbook import {out}")
    return 0


def import_workbook(data_dir: Path, path: Path, as_of: AsOf, dry_run: bool) -> int:
    """Check the workbook against data/ and merge it, or print every problem and write nothing.

    The cyclic garbage collector is paused meanwhile: the province's hundreds of thousands of
    objects made it walk the heap again and again (a third of the time on the large province)."""
    gc.disable()
    try:
        return run_import(data_dir, path, as_of, dry_run)
    finally:
        gc.enable()


def opened(path: Path) -> read.Workbook | None:
    """The workbook read, or None after saying in one sentence why it cannot be imported."""
    try:
        book = read.read(path)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, InvalidFileException):  # not an .xlsx, or damaged
        print(f"{path}: không đọc được tệp này như một sổ Excel (.xlsx); hãy lưu sổ dạng .xlsx "
              "(Excel Workbook, hoặc “Excel 2007-365” trong LibreOffice Calc) rồi nhập lại", file=sys.stderr)
        return None
    if not book.sheets_found:
        print(f"{path}: không có trang nào trong các trang "
              + ", ".join(f"“{s.title}”" for s in SHEETS) + "; hãy dùng sổ do lệnh workbook export tạo ra",
              file=sys.stderr)
        return None
    return book


def run_import(data_dir: Path, path: Path, as_of: AsOf, dry_run: bool) -> int:
    book = opened(path)
    if book is None:
        return 1
    outcome = validate.check(data_dir, book, as_of)
    if outcome.problems:
        for problem in outcome.problems:
            print(problem, file=sys.stderr)
        print(f"\nSổ có {len(outcome.problems)} lỗi; chưa ghi gì vào dữ liệu. Sửa các ô trên rồi nhập lại.",
              file=sys.stderr)
        return 1
    changed = {name: plan for name, plan in outcome.plans.items() if plan.new or plan.changed or plan.deleted}
    for name, plan in outcome.plans.items():
        print(summary(data_dir / f"{name}.yml", plan))
    if not changed:
        print("Không có gì thay đổi: dữ liệu giữ nguyên.")
        return 0
    if dry_run:
        print("Chạy thử (--dry-run): chưa ghi gì vào dữ liệu.")
        return 0
    texts = {}
    for name, plan in changed.items():
        file = data_dir / f"{name}.yml"
        texts[file] = merge.apply(file.read_text(encoding="utf-8") if file.is_file() else "[]\n", plan)
    write_atomically({file: text.encode("utf-8") for file, text in texts.items()})
    print(f"Đã ghi vào dữ liệu. Chạy {names.COMMAND} check, rồi {names.COMMAND} build để dựng lại trang.")
    return 0


def summary(file: Path, plan: validate.Plan) -> str:
    where = display(file)
    if not (plan.new or plan.changed or plan.deleted):
        return f"{where}: không thay đổi"
    lines = [f"{where}: thêm {len(plan.new)}, sửa {len(plan.changed)}, xóa {len(plan.deleted)}"]
    lines += [f"  + {rec['id']} ({plan.sheet.title} dòng {row.number})" for row, rec in plan.new]
    lines += [f"  ~ {rec['id']} ({plan.sheet.title} dòng {row.number}): " + ", ".join(changed_fields(plan, rec, old))
              for row, rec, old in plan.changed]
    lines += [f"  - {old['id']} ({plan.sheet.title} dòng {row.number})" for row, old in plan.deleted]
    return "\n".join(lines)


def changed_fields(plan: validate.Plan, new, old) -> list[str]:
    return [c.heading for c in plan.sheet.columns if c.field and new.get(c.name) != old.get(c.name)]


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file next to its place, then rename them all: a failed write leaves each old file whole."""
    written = {}
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
            written[path] = temporary
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            if path.exists():
                shutil.copymode(path, temporary)
            else:
                os.chmod(temporary, 0o644)
    except BaseException:
        for temporary in written.values():
            os.unlink(temporary)
        raise
    for path, temporary in written.items():
        os.replace(temporary, path)
