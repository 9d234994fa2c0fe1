"""Sending through a real SMTP server on 127.0.0.1 (aiosmtpd): STARTTLS on a self-signed certificate and AUTH,
a server that answers 451 then 250, one that drops the connection during DATA, a refused recipient, a crash
midway, and a second run in the same week. The addresses expected are derived from the letters the data
makes, not written here."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime
from email.header import decode_header, make_header
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.load.data import load
from generator.mail import command, send as sending
from generator.mail.ledger import PATH as LEDGER
from generator.mail.letters import Writer
from generator.model.tree import Tree
from generator.rules.obligations import evaluate
from generator.site.context import Site

from ..support.project import AS_OF, project, run
from ..support.smtp import PASSWORD, USER, smtp_server
from .conftest import mail_data

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = date.fromisoformat(AS_OF)
LOGIN = {"MAIL_USER": USER, "MAIL_PASSWORD": PASSWORD}


def expected(data: Path, as_of: date = DAY) -> list[str]:
    """The addresses of this week's letters, as the data makes them."""
    province = load(data)
    tree = Tree(province)
    return sorted(a.recipient.address for a in Writer(Site(province, tree, evaluate(province, as_of, tree))).letters()
                  if a.recipient.address)


def send(data: Path, root: Path, capsys, as_of: date = DAY, env=None, delays=(0.01, 0.01)) -> tuple[int, str, str]:
    """The mail command in this process (the retries' pauses shortened), and what it printed."""
    code = command.run(load(data), as_of, lambda: datetime(2026, 11, 23, 7, tzinfo=ZONE), root, None,
                       LOGIN if env is None else env, delays, sleep=lambda s: None)
    out = capsys.readouterr()
    return code, out.out, out.err


def summary(line: str) -> tuple[int, int, int]:
    """(sent, skipped, failed) from the summary line."""
    import re
    found = re.search(r"đã gửi (\d+), bỏ qua (\d+) \(đã gửi trong tuần\), lỗi (\d+)", line)
    assert found, line
    return tuple(map(int, found.groups()))


def ledger_lines(root: Path) -> list[str]:
    path = root / LEDGER
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def cli_env(**extra) -> dict:
    return {**{k: v for k, v in os.environ.items() if not k.startswith(("MAIL_", "FEED_"))}, **extra}


def test_over_starttls_with_a_login_every_letter_arrives_once_and_reads_back_as_written(tmp_path):
    with smtp_server(tmp_path) as server:
        data = mail_data(tmp_path / "data", host=server.host, port=server.port, ca_file=str(server.ca_file))
        root = project(tmp_path, data=data)
        result = run(root, "mail", "--as-of", AS_OF, env=cli_env(**LOGIN))
        assert result.returncode == 0, result.stderr
        want = expected(data)
        assert len(want) >= 4 and sorted(server.inbox.to()) == want
        assert server.inbox.logins == [(USER.encode(), True)]   # one connection, the login after STARTTLS
        assert summary(result.stdout) == (len(want), 0, 0) and result.stderr == ""
        for m in server.inbox.messages:
            assert m.is_multipart() and m.get_content_type() == "multipart/alternative"
            plain, rich = m.get_body(("plain",)).get_content(), m.get_body(("html",)).get_content()
            subject = str(make_header(decode_header(m["Subject"])))
            assert "\n" not in subject and subject in rich and "Kính gửi" in plain and "Kính gửi" in rich
            assert m["Auto-Submitted"] == "auto-generated" and m["Message-ID"].strip().endswith("@example.test>")


def test_a_second_run_in_the_same_week_sends_nothing_and_the_next_week_sends_again(tmp_path):
    with smtp_server(tmp_path) as server:
        data = mail_data(tmp_path / "data", host=server.host, port=server.port, ca_file=str(server.ca_file))
        root = project(tmp_path, data=data)
        first = run(root, "mail", "--as-of", AS_OF, env=cli_env(**LOGIN))
        sent = len(server.inbox.messages)
        assert first.returncode == 0 and sent == len(ledger_lines(root)) > 0
        again = run(root, "mail", "--as-of", "2026-11-29", env=cli_env(**LOGIN))   # Sunday, the same ISO week
        assert again.returncode == 0, again.stderr
        assert summary(again.stdout) == (0, sent, 0) and len(server.inbox.messages) == sent
        monday = run(root, "mail", "--as-of", "2026-11-30", env=cli_env(**LOGIN))
        assert monday.returncode == 0 and summary(monday.stdout)[0] == len(expected(data, date(2026, 11, 30)))


def test_a_server_that_answers_451_then_250_gets_every_letter_in_the_same_run(tmp_path, capsys):
    with smtp_server(tmp_path, behaviour="greylist") as server:
        data = mail_data(tmp_path / "data", host=server.host, port=server.port, ca_file=str(server.ca_file))
        code, out, err = send(data, tmp_path, capsys)
        want = expected(data)
        assert code == 0, err
        assert sorted(server.inbox.refused) == want and sorted(server.inbox.to()) == want
        assert summary(out) == (len(want), 0, 0)


def test_a_refusal_that_lasts_past_the_retries_is_left_for_the_next_run(tmp_path, capsys):
    with smtp_server(tmp_path, behaviour="greylist") as server:
        data = mail_data(tmp_path / "data", host=server.host, port=server.port, ca_file=str(server.ca_file))
        want = expected(data)
        code, out, err = send(data, tmp_path, capsys, delays=())
        assert code == 1 and server.inbox.messages == [] and ledger_lines(tmp_path) == []
        assert summary(out) == (0, 0, len(want)) and f"({len(want)} sẽ gửi lại ở lần chạy sau)" in out
        assert "451" in err and "Traceback" not in err
        code, out, _ = send(data, tmp_path, capsys, delays=())
        assert code == 0 and summary(out) == (len(want), 0, 0) and sorted(server.inbox.to()) == want


def test_a_connection_dropped_during_data_is_sent_again_and_arrives_once(tmp_path, capsys):
    with smtp_server(tmp_path, behaviour="drop") as server:
        data = mail_data(tmp_path / "data", host=server.host, port=server.port, ca_file=str(server.ca_file))
        code, out, err = send(data, tmp_path, capsys)
        want = expected(data)
        assert code == 0, err
        assert server.inbox.dropped and sorted(server.inbox.to()) == want   # each once
        assert len(ledger_lines(tmp_path)) == len(want)


def test_one_refused_recipient_never_stops_the_others_and_the_exit_status_says_so(tmp_path, capsys):
    data = mail_data(tmp_path / "data")
    refused = expected(data)[0]
    with smtp_server(tmp_path, behaviour=f"refuse:{refused}") as server:
        data = mail_data(tmp_path / "data", host=server.host, port=server.port, ca_file=str(server.ca_file))
        code, out, err = send(data, tmp_path, capsys)
        want = expected(data)
        assert code == 1
        assert sorted(server.inbox.to()) == [a for a in want if a != refused]
        assert summary(out) == (len(want) - 1, 0, 1) and "sẽ gửi lại" not in out
        assert f"<{refused}>: máy chủ thư trả lời 550" in err
    with smtp_server(tmp_path) as server:   # the address fixed on the server: the next run sends that one only
        data = mail_data(tmp_path / "data", host=server.host, port=server.port, ca_file=str(server.ca_file))
        code, out, _ = send(data, tmp_path, capsys)
        assert code == 0 and server.inbox.to() == [refused] and summary(out) == (1, len(want) - 1, 0)


def test_a_run_killed_midway_is_finished_by_the_next_without_sending_anything_twice(tmp_path):
    with smtp_server(tmp_path, behaviour="hold:3") as server:
        data = mail_data(tmp_path / "data", host=server.host, port=server.port, ca_file=str(server.ca_file))
        root = project(tmp_path, data=data)
        process = subprocess.Popen([sys.executable, "-m", "generator", "mail", "--as-of", AS_OF], cwd=root,
                                   env=cli_env(**LOGIN), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while len(server.inbox.messages) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)   # the third message is now held, unanswered
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert len(server.inbox.messages) == 2 and len(ledger_lines(root)) == 2
        server.inbox.hold.set()   # the held message is let go, unkept: the next run goes through
        result = run(root, "mail", "--as-of", AS_OF, env=cli_env(**LOGIN))
        want = expected(data)
        assert result.returncode == 0, result.stderr
        assert sorted(server.inbox.to()) == want and summary(result.stdout) == (len(want) - 2, 2, 0)


def test_a_wrong_password_stops_the_run_with_one_line_and_sends_nothing(tmp_path, capsys):
    with smtp_server(tmp_path) as server:
        data = mail_data(tmp_path / "data", host=server.host, port=server.port, ca_file=str(server.ca_file))
        code, out, err = send(data, tmp_path, capsys, env={"MAIL_USER": USER, "MAIL_PASSWORD": "sai"})
        assert code == 1 and server.inbox.messages == [] and ledger_lines(tmp_path) == []
        assert "Máy chủ thư từ chối đăng nhập bằng MAIL_USER, MAIL_PASSWORD" in err and "Traceback" not in err
        assert len(err.splitlines()) == 1 and summary(out) == (0, 0, len(expected(data)))


def test_a_certificate_no_one_vouched_for_stops_the_run_and_says_where_to_put_the_authority(tmp_path, capsys):
    with smtp_server(tmp_path) as server:
        data = mail_data(tmp_path / "data", host=server.host, port=server.port)   # no ca_file
        code, out, err = send(data, tmp_path, capsys)
        assert code == 1 and server.inbox.messages == [] and server.inbox.logins == []
        assert "không được tin cậy" in err and "mail.ca_file" in err


def test_a_server_that_is_down_leaves_every_letter_for_the_next_run(tmp_path, capsys):
    with smtp_server(tmp_path) as server:
        port = server.port
    data = mail_data(tmp_path / "data", host="127.0.0.1", port=port)
    code, out, err = send(data, tmp_path, capsys)
    want = expected(data)
    assert code == 1 and summary(out) == (0, 0, len(want)) and f"({len(want)} sẽ gửi lại" in out
    assert f"không kết nối được máy chủ thư 127.0.0.1:{port}" in err


def test_a_server_name_that_does_not_resolve_stops_the_run_at_once(tmp_path, capsys):
    data = mail_data(tmp_path / "data", host="khong-co.invalid")
    code, out, err = send(data, tmp_path, capsys, env={})
    assert code == 1 and err == "Không tìm thấy máy chủ thư “khong-co.invalid”: kiểm tra mail.host trong " \
                               "data/settings.yml\n"


def test_a_password_is_never_sent_over_a_connection_without_encryption(tmp_path, capsys):
    data = mail_data(tmp_path / "data", host="mail.tinhuy.example.test", starttls=False)
    code, out, err = send(data, tmp_path, capsys)
    assert code == 1 and out == "" and "Không gửi mật khẩu máy chủ thư qua kết nối không mã hóa" in err


def test_without_a_server_in_the_settings_the_command_says_how_to_set_one_or_preview(tmp_path, capsys):
    data = mail_data(tmp_path / "data")
    code, out, err = send(data, tmp_path, capsys)
    assert code == 1 and "mail.host" in err and "--dry-run" in err


def test_a_local_relay_without_tls_or_login_is_accepted(tmp_path, capsys):
    with smtp_server(tmp_path, tls=False) as server:
        data = mail_data(tmp_path / "data", host=server.host, port=server.port, starttls=False)
        code, out, err = send(data, tmp_path, capsys, env={})
        assert code == 0, err
        assert sorted(server.inbox.to()) == expected(data)


@pytest.mark.parametrize("only", ["MAIL_USER", "MAIL_PASSWORD"])
def test_a_login_without_its_password_or_the_reverse_is_refused(tmp_path, capsys, only):
    data = mail_data(tmp_path / "data", host="127.0.0.1", port=25)
    code, _, err = send(data, tmp_path, capsys, env={only: "x"})
    assert code == 1 and "MAIL_USER và MAIL_PASSWORD" in err


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")   # it is TLS: aiosmtpd cannot tell
def test_a_server_that_speaks_tls_from_the_first_byte_gets_the_letters_too(tmp_path, capsys, monkeypatch):
    with smtp_server(tmp_path, implicit=True) as server:
        monkeypatch.setattr(sending, "IMPLICIT_TLS", server.port)   # port 465's convention, on a free port
        data = mail_data(tmp_path / "data", host=server.host, port=server.port, ca_file=str(server.ca_file))
        code, out, err = send(data, tmp_path, capsys)
        assert code == 0, err
        assert sorted(server.inbox.to()) == expected(data)
        assert [login for login, _ in server.inbox.logins] == [USER.encode()]   # aiosmtpd's session.ssl stays None


def test_readers_who_asked_for_no_mail_are_counted_apart_in_the_summary(tmp_path, capsys):
    with smtp_server(tmp_path) as server:
        data = mail_data(tmp_path / "data", host=server.host, port=server.port, ca_file=str(server.ca_file),
                         members={"bch-two": {"mail": False}})
        code, out, err = send(data, tmp_path, capsys)
        assert code == 0, err
        assert "bch-two@example.test" not in server.inbox.to() and len(server.inbox.messages) == len(expected(data))
        assert out.rstrip().endswith("; 1 người nhận có việc nhưng không nhận thư (chưa có địa chỉ thư, hoặc đã "
                                     "đặt mail: false).")
