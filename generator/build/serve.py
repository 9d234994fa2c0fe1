"""Live preview: rebuild the docs folder when data/ or content/ change; MkDocs serves and reloads it."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..load.data import load
from ..load.problems import DataError, report
from ..model import Settings
from . import engine, pipeline


def snapshot(folders: list[Path]) -> dict[Path, float]:
    return {f: f.stat().st_mtime for folder in folders for f in folder.rglob("*") if f.is_file()}


def stage(root: Path, data_dir: Path, as_of: Callable[[str], date], secret: str) -> tuple[Settings, date] | None:
    """Write the docs folder from the current data; its settings and date, or None when the data has problems."""
    try:
        province = load(data_dir)
    except DataError as err:
        report(err)
        return None
    day = as_of(province.settings.timezone)
    out = pipeline.gather(root, province, day, secret).out
    changed = out.sync(root / pipeline.STAGE / "docs", out.make_later())
    print(f"Đã cập nhật {changed} tệp.", flush=True)
    return province.settings, day


def serve(root: Path, data_dir: Path, as_of: Callable[[str], date], port: int, secret: str) -> int:
    """The preview leaves the feeds' version ledger as it is: only `build` moves it forward."""
    staged = stage(root, data_dir, as_of, secret)
    if staged is None:
        return 1
    server = engine.serve(root, *staged, port)
    watched = [data_dir, root / "content"]
    seen = snapshot(watched)
    try:
        while server.poll() is None:
            time.sleep(1)
            now = snapshot(watched)
            if now != seen:
                seen = now
                stage(root, data_dir, as_of, secret)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0
