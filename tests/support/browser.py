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
