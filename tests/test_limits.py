"""`make lint`'s size limits: every module, class and function over them is listed, and lint fails."""

from __future__ import annotations

import subprocess
import sys

from .support.project import ROOT


def lint(folder) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "tools" / "limits.py"), str(folder)], capture_output=True,
                          text=True)


def test_a_long_module_a_long_class_and_a_tangled_function_are_each_listed(tmp_path):
    branches = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(16))
    methods = "".join(f"    def m{n}(self):\n        return {n}\n\n" for n in range(70))
    (tmp_path / "tangled.py").write_text(f"def choose(x):\n{branches}    return -1\n")
    (tmp_path / "big.py").write_text(f"class Big:\n{methods}" + "\n" * 200)
    result = lint(tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any("big.py: module of" in line for line in lines)
    assert any("big.py:1: class Big of 210 lines" in line for line in lines)
    assert any("tangled.py:1: choose has cyclomatic complexity 17" in line for line in lines)
    assert len(lines) == 3


def test_code_within_the_limits_passes(tmp_path):
    (tmp_path / "small.py").write_text("def add(a, b):\n    return a + b\n")
    result = lint(tmp_path)
    assert result.returncode == 0 and "Within the limits" in result.stdout
