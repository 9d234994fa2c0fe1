"""The site engine: ProperDocs (the maintained continuation of MkDocs 1.6) with Material, run as a separate program.

The generator never imports the engine. It stages ordinary Markdown in the docs
folder that `mkdocs.yml` names and runs the engine's command line, so another
engine that reads `mkdocs.yml` can take its place (MkDocs 1.6.1 itself gives the
same files but for the generator line; Zensical is measured by `make bench`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from ..model import Settings, vi

ENGINE = "properdocs"


def environment(settings: Settings, as_of: date) -> dict[str, str]:
    """What `mkdocs.yml` reads from the environment, taken from data/settings.yml.

    SOURCE_DATE_EPOCH (the as-of date) makes the engine date its sitemap by the data,
    not by the wall clock, so the same data and date give the same files.
    """
    epoch = int(datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC).timestamp())
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch),
            "SITE_URL": settings.site_url, "SITE_NOTICE": vi.SAMPLE_NOTICE if settings.sample_data else "",
            "SITE_AS_OF": as_of.isoformat()}


class Build:
    """The engine building the staged pages into `site_dir`, running while the generator goes on."""

    def __init__(self, root: Path, site_dir: Path, settings: Settings, as_of: date):
        # Not --quiet: it drops warnings before --strict can count them.
        command = [sys.executable, "-m", ENGINE, "build", "--strict",
                   "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site_dir)]
        self.log = tempfile.TemporaryFile()  # a file, not a pipe: a pipe left unread could fill and stall it
        self.process = subprocess.Popen(command, cwd=root, env=environment(settings, as_of),
                                        stdout=self.log, stderr=subprocess.STDOUT)

    def finish(self) -> tuple[int, str]:
        """Wait for the engine: its exit status and what it printed."""
        status = self.process.wait()
        self.log.seek(0)
        text = self.log.read().decode("utf-8", "replace")
        self.log.close()
        return status, text

    def stop(self) -> None:
        self.process.kill()
        self.finish()


def serve(root: Path, settings: Settings, as_of: date, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", ENGINE, "serve", "--config-file", str(root / "mkdocs.yml"),
               "--dev-addr", f"127.0.0.1:{port}"]
    return subprocess.Popen(command, cwd=root, env=environment(settings, as_of))
