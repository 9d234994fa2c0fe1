"""Whole builds: reproducible, and never leaving a half-built or broken site behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from generator.build import pipeline
from generator.feeds import tokens
from generator.feeds.contents import horizon
from generator.load.data import load
from generator.model.tree import Tree
from generator.rules import obligations

from ..support.project import AS_OF, ROOT, project, run


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_two_builds_with_other_hash_seeds_and_clocks_are_byte_identical(tmp_path):
    root = project(tmp_path)
    first = run(root, "build", "--as-of", AS_OF, env={**os.environ, "PYTHONHASHSEED": "1"})
    assert first.returncode == 0, first.stderr
    before = snapshot(root / "site")
    later = ["faketime", "2031-05-06 10:00:00", sys.executable, "-m", "generator", "build", "--as-of", AS_OF]
    second = subprocess.run(later, cwd=root, capture_output=True, text=True,
                            env={**os.environ, "PYTHONHASHSEED": "987654"})
    assert second.returncode == 0, second.stderr
    after = snapshot(root / "site")
    assert sorted(after) == sorted(before)
    differing = [name for name in before if before[name] != after[name]]
    assert differing == []


@pytest.mark.slow
def test_an_interrupted_build_leaves_the_previous_site_intact(tmp_path):
    root = project(tmp_path)
    assert run(root, "build", "--as-of", AS_OF).returncode == 0
    before = snapshot(root / "site")
    (root / "data" / "settings.yml").write_text(
        (root / "data" / "settings.yml").read_text().replace("Tỉnh Sơn Hà", "Tỉnh Sơn Hà Mới"))
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--as-of", AS_OF], cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    fresh = root / ".site.new"
    deadline = time.monotonic() + 60
    while not fresh.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the build ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert snapshot(root / "site") == before
    rebuilt = run(root, "build", "--as-of", AS_OF)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert not fresh.exists()
    assert "Đảng bộ tỉnh Sơn Hà Mới" in (root / "site" / "index.html").read_text()


@pytest.mark.slow
def test_an_engine_failure_leaves_the_previous_site_intact_and_says_so(tmp_path):
    root = project(tmp_path)
    assert run(root, "build", "--as-of", AS_OF).returncode == 0
    before = snapshot(root / "site")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - tables\n", "  - khong_co_phan_mo_rong_nay\n"))
    result = run(root, "build", "--as-of", AS_OF)
    assert result.returncode == 2
    assert "trang cũ được giữ nguyên" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root / "site") == before
    assert not (root / ".site.new").exists()


@pytest.mark.slow
def test_a_build_runs_the_rules_once_and_its_pages_show_the_periods_evaluated_for_them(monkeypatch):
    province = load(ROOT / "data")
    as_of = date(2026, 11, 25)
    asked = []
    real = obligations.Context.obligations
    monkeypatch.setattr(obligations.Context, "obligations", lambda self, m, p: asked.append((m.id, p)) or real(self, m, p))
    plan = pipeline.gather(ROOT, province, as_of, tokens.DEVELOPMENT_SECRET)
    plan.out.make_later()  # the feeds, the API, the drafts
    assert len(asked) == len(set(asked))  # no member and period twice
    last = horizon(as_of, province.settings.feed_horizon_months)[1]
    assert {p for _, p in asked} == set(obligations.evaluated_periods(province.settings.effective_date, as_of, last))
    alone = obligations.evaluate(province, as_of, Tree(province))
    assert plan.site.evaluation == alone
