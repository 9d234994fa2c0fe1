"""Every command the README prints, and the commands the program's messages tell the user to run next, run as
written: in a copy of the project after `make site`'s set-up, from the project's folder, through a shell."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from generator.model.names import COMMAND

from .support.project import ROOT

# The test commands run the tests, this one among them: for those, make must know the target (make -n).
RUNS_THE_TESTS = {"make test", "make test-fast"}


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", readme, re.M | re.S)
    lines = [line.split("#")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line]


def project_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    return [name for name in listed if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    """The project's files as a fresh clone has them, and the `.venv/` that `make site` set up (its contents shared
    with this one's, its install stamp its own, so make installs nothing)."""
    root = tmp_path_factory.mktemp("checkout") / "project"
    for name in project_files():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, root / name)
    venv = root / ".venv"
    venv.mkdir()
    for entry in (ROOT / ".venv").iterdir():
        if entry.name != ".installed":
            (venv / entry.name).symlink_to(entry)
    (venv / ".installed").touch()
    if (ROOT / "node_modules").exists():
        (root / "node_modules").symlink_to(ROOT / "node_modules")
    return root


def shell(root: Path, command: str, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("FEED_SECRET", "MAKEFLAGS", "MAKELEVEL")}
    return subprocess.run(command, shell=True, cwd=root, capture_output=True, text=True, env=env, timeout=timeout)


def test_the_readme_prints_the_commands_it_promises():
    commands = readme_commands()
    assert commands[:2] == ["make site", "make test"]
    assert "make docs" in commands and any(c.startswith(f"{COMMAND} ") for c in commands)


@pytest.mark.slow
@pytest.mark.parametrize("command", readme_commands())
def test_every_command_of_the_readme_runs_as_written_after_make_site(checkout, command):
    if command in RUNS_THE_TESTS:
        result = shell(checkout, "make -n " + command.removeprefix("make "))
        assert result.returncode == 0 and "pytest" in result.stdout, result.stderr
        return
    result = shell(checkout, command)
    assert result.returncode == 0, f"{command}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_the_next_steps_the_workbook_prints_run_as_written(checkout):
    exported = shell(checkout, f"{COMMAND} workbook export so.xlsx --as-of 2026-11-25")
    assert exported.returncode == 0, exported.stderr
    step = re.search(r"rồi chạy: (.+)$", exported.stdout, re.M).group(1)
    assert step.startswith(f"{COMMAND} workbook import ")
    unchanged = shell(checkout, step + " --as-of 2026-11-25")
    assert unchanged.returncode == 0, unchanged.stderr
    book = openpyxl.load_workbook(checkout / "so.xlsx")
    sheet = book["Báo cáo"]
    headings = [c.value for c in sheet[2]]
    sheet.cell(row=3, column=headings.index("Xóa (ghi x)") + 1).value = "x"   # delete the first report
    book.save(checkout / "so.xlsx")
    imported = shell(checkout, step + " --as-of 2026-11-25")
    assert imported.returncode == 0, imported.stderr
    steps = re.findall(rf"({re.escape(COMMAND)} [a-z]+)", imported.stdout.splitlines()[-1])
    assert steps == [f"{COMMAND} check", f"{COMMAND} build"]
    for next_step in steps:
        ran = shell(checkout, next_step)
        assert ran.returncode == 0, f"{next_step}\n{ran.stderr[-2000:]}"
