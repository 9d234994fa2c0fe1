"""Collect the files of a build, then write them into the docs folder the site engine reads.

A path may be claimed once: two generators writing the same file is a bug,
reported at once instead of one silently overwriting the other. Paths must
stay inside the folder.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path


class Output:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, content: str | bytes) -> None:
        normal = posixpath.normpath(path)
        if normal != path or path.startswith(("/", "../")) or "\\" in path or path == "..":
            raise ValueError(f"unsafe output path: {path!r}")
        if path in self.files:
            raise ValueError(f"two writes to the same output path: {path}")
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content

    def add_tree(self, folder: Path) -> None:
        """Add every file under `folder` (hand-written content), at the same relative path."""
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                self.add(file.relative_to(folder).as_posix(), file.read_bytes())

    def sync(self, folder: Path) -> int:
        """Make `folder` hold exactly these files; only changed files are rewritten. Returns how many."""
        folder.mkdir(parents=True, exist_ok=True)
        changed = 0
        for existing in sorted(folder.rglob("*"), reverse=True):
            relative = existing.relative_to(folder).as_posix()
            if existing.is_file() and relative not in self.files:
                existing.unlink()
            elif existing.is_dir() and not any(f.startswith(relative + "/") for f in self.files):
                shutil.rmtree(existing)
        for path, content in self.files.items():
            target = folder / path
            if target.is_file() and target.read_bytes() == content:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            changed += 1
        return changed
