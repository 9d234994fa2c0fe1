"""Debian's nginx serving the built sample with the generated configuration and the sample accounts."""

from __future__ import annotations

import base64
import csv
import http.client
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..support.project import ROOT, run

NGINX = "/usr/sbin/nginx"
SAMPLE_ACCOUNTS = ROOT / "deploy" / "sample-accounts.csv"


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Server:
    port: int
    passwords: dict[str, str]
    site: Path

    def get(self, path: str, login: str | None = None, password: str | None = None,
            headers: dict[str, str] | None = None) -> Response:
        """GET exactly this path (no client-side normalisation), signed in as `login` when given."""
        sent = dict(headers or {})
        if login:
            secret = password if password is not None else self.passwords[login]
            sent["Authorization"] = "Basic " + base64.b64encode(f"{login}:{secret}".encode()).decode()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.putrequest("GET", path, skip_accept_encoding=True)
            for name, value in sent.items():
                connection.putheader(name, value)
            connection.endheaders()
            answer = connection.getresponse()
            return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read())
        finally:
            connection.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen) -> None:
    """Until nginx answers on the port; it must not have stopped."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and process.poll() is None:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nginx did not start: {process.poll()}")


@pytest.fixture(scope="session")
def nginx() -> str:
    """Debian's nginx: a test that uses it is in the `nginx` tier."""
    if not Path(NGINX).exists():
        pytest.fail(f"{NGINX} is missing: `make test` installs Debian's nginx (nginx-light)")
    return NGINX


@pytest.fixture(scope="session")
def server(nginx, built, tmp_path_factory) -> Server:
    root, folder = built.parent, tmp_path_factory.mktemp("nginx")
    accounts = folder / "accounts"
    made = run(root, "account", "--import", str(SAMPLE_ACCOUNTS), "--accounts", str(accounts))
    assert made.returncode == 0, made.stderr
    port = free_port()
    written = run(root, "nginx", "--out", str(folder), "--accounts", str(accounts), "--site", str(built),
                  "--listen", f"127.0.0.1:{port}", "--standalone")
    assert written.returncode == 0, written.stderr
    process = subprocess.Popen([nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c",
                                str(folder / "nginx.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(port, process)
    with SAMPLE_ACCOUNTS.open(encoding="utf-8") as f:
        passwords = {row["login"]: row["password"] for row in csv.DictReader(f)}
    yield Server(port, passwords, built)
    os.kill(process.pid, signal.SIGQUIT)   # graceful stop of the master we started
    process.wait(timeout=10)
    shutil.rmtree(folder / "temp", ignore_errors=True)
