"""The browser tests' settings: Debian's Chromium driven by Playwright, what counts as a request
inside the site, where screenshots go, and the Vietnamese alphabetical order pages sort by."""

from __future__ import annotations

import http.server
import unicodedata

from .project import ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "test-output" / "screenshots"
LOCAL = ("http://127.0.0.1:", "file://", "data:", "blob:", "about:")
SUB_PATH = "/sinh-hoat/"  # the path of site_url in data/settings.yml


LETTER_MARKS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}  # ă, â/ê/ô, ơ/ư come after their base letter


def vietnamese_order(text: str) -> tuple:
    """Vietnamese alphabetical order: d < đ, a < ă < â, o < ô < ơ; tones only break ties."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFD", text.lower()):
        if char == "đ":
            letters.append(("d", 1))
        elif char in LETTER_MARKS:
            letters[-1] = (letters[-1][0], LETTER_MARKS[char])
        elif unicodedata.category(char) == "Mn":
            tones.append(char)
        else:
            letters.append((char, 0))
    return letters, tones


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
