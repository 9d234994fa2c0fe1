"""A member's page through nginx in Chromium on a weak phone connection: first load and repeat visit.

    .venv/bin/python bench/page_load.py

Serves the built site/ (run `make site` first) with Debian's nginx on 127.0.0.1 twice:
"before" is the generated configuration without compression and without Cache-Control
(nginx's plain defaults), "after" the configuration as generated. Chromium is slowed by
Chrome DevTools' "Fast 3G" profile (562.5 ms latency, 180 000 B/s down, 84 375 B/s up) and
a 4× CPU slowdown, signed in as a sample member. For each: the time to the page's load
event and the bytes moved over the network (until the network is idle: the search index too),
the median of three fresh browser contexts. `-v` prints every response.
"""

from __future__ import annotations

import base64
import csv
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "page-load"
NGINX = "/usr/sbin/nginx"
MEMBER = "nguyen-van-khai"
FAST_3G = dict(offline=False, latency=562.5, downloadThroughput=180000, uploadThroughput=84375)
VERBOSE = "-v" in sys.argv
ROUNDS = 3   # each measured three times in a fresh browser context; the median (by time) is shown
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]


def configure(port: int) -> dict[str, Path]:
    """The generated configuration ("after") and the same without compression and caching ("before")."""
    accounts = WORK / "accounts"
    generator = [sys.executable, "-m", "generator"]
    subprocess.run([*generator, "account", "--import", str(ROOT / "deploy/sample-accounts.csv"),
                    "--accounts", str(accounts)], cwd=ROOT, check=True, capture_output=True)
    folders = {}
    for name, offset in (("before", 0), ("after", 1)):
        folder = WORK / name
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([*generator, "nginx", "--out", str(folder), "--accounts", str(accounts), "--site",
                        str(ROOT / "site"), "--listen", f"127.0.0.1:{port + offset}", "--standalone"],
                       cwd=ROOT, check=True, capture_output=True)
        folders[name] = folder
    server = folders["before"] / "server.conf"
    plain = [line for line in server.read_text().splitlines()
             if not re.match(r"\s*(gzip|add_header Cache-Control)", line)]
    server.write_text("\n".join(plain) + "\n")
    return folders


def measure(browser, url: str, login: str, password: str) -> list[tuple[float, int]]:
    """(seconds to the load event, bytes over the network) for the first load and a repeat visit."""
    # Sent with every request, as a browser does once signed in (Playwright's own credentials would
    # answer each 401 challenge: one more round trip per file).
    signed = "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode()
    context = browser.new_context(extra_http_headers={"Authorization": signed}, viewport={"width": 390, "height": 844})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    moved = [0]
    cdp.on("Network.loadingFinished", lambda e: moved.__setitem__(0, moved[0] + int(e["encodedDataLength"])))
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", FAST_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    found = []
    for _ in range(2):
        page.goto("about:blank")
        moved[0] = 0
        start = time.perf_counter()
        page.goto(url, wait_until="load", timeout=120_000)
        load = time.perf_counter() - start
        page.wait_for_load_state("networkidle", timeout=120_000)
        found.append((load, moved[0]))
    context.close()
    return found


def median(pairs: list[tuple[float, int]]) -> tuple[float, int]:
    return sorted(pairs)[len(pairs) // 2]


def main() -> None:
    if not (ROOT / "site" / "index.html").is_file():
        sys.exit("Dựng trang trước: make site")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with (ROOT / "deploy/sample-accounts.csv").open(encoding="utf-8") as f:
        password = next(r["password"] for r in csv.DictReader(f) if r["login"] == MEMBER)
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for offset, (name, folder) in enumerate(configure(port).items()):
            nginx = subprocess.Popen([NGINX, "-p", str(folder), "-e", str(folder / "error.log"),
                                      "-c", str(folder / "nginx.conf")])
            try:
                time.sleep(0.5)
                runs = [measure(browser, f"http://127.0.0.1:{port + offset}/thanh-vien/{MEMBER}.html", MEMBER,
                                password) for _ in range(ROUNDS)]
                results[name] = [median([r[visit] for r in runs]) for visit in (0, 1)]
                if VERBOSE:
                    print(name, runs)
            finally:
                nginx.send_signal(signal.SIGQUIT)
                nginx.wait(timeout=10)
        browser.close()
    print("Trang của một đồng chí, Chromium, Fast 3G, CPU chậm 4 lần:")
    print(f"  {'':8} {'lần đầu':>22} {'mở lại':>22}")
    for name, ((first, first_bytes), (again, again_bytes)) in results.items():
        print(f"  {name:8} {first:6.2f} s {first_bytes / 1000:8.0f} kB {again:8.2f} s {again_bytes / 1000:8.0f} kB")


if __name__ == "__main__":
    main()
