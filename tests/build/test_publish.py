"""Publishing into a deployment folder: one atomic switch, the previous site kept for a rollback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import cli
from generator.build import publish

from ..support.project import project, run
from .test_pipeline import snapshot


def published(dest: Path) -> dict[str, bytes]:
    return snapshot((dest / "current").resolve())


def stub(day: str, status: int = 0):
    """A build that writes a small site dated `day` into the release folder: what publish does around any build."""
    def build(folder: Path) -> int:
        (folder / "lich").mkdir(parents=True)
        (folder / "index.html").write_text(f"<p>Số liệu tính đến {day}</p>\n", encoding="utf-8")
        (folder / "lich" / "feed.ics").write_text(f"BEGIN:VCALENDAR\nX-DAY:{day}\nEND:VCALENDAR\n")
        return status
    return build


def test_publishing_twice_then_rolling_back_gives_back_the_first_site_byte_for_byte(tmp_path, capsys):
    dest = tmp_path / "www"
    assert publish.publish(dest, stub("01/06/2026")) == 0
    before = published(dest)
    assert publish.publish(dest, stub("25/11/2026")) == 0
    assert published(dest) != before
    assert "01/06/2026" in before["index.html"].decode() and b"25/11/2026" in published(dest)["index.html"]
    assert publish.rollback(dest) == 0
    assert published(dest) == before
    assert sorted(p.name for p in (dest / "releases").iterdir()) == ["0001", "0002"]
    assert "Đã quay lại bản 0001" in capsys.readouterr().out
    assert publish.rollback(dest) == 0, "a second rollback undoes the first"
    assert b"25/11/2026" in published(dest)["index.html"]


def test_a_third_publish_keeps_only_the_current_and_the_previous_site(tmp_path):
    dest = tmp_path / "www"
    for day in ("01/06/2026", "01/07/2026", "01/08/2026"):
        assert publish.publish(dest, stub(day)) == 0
    assert sorted(p.name for p in (dest / "releases").iterdir()) == ["0002", "0003"]
    assert os.readlink(dest / "current") == "releases/0003" and os.readlink(dest / "previous") == "releases/0002"


def test_a_failed_build_leaves_the_published_site_and_exits_non_zero(tmp_path, capsys):
    dest = tmp_path / "www"
    assert publish.publish(dest, stub("01/06/2026")) == 0
    before = published(dest)
    assert publish.publish(dest, stub("25/11/2026", status=1)) == 1
    assert "vẫn là trang cũ" in capsys.readouterr().err
    assert published(dest) == before
    assert os.readlink(dest / "current") == "releases/0001" and not (dest / "previous").exists()
    assert sorted(p.name for p in (dest / "releases").iterdir()) == ["0001"]


def test_publish_with_bad_data_prints_the_problems_and_leaves_the_published_site(tmp_path, monkeypatch, capsys):
    root, dest = project(tmp_path), tmp_path / "www"
    assert publish.publish(dest, stub("01/06/2026")) == 0
    before = published(dest)
    members = root / "data" / "members.yml"
    members.write_text(members.read_text(encoding="utf-8").replace("role: bch", "role: chu-tich", 1),
                       encoding="utf-8")
    monkeypatch.chdir(root)
    assert cli.main(["publish", str(dest), "--as-of", "2026-11-25"]) == 1
    failed = capsys.readouterr().err
    assert "members.yml:" in failed and "chu-tich" in failed and "Traceback" not in failed
    assert published(dest) == before
    assert os.readlink(dest / "current") == "releases/0001" and not (dest / "previous").exists()


def test_a_rollback_without_a_previous_site_says_so_and_changes_nothing(tmp_path, capsys):
    dest = tmp_path / "www"
    assert publish.publish(dest, stub("01/06/2026")) == 0
    assert publish.rollback(dest) == 1 and "Không có bản trước" in capsys.readouterr().err
    assert os.readlink(dest / "current") == "releases/0001"


@pytest.mark.slow
def test_the_command_line_publishes_a_real_build_and_rolls_it_back(tmp_path):
    root, dest = project(tmp_path), tmp_path / "www"
    assert publish.publish(dest, stub("01/06/2026")) == 0
    before = published(dest)
    result = run(root, "publish", str(dest), "--as-of", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert "Số liệu tính đến 25/11/2026".encode() in published(dest)["index.html"]
    assert (dest / "current" / "thanh-vien" / "index.html").is_file()
    back = run(root, "publish", str(dest), "--rollback")
    assert back.returncode == 0, back.stderr
    assert published(dest) == before


@pytest.mark.slow
def test_killing_a_publish_midway_leaves_the_previous_site_served(tmp_path):
    root, dest = project(tmp_path), tmp_path / "www"
    assert publish.publish(dest, stub("01/06/2026")) == 0
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


@pytest.mark.slow
def test_two_publishes_at_once_take_turns_and_both_complete(tmp_path):
    root, dest = project(tmp_path), tmp_path / "www"
    env = {k: v for k, v in os.environ.items() if k != "FEED_SECRET"}
    command = [sys.executable, "-m", "generator", "publish", str(dest), "--as-of"]
    both = [subprocess.Popen([*command, day], cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for day in ("2026-06-01", "2026-11-25")]
    assert [p.wait(timeout=300) for p in both] == [0, 0]
    assert sorted(p.name for p in (dest / "releases").iterdir()) == ["0001", "0002"]
    assert os.readlink(dest / "current") == "releases/0002" and os.readlink(dest / "previous") == "releases/0001"
