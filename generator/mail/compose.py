"""A letter as a message (`email.message.EmailMessage`): a plain-text part and an HTML part, and headers that
no name can break.

Every header value that comes from the data (a name in To, the subject) goes through `one_line` first: line
breaks, control and format characters become spaces, so a name can never end a header and start another;
the standard library's header classes then encode what is left (RFC 2047), and refuse a line break anyway.

The Message-ID is made from the week, the reader and the content, not at random: a message sent again after
a crash carries the same Message-ID, which mail clients use to show it once.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from ..model import Mail
from . import layout
from .letters import Addressed
from .readers import Recipient

BREAKING = ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")   # control, format, line and paragraph separators, …
NO_REPLY = "khong-tra-loi"


def one_line(value: str) -> str:
    """Text safe in a header: one line, no control characters, single spaces, NFC, and no "=?" that a reader
    would decode as an encoded-word (the standard library writes such a name as it is, undecoded-looking text
    that a reader then decodes into another header's worth: "=?utf-8?q?Bcc=3A_x=40y?=" reads "Bcc: x@y")."""
    text = unicodedata.normalize("NFC", value)
    flat = " ".join("".join(" " if unicodedata.category(c) in BREAKING else c for c in text).split())
    return flat.replace("=?", "= ?")


def week_of(day: date) -> str:
    """The ISO week of a day, the ledger's unit: "2026-W48"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class Message:
    recipient: Recipient
    message: EmailMessage
    digest: str        # the content's hash: address, subject and both parts (not the date)
    message_id: str

    @property
    def address(self) -> str:
        return self.recipient.address or ""


def sender(mail: Mail, domain: str) -> Address:
    """From: the sender in settings (or, for a dry run without one, the Board's address or a no-reply one)."""
    return Address(display_name=one_line(mail.sender_name), addr_spec=mail.sender or mail.board or f"{NO_REPLY}@{domain}")


def compose(addressed: Addressed, mail: Mail, week: str, when: datetime, domain: str) -> Message:
    """The message of one letter. `when` is the Date header; `domain` ends the Message-ID (the site's host)."""
    r, letter = addressed.recipient, addressed.letter
    if not r.address:
        raise ValueError(f"{r.key} has no address")
    subject, plain, rich = one_line(letter.subject), layout.text(letter), layout.html(letter)
    digest = hashlib.sha256("\0".join((r.address, subject, plain, rich)).encode("utf-8")).hexdigest()
    message_id = f"<{week}.{digest[:24]}@{domain}>"
    m = EmailMessage()
    m["From"] = origin = sender(mail, domain)
    m["To"] = Address(display_name=one_line(r.name), addr_spec=r.address)
    if mail.board and mail.board not in (r.address, origin.addr_spec):   # replies reach the Board
        m["Reply-To"] = Address(display_name="Ban Tổ chức Tỉnh ủy", addr_spec=mail.board)
    m["Subject"] = subject
    m["Date"] = format_datetime(when)
    m["Message-ID"] = message_id
    m["Content-Language"] = "vi"
    m["Auto-Submitted"] = "auto-generated"          # RFC 3834: no vacation replies to a robot
    m["X-Auto-Response-Suppress"] = "All"           # the same, for Exchange
    m.set_content(plain, cte="quoted-printable")
    m.add_alternative(rich, subtype="html", cte="quoted-printable")
    m.set_boundary(f"=_{digest[:40]}")   # not random: the same letter, the same bytes ("=_" never occurs in QP)
    return Message(r, m, digest, message_id)
