"""Shared fixtures: a small valid province written as YAML, to copy and break on purpose."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent

SMALL = {
    "settings": """
        province: Tỉnh Thử
        effective_date: 2026-01-01
        site_url: https://example.test/sinh-hoat/
    """,
    "organizations": """
        - id: huyen-a
          name: Đảng bộ huyện A
          kind: huyen
        - id: xa-a1
          name: Đảng bộ xã A1
          kind: xa
          parent: huyen-a
        - id: cong-an
          name: Đảng bộ Công an tỉnh
          kind: cong-an
    """,
    "areas": """
        - id: thon-1
          name: Thôn 1
          organization: xa-a1
          schedule: {day: 15, months: [1, 4, 7, 10], time: "08:00"}
    """,
    "cells": """
        - id: cb-thon-1
          name: Chi bộ Thôn 1
          organization: xa-a1
          residential: true
          area: thon-1
          schedule: {day: 5, time: "19:30"}
        - id: cb-thon-2
          name: Chi bộ Thôn 2
          organization: xa-a1
          residential: true
          schedule: {weekday: saturday, week: 1, time: "19:30"}
        - id: cb-truong
          name: Chi bộ Trường học
          organization: xa-a1
          schedule: {day: last, time: "16:00"}
        - id: cb-ca-1
          name: Chi bộ Phòng Tham mưu
          organization: cong-an
          schedule: {day: 10, time: "14:00"}
    """,
    "members": """
        - id: btv-one
          name: Nguyễn Văn Một
          roles:
            - {role: bch, from: 2025-10-01}
            - {role: btv, from: 2025-10-01}
          residence: {cell: cb-thon-2}
        - id: bch-two
          name: Trần Thị Hai
          roles:
            - {role: bch, from: 2025-10-01}
          residence: {area: thon-1}
    """,
    "assignments": """
        - id: pc-1
          member: btv-one
          organization: huyen-a
          kind: phu-trach
          from: 2025-10-15
        - id: pc-2
          member: bch-two
          organization: xa-a1
          kind: theo-doi
          from: 2025-10-15
    """,
    "attendance": "[]",
    "visits": "[]",
    "reports": "[]",
    "grievances": "[]",
}


def write_data(folder: Path, **overrides: str | None) -> Path:
    """Write the small province into `folder`, replacing (or, with None, omitting) some files."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {**SMALL, **overrides}.items():
        if text is not None:
            (folder / f"{name}.yml").write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_data(tmp_path / "data")


AS_OF = "2026-11-25"


def project(folder: Path, data: Path | None = None) -> Path:
    """A copy of the project's site sources around a data folder, as on a fresh machine."""
    root = folder / "project"
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copytree(data or ROOT / "data", root / "data")
    return root


def run(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command line in `root`; FEED_SECRET only when `env` gives it, whatever the shell has."""
    if env is None:
        env = {k: v for k, v in os.environ.items() if k != "FEED_SECRET"}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=root, capture_output=True, text=True,
                          env=env)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The sample province built once, as of 25/11/2026."""
    root = project(tmp_path_factory.mktemp("built"))
    result = run(root, "build", "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    return root / "site"


# -- the browser: Debian's Chromium driven by Playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "test-output" / "screenshots"
LOCAL = ("http://127.0.0.1:", "file://", "data:", "blob:", "about:")
SUB_PATH = "/sinh-hoat/"  # the path of site_url in data/settings.yml


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base(built, tmp_path_factory) -> str:
    """The built site served by a plain static server under its sub-path."""
    www = tmp_path_factory.mktemp("www")
    (www / SUB_PATH.strip("/")).symlink_to(built)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Page:
    """A fresh page that records every request and every console error, checked after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()
    outside = [url for url in page.requests if not url.startswith(LOCAL)]
    assert outside == [], f"requests outside the site: {outside}"
    assert page.errors == [], f"console errors: {page.errors}"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden files in tests/golden/ from the current output (make golden)")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")
