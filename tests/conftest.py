"""The fixtures every test folder shares, and the tiers. What the fixtures are made from is in `tests/support/`.

A test's tier follows from what it needs: a test that uses a fixture of `TIERS` (directly or through another
fixture) gets that fixture's marker, so a new test falls into its tier by itself. Tests that build whole sites
through the command line without such a fixture carry `@pytest.mark.slow` themselves. `make test-fast` runs
the tests with none of these markers (no browser, nginx, LibreOffice, Node, no full build); `make test` runs all.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .support.browser import ARGS, CHROMIUM, SUB_PATH, Quiet, assert_clean, checked_page
from .support.files import write_data
from .support.project import AS_OF, project, run

if TYPE_CHECKING:
    from playwright.sync_api import Page

# fixture -> the marker of every test that uses it; pyproject.toml registers the markers
TIERS = {
    "browser": "browser",       # Debian's Chromium through Playwright
    "nginx": "nginx",           # Debian's nginx (tests/deploy/conftest.py)
    "soffice": "libreoffice",   # LibreOffice Calc converting a workbook
    "icaljs": "node",           # ical.js (npm) under Node
    "built": "slow",            # the sample built once through the command line and the engine
}


def pytest_collection_modifyitems(items):
    for item in items:
        for fixture, marker in TIERS.items():
            if fixture in item.fixturenames:
                item.add_marker(marker)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The small province's data files, in a fresh folder."""
    return write_data(tmp_path / "data")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The sample province built once, as of 25/11/2026."""
    root = project(tmp_path_factory.mktemp("built"))
    result = run(root, "build", "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    return root / "site"


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
    from playwright.sync_api import sync_playwright  # only the browser tests load Playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Page:
    """A fresh page that records every request and every console error, checked after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = checked_page(context)
    yield page
    context.close()
    assert_clean(page)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden files in tests/golden/ from the current output (make golden)")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def icaljs():
    """Mozilla's ical.js (npm, `make test` installs it) reading feeds: `icaljs(files, first, last)`."""
    from .support.calendars import NODE_MODULE, icaljs

    if not NODE_MODULE.exists():
        pytest.fail(f"{NODE_MODULE} is missing: `make test` installs it (npm ci)")
    return icaljs


@pytest.fixture(scope="session")
def soffice():
    """Debian's LibreOffice Calc saving a workbook again: `soffice(path, folder)` gives the saved copy."""
    from .workbook.books import SOFFICE, convert_with_libreoffice

    if not Path(SOFFICE).exists():
        pytest.fail(f"{SOFFICE} is missing: `make test` installs Debian's libreoffice-calc")
    return convert_with_libreoffice
