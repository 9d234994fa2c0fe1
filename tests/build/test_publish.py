"""Publishing into a deployment folder: one atomic switch, the previous site kept for a rollback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from ..support.project import project, run
from .test_pipeline import snapshot


def published(dest: Path) -> dict[str, bytes]:
    return snapshot((dest / "current").resolve())


def test_publishing_twice_then_rolling_back_gives_back_the_first_site_byte_for_byte(tmp_path):
    root, dest = project(tmp_path), tmp_path / "www"
    first = run(root, "publish", str(dest), "--as-of", "2026-06-01")
    assert first.returncode == 0, first.stderr
    before = published(dest)
    second = run(root, "publish", str(dest), "--as-of", "2026-11-25")
    assert second.returncode == 0, second.stderr
    assert published(dest) != before
    assert "01/06/2026" in before["index.html"].decode() and b"25/11/2026" in published(dest)["index.html"]
    back = run(root, "publish", str(dest), "--rollback")
    assert back.returncode == 0, back.stderr
    assert published(dest) == before
    assert sorted(p.name for p in (dest / "releases").iterdir()) == ["0001", "0002"]


def test_a_third_publish_keeps_only_the_current_and_the_previous_site(tmp_path):
    root, dest = project(tmp_path), tmp_path / "www"
    for day in ("2026-06-01", "2026-07-01", "2026-08-01"):
        assert run(root, "publish", str(dest), "--as-of", day).returncode == 0
    assert sorted(p.name for p in (dest / "releases").iterdir()) == ["0002", "0003"]
    assert os.readlink(dest / "current") == "releases/0003" and os.readlink(dest / "previous") == "releases/0002"


def test_a_failed_build_leaves_the_published_site_and_exits_non_zero_with_the_problems(tmp_path):
    root, dest = project(tmp_path), tmp_path / "www"
    assert run(root, "publish", str(dest), "--as-of", "2026-06-01").returncode == 0
    before = published(dest)
    members = root / "data" / "members.yml"
    members.write_text(members.read_text(encoding="utf-8").replace("role: bch", "role: chu-tich", 1),
                       encoding="utf-8")
    failed = run(root, "publish", str(dest), "--as-of", "2026-11-25")
    assert failed.returncode != 0
    assert "members.yml:" in failed.stderr and "chu-tich" in failed.stderr
    assert published(dest) == before
    assert os.readlink(dest / "current") == "releases/0001" and not (dest / "previous").exists()


def test_a_rollback_without_a_previous_site_says_so_and_changes_nothing(tmp_path):
    root, dest = project(tmp_path), tmp_path / "www"
    assert run(root, "publish", str(dest), "--as-of", "2026-06-01").returncode == 0
    refused = run(root, "publish", str(dest), "--rollback")
    assert refused.returncode == 1 and "Không có bản trước" in refused.stderr
    assert os.readlink(dest / "current") == "releases/0001"


def test_killing_a_publish_midway_leaves_the_previous_site_served(tmp_path):
    root, dest = project(tmp_path), tmp_path / "www"
    assert run(root, "publish", str(dest), "--as-of", "2026-06-01").returncode == 0
    before = published(dest)
    env = {k: v for k, v in os.environ.items() if k != "FEED_SECRET"}
    process = subprocess.Popen([sys.executable, "-m", "generator", "publish", str(dest), "--as-of", "2026-11-25"],
                               cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    staging = dest / "releases" / ".0002.new"   # the engine is writing the new site
    deadline = time.monotonic() + 60
    while not staging.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the publish ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert os.readlink(dest / "current") == "releases/0001"
    assert published(dest) == before
    again = run(root, "publish", str(dest), "--as-of", "2026-11-25")
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in (dest / "releases").iterdir()) == ["0001", "0002"]
    assert b"25/11/2026" in published(dest)["index.html"]


def test_two_publishes_at_once_take_turns_and_both_complete(tmp_path):
    root, dest = project(tmp_path), tmp_path / "www"
    env = {k: v for k, v in os.environ.items() if k != "FEED_SECRET"}
    command = [sys.executable, "-m", "generator", "publish", str(dest), "--as-of"]
    both = [subprocess.Popen([*command, day], cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for day in ("2026-06-01", "2026-11-25")]
    assert [p.wait(timeout=300) for p in both] == [0, 0]
    assert sorted(p.name for p in (dest / "releases").iterdir()) == ["0001", "0002"]
    assert os.readlink(dest / "current") == "releases/0002" and os.readlink(dest / "previous") == "releases/0001"
