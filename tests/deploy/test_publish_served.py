"""nginx serving DEST/current follows each publish and a rollback, without a reload."""

from __future__ import annotations

import os
import signal
import subprocess

import pytest

from ..support.project import project, run
from .conftest import Server, free_port, wait_for


@pytest.mark.slow
def test_nginx_serves_each_published_site_and_the_previous_one_after_a_rollback(tmp_path, nginx):
    root, dest, folder = project(tmp_path), tmp_path / "www", tmp_path / "nginx"
    assert run(root, "publish", str(dest), "--as-of", "2026-06-01").returncode == 0
    accounts = folder / "accounts"
    made = run(root, "account", "ban-to-chuc", "--role", "board", "--accounts", str(accounts))
    assert made.returncode == 0, made.stderr
    port = free_port()
    written = run(root, "nginx", "--out", str(folder), "--accounts", str(accounts), "--site", str(dest / "current"),
                  "--listen", f"127.0.0.1:{port}", "--standalone")
    assert written.returncode == 0, written.stderr
    assert f"root {dest / 'current'};" in (folder / "server.conf").read_text()
    server = Server(port, {"ban-to-chuc": made.stdout.strip().splitlines()[-1]}, dest / "current")
    process = subprocess.Popen([nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c",
                                str(folder / "nginx.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port, process)

        def shown() -> bytes:
            return server.get("/index.html", "ban-to-chuc").body

        assert "Số liệu tính đến 01/06/2026".encode() in shown()
        assert run(root, "publish", str(dest), "--as-of", "2026-11-25").returncode == 0
        assert "Số liệu tính đến 25/11/2026".encode() in shown()
        assert run(root, "publish", str(dest), "--rollback").returncode == 0
        assert "Số liệu tính đến 01/06/2026".encode() in shown()
    finally:
        os.kill(process.pid, signal.SIGQUIT)
        process.wait(timeout=10)
