"""The browser tests' settings: Debian's Chromium driven by Playwright, what counts as a request
inside the site, where screenshots go."""

from __future__ import annotations

import http.server

from .project import ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "test-output" / "screenshots"
LOCAL = ("http://127.0.0.1:", "file://", "data:", "blob:", "about:")
SUB_PATH = "/sinh-hoat/"  # the path of site_url in data/settings.yml


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def checked_page(context):
    """A page of `context` that records every request and every console error, for `assert_clean`."""
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


def assert_clean(page) -> None:
    """Nothing was requested outside the site and nothing went wrong in the console."""
    outside = [url for url in page.requests if not url.startswith(LOCAL)]
    assert outside == [], f"requests outside the site: {outside}"
    assert page.errors == [], f"console errors: {page.errors}"
