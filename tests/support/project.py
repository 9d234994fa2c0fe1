"""The project as on a fresh machine: its site sources copied around a data folder, and its command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

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
