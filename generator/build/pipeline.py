"""One build: load, evaluate, render, write, run the engine, swap the new site in.

Gather then write: the rules run once, then every producer (pages, the Board's pages, the
API, the feeds) yields its files as (path, content or function) pairs, collected into an
`Output`; nothing is written before all is gathered. The pages are staged for the engine with the files they link to as
placeholders; the files the engine only copies (feeds, exports, drafts, the API)
are made while it renders, on the other core, and written into the new site when
it is done; `site/` is replaced only then, by the complete new site. A failure at
any step leaves the previous `site/` as it was. After it, the feeds' version
ledger is saved and, when asked, the feeds alone are copied to a folder of their own.
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

from ..exports import api
from ..feeds import revisions
from ..feeds.calendars import Calendars
from ..feeds.contents import horizon
from ..feeds.revisions import Revision
from ..load import problems
from ..model import Province
from ..model.tree import Tree
from ..render import board, pages
from ..site.context import Site
from ..rules.obligations import evaluate, evaluated_periods
from . import engine, output, parallel, swap
from .output import Output

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
class Plan:
    out: Output                                   # the pages, and the files made while the engine runs
    calendars: Calendars                          # the feeds, made once when first asked for
    site: Site


def gather(root: Path, province: Province, as_of: date, secret: str, timings: Timings | None = None) -> Plan:
    """Every page, and every file as a function that makes it. Nothing is written.

    The rules run once, over the site's periods and the feeds' horizon; the pages see the site's periods."""
    timings = timings or Timings()
    settings = province.settings
    with timings.phase("rules"):
        tree = Tree(province)
        evaluation = evaluate(province, as_of, tree, until=horizon(as_of, settings.feed_horizon_months)[1])
    with timings.phase("pages"):
        calendars = Calendars(province, tree, evaluation, secret, read_revisions(root))
        shown = evaluation.only(evaluated_periods(settings.effective_date, as_of))
        site = Site(province, tree, shown, calendars.subscriptions)
        rest = parallel.forked(lambda: list(pages.rest(site)))  # the indexes and organizations, meanwhile
        out = Output()
        out.add_tree(root / "content")
        out.collect(pages.members(site))
        out.collect(board.produce(site))
        out.collect(rest())
    out.collect(api.produce(site, calendars))
    out.collect(calendars.produce())
    return Plan(out, calendars, site)


def read_revisions(root: Path) -> dict[str, Revision]:
    path = root / REVISIONS
    return revisions.parse(path.read_text(encoding="utf-8")) if path.is_file() else {}


def build(root: Path, province: Province, data_dir: Path, site_dir: Path, as_of: date, secret: str,
          feeds_dir: Path | None = None, timings: Timings | None = None) -> int:
    """Stage the pages, let the engine render them while the files are made, then put it all in place."""
    timings = timings or Timings()
    plan = gather(root, province, as_of, secret, timings)
    with timings.phase("write"):
        plan.out.sync(root / STAGE / "docs")  # the deferred files as placeholders: the pages link to them
    fresh = site_dir.with_name(f".{site_dir.name}.new")
    shutil.rmtree(fresh, ignore_errors=True)
    started = time.perf_counter()
    engine_build = engine.Build(root, fresh, province.settings, as_of)
    try:
        with timings.phase("files"):
            made = plan.out.make_later()
    except BaseException:
        engine_build.stop()
        raise
    status, log = engine_build.finish()
    timings.phases["engine"] = time.perf_counter() - started  # it ran alongside "files"
    if status != 0:
        sys.stderr.write(log)
        print("Trình dựng trang (MkDocs) báo lỗi; trang cũ được giữ nguyên.", file=sys.stderr)
        shutil.rmtree(fresh, ignore_errors=True)
        return 2
    with timings.phase("place"):
        output.place(made, fresh)
    with timings.phase("swap"):
        swap.replace(fresh, site_dir)
    calendars = plan.calendars
    (root / REVISIONS).parent.mkdir(parents=True, exist_ok=True)
    (root / REVISIONS).write_text(revisions.dump(calendars.revisions), encoding="utf-8")
    pages_count = sum(1 for p in plan.out.files if p.endswith(".md"))
    print(f"Đã dựng {pages_count} trang và {len(calendars.files)} lịch (iCal) vào {site_dir} "
          f"(tính đến ngày {as_of.strftime('%d/%m/%Y')}).")
    if feeds_dir:
        publish(calendars.files, feeds_dir)
        print(f"Đã ghi riêng {len(calendars.files)} lịch (iCal) vào {feeds_dir}.")
    problems.warn(data_dir, plan.site.warnings)
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
