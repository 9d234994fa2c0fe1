"""Replace a folder by another in one step, so readers never see a half-written site.

On Linux, renameat2(RENAME_EXCHANGE) swaps the two paths atomically. Where it is not
available (another system, a file system without support) the new folder is renamed
into place right after the old one is moved aside: a gap of one rename.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap the paths `a` and `b` atomically; False when the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


def replace(fresh: Path, target: Path) -> None:
    """Put `fresh` in place of `target`, then delete the old `target`."""
    if not target.exists():
        fresh.rename(target)
        return
    if exchange(fresh, target):
        shutil.rmtree(fresh)  # now holds the old site
        return
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old)
