"""Benchmark: the sample province, a large synthetic one, and one twice as large.

    .venv/bin/python bench/run.py            (or: make bench)

For each province it builds the site as of 25/11/2026 and prints the time of each phase
(load and validate, rules, feeds, pages, writing, the engine's render), the total wall time,
the peak memory of the generator and of the engine, the size of the output, and the ratio of
the whole build to the engine alone rendering the same staged pages. When Zensical is
installed in .venv-zensical (make bench installs it), it renders the same staged pages too.
Run it on a quiet machine: the figures are wall times.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "bench"
AS_OF = "2026-11-25"
PYTHON = sys.executable
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
SCENARIOS = {  # folder: (name, size of the synthetic province; None for the sample)
    "sample": ("mẫu (data/)", None),
    "large": ("lớn: 150 đồng chí, 600 đảng bộ, 15 000 chi bộ, 10 000 bản ghi", dict(members=150, cells=15000, records=10000)),
    "double": ("gấp đôi: 300 đồng chí, 30 000 chi bộ, 20 000 bản ghi", dict(members=300, cells=30000, records=20000)),
}
ENV = {**os.environ, "FEED_SECRET": "bench-secret-" + "x" * 32, "PYTHONHASHSEED": "0"}


def project(folder: str, size: dict | None) -> Path:
    root = WORK / folder
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("content", "overrides"):
        shutil.copytree(ROOT / folder, root / folder)
    if size is None:
        shutil.copytree(ROOT / "data", root / "data")
    else:
        run([PYTHON, "-m", "generator", "synth", "--members", str(size["members"]), "--cells", str(size["cells"]),
             "--records", str(size["records"]), "--seed", "1", "--as-of", AS_OF, str(root / "data")], ROOT)
    return root


def run(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB of the process and its children, and stdout."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    out, err = process.stdout.read(), process.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}\n{err}")
    return seconds, usage.ru_maxrss // 1024, out


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def measure(folder: str, name: str, size: dict | None) -> dict:
    root = project(folder, size)
    total, peak, out = run([PYTHON, "-m", "generator", "build", "--as-of", AS_OF, "--timings"], root)
    phases = {m.group(1): float(m.group(2)) for m in re.finditer(r"^\s+(\w+)\s+([\d.]+) s$", out, re.M)}
    rss = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\s+peak (\w+)\s+(\d+) MB$", out, re.M)}
    alone_dir = WORK / "engine-alone"
    shutil.rmtree(alone_dir, ignore_errors=True)
    engine_alone, engine_peak, _ = run([PYTHON, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(alone_dir)], root)
    result = dict(name=name, phases=phases, total=total, peak=peak, rss=rss, size=size_mb(root / "site"),
                  engine_alone=engine_alone, engine_peak=engine_peak)
    if ZENSICAL.exists():
        config = root / "zensical.yml"
        config.write_text((root / "mkdocs.yml").read_text().replace("site_dir: site", "site_dir: build/zensical"))
        try:
            seconds, _, _ = run([str(ZENSICAL), "build", "-f", str(config)], root)
            pages = sum(1 for _ in (root / "build" / "zensical").rglob("*.html"))
            result["zensical"] = f"{seconds:.1f} s, {pages} trang HTML"
        except SystemExit as failure:
            result["zensical"] = f"lỗi: {str(failure).splitlines()[-1][:80]}"
    return result


def report(r: dict) -> str:
    p = r["phases"]
    lines = [f"== {r['name']}",
             "   " + ", ".join(f"{k} {v:.2f} s" for k, v in p.items()),
             f"   phần của chúng ta (tổng trừ thời gian engine; “files” chạy song song với engine): {ours(r):.2f} s; "
             f"engine: {p['engine']:.2f} s",
             f"   tổng thời gian: {r['total']:.2f} s; engine chạy riêng: {r['engine_alone']:.2f} s; "
             f"tỉ lệ tổng/engine riêng: {r['total'] / r['engine_alone']:.2f}",
             f"   bộ nhớ đỉnh: generator {r['rss'].get('generator', 0)} MB, engine {r['engine_peak']} MB "
             f"(cả bản dựng: {r['peak']} MB); kết quả: {r['size']:.1f} MB"]
    if "zensical" in r:
        lines.append(f"   Zensical trên cùng các trang: {r['zensical']}")
    return "\n".join(lines)


def main() -> None:
    results = []
    for folder, (name, size) in SCENARIOS.items():
        results.append(measure(folder, name, size))
        print(report(results[-1]), flush=True)
    large, double = results[1], results[2]
    print(f"\nGấp đôi dữ liệu: thời gian tổng x{double['total'] / large['total']:.2f}, "
          f"phần của chúng ta x{ours(double) / ours(large):.2f}")


def ours(r: dict) -> float:
    """Everything but the engine's render: the files made while it renders are not on the clock."""
    return r["total"] - r["phases"]["engine"]


if __name__ == "__main__":
    main()
