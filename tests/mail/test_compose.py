"""Messages that no name can break: the hostile names of tests/accepted_inputs/, and names and subjects with line
breaks and control characters made directly (the data refuses those), cannot add a header or a recipient."""

from __future__ import annotations

import email
import re
from dataclasses import replace
from datetime import datetime
from email import policy
from zoneinfo import ZoneInfo

import pytest

from generator.mail.compose import compose, one_line, week_of
from generator.mail.letters import Addressed
from generator.mail.readers import Recipient
from generator.model import Mail
from generator.site.registry import Role

from ..support.project import ROOT
from .conftest import DAY, letters, mail_data

ACCEPTED = ROOT / "tests" / "accepted_inputs"
WHEN = datetime(2026, 11, 23, 7, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
MAIL = Mail(sender="nhac-viec@tinhuy.example.test", board="bantochuc@tinhuy.example.test")
HEADERS = {"From", "To", "Reply-To", "Subject", "Date", "Message-ID", "Content-Language", "Auto-Submitted",
           "X-Auto-Response-Suppress", "MIME-Version", "Content-Type"}
HOSTILE = ["Nguyễn Văn\r\nBcc: victim@example.test", "An\nTo: other@example.test", "Ba\rX-Injected: 1",
           "Bốn\u2028Bcc: x@example.test", "Năm\u0085Bcc: x@example.test", "Sáu\x00\x0b\x1b[31m",
           'Bảy" <evil@example.test>, "Tám', "=?utf-8?q?Bcc=3A_x=40example=2Etest?=\r\n\r\nbody"]


def words(text: str) -> str:
    """Text without its spaces: Python 3.11's address parser keeps the space between two encoded-words that
    RFC 2047 (6.2) says a reader ignores, so a long name reads back with a space inside a word."""
    return "".join(text.split())


def parsed(message) -> email.message.EmailMessage:
    return email.message_from_bytes(message.as_bytes(policy=policy.SMTP), policy=policy.default)


def assert_safe(raw: bytes, address: str) -> email.message.EmailMessage:
    """The message has our headers only, one recipient, and a head no data line could have added to."""
    m = email.message_from_bytes(raw, policy=policy.default)
    assert set(m.keys()) <= HEADERS and {"From", "To", "Subject", "Message-ID"} <= set(m.keys())
    assert [a.addr_spec for a in m["To"].addresses] == [address]
    assert m["Bcc"] is None and m["Cc"] is None and m["X-Injected"] is None
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    assert all(line[:1] in (b" ", b"\t") or re.match(rb"[A-Za-z-]+:( |$)", line) for line in head), head
    assert all(ord(c) < 128 for c in raw.decode("ascii"))   # the head and the parts are 7-bit: any server takes them
    return m


@pytest.mark.parametrize("case", sorted(p.name for p in ACCEPTED.iterdir() if p.is_dir()))
def test_the_hostile_names_of_the_accepted_inputs_read_back_as_written_and_add_no_header(tmp_path, case):
    data = mail_data(tmp_path / "data", files=ACCEPTED / case)
    found = letters(data)
    assert found
    for a in found.values():
        message = compose(a, MAIL, week_of(DAY), WHEN, "example.test")
        m = assert_safe(message.message.as_bytes(policy=policy.SMTP), a.recipient.address)
        assert words(m["To"].addresses[0].display_name) == words(a.recipient.name)
        html = m.get_body(("html",)).get_content()
        plain = m.get_body(("plain",)).get_content()
        assert "<script>" not in html and "javascript:x)" not in re.sub(r"&[a-z]+;", "", html.split("</title>", 1)[0])
        if a.recipient.role is Role.MEMBER:
            assert a.recipient.name in plain
            assert str(__import__("markupsafe").escape(a.recipient.name)) in html


@pytest.mark.parametrize("name", HOSTILE)
def test_a_name_with_line_breaks_or_control_characters_cannot_add_a_header(tmp_path, name):
    a = next(iter(letters(mail_data(tmp_path / "data")).values()))
    hostile = Addressed(replace(a.recipient, name=name), replace(a.letter, subject=f"Còn 3 ngày: {name}"))
    message = compose(hostile, MAIL, week_of(DAY), WHEN, "example.test")
    m = assert_safe(message.message.as_bytes(policy=policy.SMTP), a.recipient.address)
    assert words(m["To"].addresses[0].display_name) == words(one_line(name))
    assert "\n" not in str(m["Subject"]) and words(str(m["Subject"])).endswith(words(one_line(name)))


def test_one_line_turns_every_break_and_control_character_into_a_single_space():
    assert one_line("Nguyễn\r\n Văn\u2028\tAn\x00") == "Nguyễn Văn An"
    assert one_line("Trần Thị Hai") == "Trần Thị Hai"   # NFD in, NFC out


def test_the_same_letter_the_same_week_has_the_same_message_id_and_hash_whenever_it_is_made(tmp_path):
    a = next(iter(letters(mail_data(tmp_path / "data")).values()))
    first = compose(a, MAIL, week_of(DAY), WHEN, "example.test")
    again = compose(a, MAIL, week_of(DAY), WHEN.replace(hour=9), "example.test")
    assert (first.message_id, first.digest) == (again.message_id, again.digest)
    changed = compose(Addressed(a.recipient, replace(a.letter, opening="Khác.")), MAIL, week_of(DAY), WHEN,
                      "example.test")
    assert changed.digest != first.digest and changed.message_id != first.message_id


def test_a_letter_without_an_address_is_never_composed(tmp_path):
    a = next(iter(letters(mail_data(tmp_path / "data")).values()))
    with pytest.raises(ValueError):
        compose(Addressed(Recipient(a.recipient.key, a.recipient.role, a.recipient.login, a.recipient.name, None,
                                    a.recipient.url), a.letter), MAIL, week_of(DAY), WHEN, "example.test")


def test_replies_go_to_the_board_and_the_board_is_not_told_to_reply_to_itself(tmp_path):
    found = letters(mail_data(tmp_path / "data", board="bantochuc@tinhuy.example.test"))
    mail = replace(MAIL, board="bantochuc@tinhuy.example.test")
    member = parsed(compose(found["thanh-vien/btv-one"], mail, week_of(DAY), WHEN, "example.test").message)
    board = parsed(compose(found["ban-to-chuc"], mail, week_of(DAY), WHEN, "example.test").message)
    assert member["Reply-To"].addresses[0].addr_spec == "bantochuc@tinhuy.example.test"
    assert board["Reply-To"] is None
