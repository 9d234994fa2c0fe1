"""Helpers for the workbook tests: a copy of the sample data, its workbook, the commands run in-process."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl

from generator import cli
from generator.load.data import load
from generator.model.schedule import meetings

from ..support.project import ROOT

AS_OF = "2026-11-25"
SHEET = "Dự sinh hoạt"
FIRST_ROW = 3


@dataclass
class Result:
    code: int
    out: str
    err: str


def sample(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "data", tmp_path / "data"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def command(data: Path, *args: str) -> Result:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--data", str(data), *args])
    return Result(code, out.getvalue(), err.getvalue())


def export(data: Path, path: Path) -> Path:
    result = command(data, "workbook", "export", str(path), "--as-of", AS_OF)
    assert result.code == 0, result.err
    return path


def import_(data: Path, path: Path, *args: str) -> Result:
    return command(data, "workbook", "import", str(path), "--as-of", AS_OF, *args)


def headings(ws) -> dict[str, int]:
    """Heading -> column number, from the heading row of an exported sheet."""
    return {cell.value: cell.column for cell in ws[2] if cell.value}


def last_row(ws) -> int:
    """The last row with a value in column A (the sheet has formatted empty rows below)."""
    return max(cell.row for cell in ws["A"] if cell.value is not None)


def find_row(ws, record_id: str) -> int:
    return next(cell.row for cell in ws["A"] if cell.value == record_id)


def copy_row(ws, source: int, target: int, changes: dict) -> None:
    """Copy row `source` to `target`, then set the cells named by heading (None clears one)."""
    for column in headings(ws).values():
        ws.cell(row=target, column=column).value = ws.cell(row=source, column=column).value
    set_cells(ws, target, changes)


def set_cells(ws, row: int, changes: dict) -> None:
    columns = headings(ws)
    for heading, value in changes.items():
        ws.cell(row=row, column=columns[heading]).value = value


SOFFICE = "/usr/bin/soffice"


def convert_with_libreoffice(path: Path, folder: Path) -> Path:
    """The workbook opened and saved again by LibreOffice Calc, as a clerk using it would."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(folder), str(path)],
                   check=True, capture_output=True, timeout=180)
    converted = folder / path.name
    assert converted.is_file()
    return converted


def edit(path: Path):
    return openpyxl.load_workbook(path)


def meeting_day(data: Path, record_id: str, after: date) -> date:
    """A day after `after` on which the place of attendance record `record_id` meets (a copied row must
    name such a day: a meeting on a day its place does not meet is refused, as in the YAML)."""
    province = load(data)
    record = province.attendance[record_id]
    place = province.place(record.cell, record.area)
    return meetings(place, after, after + timedelta(days=62), ZoneInfo(province.settings.timezone))[0].date
