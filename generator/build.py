"""One build: load, evaluate, render, write, run the engine, swap the new site in.

Gather then write: everything is computed in memory first; the docs folder is
written only once all pages exist, and `site/` is replaced only once the engine
has produced a complete new site beside it. A failure at any step leaves the
previous `site/` as it was.
"""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

from . import api, engine, pages
from .model import Province
from .output import Output
from .rules import evaluate
from .tree import Tree

STAGE = Path("build")


def gather(root: Path, province: Province, as_of: date) -> Output:
    """Every file of the docs folder."""
    tree = Tree(province)
    site = pages.Site(province, tree, evaluate(province, as_of, tree))
    out = Output()
    out.add_tree(root / "content")
    for path, text in {**pages.render(site), **api.render(site)}.items():
        out.add(path, text)
    return out


def build(root: Path, province: Province, site_dir: Path, as_of: date) -> int:
    out = gather(root, province, as_of)
    out.sync(root / STAGE / "docs")
    fresh = site_dir.with_name(f".{site_dir.name}.new")
    shutil.rmtree(fresh, ignore_errors=True)
    result = engine.build(root, fresh, province.settings)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        print("Trình dựng trang (MkDocs) báo lỗi; trang cũ được giữ nguyên.", file=sys.stderr)
        shutil.rmtree(fresh, ignore_errors=True)
        return 2
    swap(fresh, site_dir, site_dir.with_name(f".{site_dir.name}.old"))
    pages_count = sum(1 for p in out.files if p.endswith(".md"))
    print(f"Đã dựng {pages_count} trang vào {site_dir} (tính đến ngày {as_of.strftime('%d/%m/%Y')}).")
    return 0


def swap(fresh: Path, site_dir: Path, old: Path) -> None:
    """Put `fresh` in place of `site_dir`; the old site is removed only after the new one is in place."""
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    fresh.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
