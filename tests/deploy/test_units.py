"""The daily publish and the weekly mail shipped in deploy/: systemd services and timers, the same for cron, the
git hook."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from ..support.project import ROOT

DEPLOY = ROOT / "deploy"
ANALYZE = shutil.which("systemd-analyze")
needs_systemd = pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed on this machine")


def units_here(folder, unit="sinh-hoat-publish"):
    """The units with the checkout's path replaced by this one (verify checks that ExecStart exists)."""
    for name in (f"{unit}.service", f"{unit}.timer"):
        text = (DEPLOY / name).read_text(encoding="utf-8").replace("/srv/sinh-hoat/app", str(ROOT))
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / f"{unit}.service"), str(folder / f"{unit}.timer")]


def cron_lines(command: str) -> list[str]:
    """The crontab's lines (and commented-out alternatives) that run `generator <command>`."""
    return [line for line in (DEPLOY / "crontab").read_text(encoding="utf-8").splitlines()
            if re.match(r"#? ?\d", line) and f" -m generator {command}" in line]


@needs_systemd
@pytest.mark.parametrize("unit", ["sinh-hoat-publish", "sinh-hoat-mail"])
def test_systemd_analyze_verify_passes_on_the_service_and_the_timer(tmp_path, unit):
    result = subprocess.run([ANALYZE, "verify", *units_here(tmp_path, unit)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


@needs_systemd
def test_systemd_analyze_verify_would_catch_a_broken_unit(tmp_path):
    service, timer = units_here(tmp_path)
    with open(timer, "a", encoding="utf-8") as f:
        f.write("[Timer]\nOnCalendar=every day at five\n")
    result = subprocess.run([ANALYZE, "verify", service, timer], capture_output=True, text=True)
    assert result.returncode != 0 or "Failed to parse calendar specification" in result.stderr   # a warning


@needs_systemd
def test_the_timer_fires_at_five_past_midnight_viet_nam_time_whatever_the_servers_zone():
    timer = (DEPLOY / "sinh-hoat-publish.timer").read_text(encoding="utf-8")
    spec = re.search(r"^OnCalendar=(.+)$", timer, re.M).group(1)
    assert spec == "*-*-* 00:05:00 Asia/Ho_Chi_Minh"
    shown = subprocess.run([ANALYZE, "calendar", "--iterations=2", spec], capture_output=True, text=True,
                           env={**os.environ, "TZ": "UTC"}).stdout
    assert len(re.findall(r"\d{4}-\d\d-\d\d 17:05:00 UTC", shown)) == 2, shown


def test_cron_runs_the_same_publish_at_the_same_moment():
    service = (DEPLOY / "sinh-hoat-publish.service").read_text(encoding="utf-8")
    command = re.search(r"^ExecStart=/srv/sinh-hoat/app/(.+)$", service, re.M).group(1)
    lines = cron_lines("publish")
    assert [line.split(" * * * ")[0].lstrip("# ") for line in lines] == ["5 17", "5 0"]
    assert all(line.endswith(command) for line in lines)


@needs_systemd
def test_the_mail_timer_fires_on_monday_at_seven_viet_nam_time_whatever_the_servers_zone():
    timer = (DEPLOY / "sinh-hoat-mail.timer").read_text(encoding="utf-8")
    spec = re.search(r"^OnCalendar=(.+)$", timer, re.M).group(1)
    assert spec == "Mon *-*-* 07:00:00 Asia/Ho_Chi_Minh" and "Persistent=true" in timer
    shown = subprocess.run([ANALYZE, "calendar", "--iterations=3", spec], capture_output=True, text=True,
                           env={**os.environ, "TZ": "UTC"}).stdout
    assert len(re.findall(r"Mon \d{4}-\d\d-\d\d 00:00:00 UTC", shown)) == 3, shown


def test_cron_sends_the_same_mail_at_the_same_moment_as_the_timer():
    service = (DEPLOY / "sinh-hoat-mail.service").read_text(encoding="utf-8")
    command = re.search(r"^ExecStart=/srv/sinh-hoat/app/(.+)$", service, re.M).group(1)
    lines = cron_lines("mail")
    assert [line.lstrip("# ").split(" cd ")[0] for line in lines] == ["0 0 * * 1", "0 7 * * 1"]
    assert all(line.endswith(command) for line in lines)
    assert "PrivateNetwork" not in service and "ReadWritePaths=/srv/sinh-hoat/app/state" in service


def test_the_git_hook_publishes_only_when_the_data_or_the_pages_changed(tmp_path):
    repository = tmp_path / "repo"
    (repository / "data").mkdir(parents=True)
    hook = DEPLOY / "git-post-merge"
    assert os.access(hook, os.X_OK)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.test"]
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    (repository / "README").write_text("1")
    subprocess.run([*git, "-C", str(repository), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(repository), "commit", "-qm", "one"], check=True)
    subprocess.run(["git", "-C", str(repository), "update-ref", "ORIG_HEAD", "HEAD"], check=True)
    (repository / "README").write_text("2")
    subprocess.run([*git, "-C", str(repository), "commit", "-qam", "two"], check=True)
    quiet = subprocess.run([str(hook)], cwd=repository, capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stdout == quiet.stderr == ""
    (repository / "data" / "members.yml").write_text("[]")
    subprocess.run([*git, "-C", str(repository), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(repository), "commit", "-qm", "data"], check=True)
    subprocess.run(["git", "-C", str(repository), "update-ref", "ORIG_HEAD", "HEAD~1"], check=True)
    ran = subprocess.run([str(hook)], cwd=repository, capture_output=True, text=True,
                         env={**os.environ, "PATH": "/usr/bin:/bin", "SINH_HOAT_DEST": str(tmp_path / "www")})
    assert ran.returncode != 0 and ".venv/bin/python" in ran.stderr   # it went on to publish (no checkout here)
