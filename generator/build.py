"""One build: load, evaluate, render, write, run the engine, swap the new site in.

Gather then write: everything is computed in memory first; the docs folder is
written only once all pages and feeds exist, and `site/` is replaced only once
the engine has produced a complete new site beside it. A failure at any step
leaves the previous `site/` as it was. After it, the feeds' version ledger is
saved and, when asked, the feeds alone are copied to a folder of their own.
"""

from __future__ import annotations

import resource
import shutil
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import api, board, engine, ics, pages, revisions, subscribe, swap, tokens
from .feeds import feeds
from .model import Province
from .output import Output
from .revisions import Revision
from .rules import evaluate
from .tree import Tree

STAGE = Path("build")
REVISIONS = Path("state/feed-revisions.json")


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
        """One line per phase, then the generator's peak memory (the engine's is measured on its own by
        the benchmark: a child's figure includes what it inherited from this process)."""
        lines = [f"  {name:<10} {seconds:8.3f} s" for name, seconds in self.phases.items()]
        lines.append(f"  peak generator {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
        return "\n".join(lines)


@dataclass(frozen=True)
class Gathered:
    out: Output                       # every file of the docs folder
    feeds: dict[str, bytes]           # each feed by its secret file name
    revisions: dict[str, Revision]    # the feeds' version ledger after this build


def gather(root: Path, province: Province, as_of: date, secret: str, timings: Timings | None = None) -> Gathered:
    timings = timings or Timings()
    settings = province.settings
    with timings.phase("rules"):
        tree = Tree(province)
        evaluation = evaluate(province, as_of, tree)
    with timings.phase("feeds"):
        calendars = feeds(province, tree, as_of)
        revised = revisions.revise(read_revisions(root), (e for f in calendars for e in f.events), as_of)
        names = {f.identity: tokens.file_name(secret, f.identity) for f in calendars}
        subscriptions = {f.page: subscribe.subscription(settings, names[f.identity], f.about,
                                                        qr=f.identity[0] == "thanh-vien") for f in calendars}
        writer = ics.Writer(revised, settings)
        files = {names[f.identity]: writer.render(f) for f in calendars}
    with timings.phase("render"):
        site = pages.Site(province, tree, evaluation, subscriptions)
        out = Output()
        out.add_tree(root / "content")
        for path, text in {**pages.render(site), **api.render(site)}.items():
            out.add(path, text)
        for feed in calendars:
            out.add(subscriptions[feed.page].path, files[names[feed.identity]])
            if feed.identity[0] == "thanh-vien":
                out.add(f"api/feeds/{feed.identity[1]}.json",
                        api.feed(feed, revised, as_of, settings.feed_reminder_days))
    with timings.phase("board"):
        for path, content in board.render(site).items():
            out.add(path, content)
    return Gathered(out, files, revised)


def read_revisions(root: Path) -> dict[str, Revision]:
    path = root / REVISIONS
    return revisions.parse(path.read_text(encoding="utf-8")) if path.is_file() else {}


def build(root: Path, province: Province, site_dir: Path, as_of: date, secret: str,
          feeds_dir: Path | None = None, timings: Timings | None = None) -> int:
    timings = timings or Timings()
    gathered = gather(root, province, as_of, secret, timings)
    with timings.phase("write"):
        gathered.out.sync(root / STAGE / "docs")
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
    (root / REVISIONS).parent.mkdir(parents=True, exist_ok=True)
    (root / REVISIONS).write_text(revisions.dump(gathered.revisions), encoding="utf-8")
    pages_count = sum(1 for p in gathered.out.files if p.endswith(".md"))
    print(f"Đã dựng {pages_count} trang và {len(gathered.feeds)} lịch (iCal) vào {site_dir} "
          f"(tính đến ngày {as_of.strftime('%d/%m/%Y')}).")
    if feeds_dir:
        publish(gathered.feeds, feeds_dir)
        print(f"Đã ghi riêng {len(gathered.feeds)} lịch (iCal) vào {feeds_dir}.")
    return 0


def publish(files: dict[str, bytes], folder: Path) -> None:
    """Make `folder` hold these feeds: stale .ics files (a rotated address) go; nothing else is touched."""
    folder.mkdir(parents=True, exist_ok=True)
    for stale in sorted(folder.glob("*.ics")):
        if stale.name not in files:
            stale.unlink()
    for name, content in files.items():
        target = folder / name
        if not (target.is_file() and target.read_bytes() == content):
            target.write_bytes(content)
