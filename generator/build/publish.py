"""Publish a build into a deployment folder in one step, keeping the one before for a rollback.

    DEST/releases/0001/, 0002/ …   each a complete site, never changed once published
    DEST/current  -> releases/0002  what the web server serves (its root is DEST/current)
    DEST/previous -> releases/0001  the site before, for `publish --rollback`

A new site is built into a new release folder; only when it is complete does
`current` switch to it, by renaming a new symbolic link over the old one (one
atomic step: a reader gets the old site or the new one, never a mix). A build
that fails or is killed leaves `current` as it was; what it left behind is
removed by the next publish. Only the current and the previous release are kept.
Two publishes at once (the timer and a data change) take turns on a lock in DEST.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import swap

RELEASES = "releases"
CURRENT = "current"
PREVIOUS = "previous"


def release_of(link: Path) -> Path | None:
    """The release folder a link points to, when it is one."""
    if not link.is_symlink():
        return None
    target = link.parent / os.readlink(link)
    return target if target.is_dir() else None


def point(link: Path, release: Path) -> None:
    """Make `link` point to `release` in one step: a new link renamed over the old one."""
    staged = link.with_name(f".{link.name}.new")
    staged.unlink(missing_ok=True)
    staged.symlink_to(Path(RELEASES) / release.name)
    os.replace(staged, link)


def tidy(dest: Path) -> None:
    """Remove every release but the current and the previous one (what an interrupted publish left)."""
    kept = {release_of(dest / CURRENT), release_of(dest / PREVIOUS)}
    for folder in sorted((dest / RELEASES).iterdir()):
        if folder not in kept:
            if folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder)
            else:
                folder.unlink()


def next_release(dest: Path) -> Path:
    numbers = [int(p.name) for p in (dest / RELEASES).iterdir() if p.name.isdigit()]
    return dest / RELEASES / f"{max(numbers, default=0) + 1:04d}"


@contextmanager
def turn(dest: Path) -> Iterator[None]:
    """Wait for any other publish or rollback into `dest` to end; the lock goes with the process."""
    dest.mkdir(parents=True, exist_ok=True)
    with open(dest / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def publish(dest: Path, build: Callable[[Path], int]) -> int:
    """Build into a new release with `build(folder)` (0 when it succeeded), then switch to it."""
    with turn(dest):
        return publish_now(dest, build)


def publish_now(dest: Path, build: Callable[[Path], int]) -> int:
    (dest / RELEASES).mkdir(parents=True, exist_ok=True)
    if (dest / CURRENT).exists() and release_of(dest / CURRENT) is None:
        print(f"{dest / CURRENT} không phải liên kết tới một bản trong {dest / RELEASES}: không xuất bản đè lên.",
              file=sys.stderr)
        return 1
    tidy(dest)
    fresh = next_release(dest)
    status = build(fresh)
    if status != 0 or not fresh.is_dir():
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"Không xuất bản: bản dựng lỗi, {dest / CURRENT} vẫn là trang cũ.", file=sys.stderr)
        return status or 1
    old = release_of(dest / CURRENT)
    if old is not None:
        point(dest / PREVIOUS, old)   # first: killed between the two steps, both still name a whole site
    point(dest / CURRENT, fresh)
    tidy(dest)
    print(f"Đã xuất bản {fresh.name} vào {dest / CURRENT}" + (f" (bản trước: {old.name})." if old else "."))
    return 0


def rollback(dest: Path) -> int:
    """Serve the previous release again; the one it replaces becomes the previous (a second rollback undoes)."""
    with turn(dest):
        return rollback_now(dest)


def rollback_now(dest: Path) -> int:
    current, previous = release_of(dest / CURRENT), release_of(dest / PREVIOUS)
    if current is None or previous is None:
        print(f"Không có bản trước để quay lại trong {dest}.", file=sys.stderr)
        return 1
    if not swap.exchange(dest / CURRENT, dest / PREVIOUS):
        point(dest / CURRENT, previous)
        point(dest / PREVIOUS, current)
    print(f"Đã quay lại bản {previous.name} ({dest / CURRENT}); bản {current.name} thành bản trước.")
    return 0
