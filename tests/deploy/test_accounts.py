"""Sign-in accounts: a file of hashes only, a command that creates or resets one, checked against the data."""

from __future__ import annotations

import csv
import os
import subprocess

from generator.deploy.accounts import check_password, read
from generator.load.data import load
from generator.model.tree import Tree

from ..support.files import write_data
from ..support.project import ROOT, project, run

SAMPLE = ROOT / "deploy" / "sample-accounts.csv"


def test_creating_an_account_prints_a_one_time_password_and_stores_only_its_hash(tmp_path):
    root, accounts = project(tmp_path, write_data(tmp_path / "data")), tmp_path / "secret" / "accounts"
    made = run(root, "account", "btv-one", "--role", "member", "--accounts", str(accounts))
    assert made.returncode == 0, made.stderr
    password = made.stdout.strip().splitlines()[-1]
    assert len(password) >= 16
    stored = accounts.read_text()
    assert password not in stored and stored.startswith("btv-one:$2y$") and stored.rstrip().endswith(":member")
    assert oct(accounts.stat().st_mode & 0o777) == "0o640"
    assert check_password(password, read(accounts)["btv-one"].hash)
    group = 33 if os.geteuid() == 0 else os.getgroups()[-1]   # www-data, nginx's group on Debian, as root
    os.chown(accounts, -1, group)
    again = run(root, "account", "btv-one", "--role", "member", "--accounts", str(accounts))
    assert accounts.stat().st_gid == group   # a reset keeps the group given to the file
    new = again.stdout.strip().splitlines()[-1]
    assert new != password and check_password(new, read(accounts)["btv-one"].hash)
    assert not check_password(password, read(accounts)["btv-one"].hash)


def test_an_account_that_does_not_match_the_data_is_refused_with_the_reason(tmp_path):
    root, accounts = project(tmp_path, write_data(tmp_path / "data")), tmp_path / "accounts"
    cases = {("nobody", "member"): "phải là mã một đồng chí", ("xa-a1", "committee"): "trực thuộc Tỉnh ủy",
             ("huyen-a", "board"): "không được trùng", ("Ban To Chuc", "board"): "chỉ gồm chữ thường"}
    for (login, role), reason in cases.items():
        refused = run(root, "account", login, "--role", role, "--accounts", str(accounts))
        assert refused.returncode == 1 and reason in refused.stderr, (login, refused.stderr)
    assert not accounts.exists()


def test_a_login_that_is_both_a_member_and_an_organization_is_refused(tmp_path):
    data = write_data(tmp_path / "data")
    members = (data / "members.yml").read_text().replace("id: bch-two", "id: cong-an")
    (data / "members.yml").write_text(members)
    (data / "assignments.yml").write_text((data / "assignments.yml").read_text().replace("bch-two", "cong-an"))
    root = project(tmp_path, data)
    refused = run(root, "account", "cong-an", "--role", "committee", "--accounts", str(tmp_path / "accounts"))
    assert refused.returncode == 1 and "vừa là mã một đồng chí vừa là mã một đảng bộ" in refused.stderr


def test_the_sample_accounts_cover_every_member_every_committee_the_board_and_the_office(tmp_path):
    province = load(ROOT / "data")
    with SAMPLE.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["login", "password", "role"]
    by_role = {role: {r["login"] for r in rows if r["role"] == role} for role in ("member", "committee", "board",
                                                                                  "office")}
    assert by_role["member"] == set(province.members)
    assert by_role["committee"] == set(Tree(province).roots)
    assert len(by_role["board"]) == 1 and len(by_role["office"]) == 1


def test_nginx_accepts_the_https_configuration_it_is_given(tmp_path, built, nginx):
    accounts = tmp_path / "accounts"
    assert run(built.parent, "account", "ban-to-chuc", "--role", "board", "--accounts", str(accounts)).returncode == 0
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    written = run(built.parent, "nginx", "--out", str(tmp_path), "--accounts", str(accounts), "--site", str(built),
                  "--listen", "127.0.0.1:8443", "--server-name", "sinhhoat.example", "--tls-cert", str(cert),
                  "--tls-key", str(key), "--standalone")
    assert written.returncode == 0, written.stderr
    server = (tmp_path / "server.conf").read_text()
    assert "listen 127.0.0.1:8443 ssl http2;" in server and "Strict-Transport-Security" in server
    assert "return 301 https://$host$request_uri;" in server
    checked = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c",
                              str(tmp_path / "nginx.conf")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
