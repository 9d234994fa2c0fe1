"""The program as a maintainer meets it: the folder it reads is the one it runs in, the default time zone is written
once, and the core tests load nothing of the browser."""

from __future__ import annotations

import re
import subprocess
import sys

from generator import cli
from generator.load.schema import DEFAULT_TIMEZONE

from .conftest import TIERS
from .support.files import SMALL, write_data
from .support.project import ROOT


def test_the_command_line_reads_the_data_of_the_folder_it_runs_in_when_it_runs(tmp_path, monkeypatch, capsys):
    first, second = tmp_path / "first", tmp_path / "second"
    write_data(first / "data")
    write_data(second / "data", settings=SMALL["settings"].replace("Tỉnh Thử", "Tỉnh Khác"))
    for folder, province in ((first, "Tỉnh Thử"), (second, "Tỉnh Khác")):
        monkeypatch.chdir(folder)
        assert cli.main(["check", "--as-of", "2026-11-25"]) == 0
        assert f"Dữ liệu hợp lệ: {province}" in capsys.readouterr().out


def test_the_default_time_zone_is_written_once_in_the_package():
    written = [path.relative_to(ROOT).as_posix() for path in sorted((ROOT / "generator").rglob("*.py"))
               if DEFAULT_TIMEZONE in path.read_text(encoding="utf-8")]
    assert written == ["generator/load/schema.py"]


def test_importing_the_tests_fixtures_loads_no_playwright():
    probe = "import sys, tests.conftest; print('playwright' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_every_tier_marker_is_registered_and_make_test_fast_leaves_each_out():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    registered = set(re.findall(r'^\s+"(\w+): ', pyproject, re.M))
    fast = re.search(r"^FAST := (.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    assert set(TIERS.values()) <= registered
    assert all(f" {marker}" in fast or f"({marker}" in fast for marker in registered)
