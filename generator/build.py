"""One build: load, evaluate, render, write, run the engine, swap the new site in.

Gather then write: everything is computed in memory first; the docs folder is
written only once all pages exist, and `site/` is replaced only once the engine
has produced a complete new site beside it. A failure at any step leaves the
previous `site/` as it was.
"""

from __future__ import annotations

import shutil
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from . import api, engine, pages, swap
from .model import Province
from .output import Output
from .rules import evaluate
from .tree import Tree

STAGE = Path("build")


class Timings:
    """Wall time of each phase of a build, for `build --timings` and the benchmark."""

    def __init__(self) -> None:
        self.phases: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.phases[name] = self.phases.get(name, 0.0) + time.perf_counter() - start

    def report(self) -> str:
        return "\n".join(f"  {name:<10} {seconds:8.3f} s" for name, seconds in self.phases.items())


def gather(root: Path, province: Province, as_of: date, timings: Timings | None = None) -> Output:
    """Every file of the docs folder."""
    timings = timings or Timings()
    with timings.phase("rules"):
        tree = Tree(province)
        site = pages.Site(province, tree, evaluate(province, as_of, tree))
    with timings.phase("render"):
        out = Output()
        out.add_tree(root / "content")
        for path, text in {**pages.render(site), **api.render(site)}.items():
            out.add(path, text)
    return out


def build(root: Path, province: Province, site_dir: Path, as_of: date, timings: Timings | None = None) -> int:
    timings = timings or Timings()
    out = gather(root, province, as_of, timings)
    with timings.phase("write"):
        out.sync(root / STAGE / "docs")
    fresh = site_dir.with_name(f".{site_dir.name}.new")
    shutil.rmtree(fresh, ignore_errors=True)
    with timings.phase("engine"):
        result = engine.build(root, fresh, province.settings, as_of)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        print("Trình dựng trang (MkDocs) báo lỗi; trang cũ được giữ nguyên.", file=sys.stderr)
        shutil.rmtree(fresh, ignore_errors=True)
        return 2
    with timings.phase("swap"):
        swap.replace(fresh, site_dir)
    pages_count = sum(1 for p in out.files if p.endswith(".md"))
    print(f"Đã dựng {pages_count} trang vào {site_dir} (tính đến ngày {as_of.strftime('%d/%m/%Y')}).")
    return 0
