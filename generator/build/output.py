"""Collect the files of a build, then write them: pages for the site engine, and files made later.

A path may be claimed once: two generators writing the same file is a bug,
reported at once instead of one silently overwriting the other. Paths must
stay inside the folder.

Pages (and what the engine reads) are added with their content. Files the
engine only copies (feeds, exports, report drafts, the API) are added as a
function that makes them: a build stages them as empty placeholders, so the
engine sees every file a page links to, makes them while the engine renders,
and writes them into the new site before it is swapped in (`build.py`).
"""

from __future__ import annotations

import posixpath
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

Content = str | bytes
# What every producer (pages, Board pages, feeds, exports, the API) yields: a path in the docs
# folder with its content, or with a function that makes it while the engine renders.
Produced = Iterable[tuple[str, Content | Callable[[], Content]]]


class Output:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.later: dict[str, Callable[[], Content]] = {}

    def claim(self, path: str) -> None:
        normal = posixpath.normpath(path)
        if normal != path or path.startswith(("/", "../")) or "\\" in path or path == "..":
            raise ValueError(f"unsafe output path: {path!r}")
        if path in self.files or path in self.later:
            raise ValueError(f"two writes to the same output path: {path}")

    def add(self, path: str, content: Content) -> None:
        self.claim(path)
        self.files[path] = as_bytes(content)

    def defer(self, path: str, make: Callable[[], Content]) -> None:
        """A file the engine only copies, made by `make()` when `make_later` runs."""
        self.claim(path)
        self.later[path] = make

    def collect(self, produced: Produced) -> None:
        """Take what a producer yields: content is added now, a function is deferred."""
        for path, content in produced:
            if callable(content):
                self.defer(path, content)
            else:
                self.add(path, content)

    def add_tree(self, folder: Path) -> None:
        """Add every file under `folder` (hand-written content), at the same relative path."""
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                self.add(file.relative_to(folder).as_posix(), file.read_bytes())

    def make_later(self) -> dict[str, bytes]:
        return {path: as_bytes(make()) for path, make in self.later.items()}

    def sync(self, folder: Path, made: dict[str, bytes] | None = None) -> int:
        """Make `folder` hold exactly these files, the deferred ones as `made` (empty when not given);
        only changed files are rewritten. Returns how many."""
        wanted = {**self.files, **{path: (made or {}).get(path, b"") for path in self.later}}
        folder.mkdir(parents=True, exist_ok=True)
        for existing in sorted(folder.rglob("*"), reverse=True):
            relative = existing.relative_to(folder).as_posix()
            if existing.is_file() and relative not in wanted:
                existing.unlink()
            elif existing.is_dir() and not any(f.startswith(relative + "/") for f in wanted):
                shutil.rmtree(existing)
        changed = 0
        for path, content in wanted.items():
            target = folder / path
            if target.is_file() and target.read_bytes() == content:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            changed += 1
        return changed


def as_bytes(content: Content) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def place(made: dict[str, bytes], site: Path) -> None:
    """Write the deferred files into a site the engine built, over their placeholders."""
    for path, content in made.items():
        target = site / path
        if not target.is_file():
            raise FileNotFoundError(f"the engine did not copy the placeholder of {path}")
        target.write_bytes(content)
