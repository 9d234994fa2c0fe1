"""The fixtures every test folder shares. What they are made from is in `tests/support/`."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from .support.browser import ARGS, CHROMIUM, SUB_PATH, Quiet, assert_clean, checked_page
from .support.files import write_data
from .support.project import AS_OF, project, run


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
