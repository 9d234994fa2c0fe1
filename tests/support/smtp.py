"""A real SMTP server on 127.0.0.1 for the mail tests (aiosmtpd), with STARTTLS on a self-signed certificate
(trustme), AUTH, and the misbehaviours the sender must survive: a temporary refusal, a connection dropped
during DATA, a server that hangs."""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "bantochuc", "mat-khau-thu-nghiem"


@dataclass
class Inbox:
    """What the server accepted, and what it refused on purpose."""

    messages: list[EmailMessage] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)      # RCPT TO addresses answered 451 or 550
    dropped: list[str] = field(default_factory=list)      # recipients whose DATA ended in a dropped connection
    logins: list[tuple[bytes, bool]] = field(default_factory=list)   # (login, over TLS)
    hold: threading.Event = field(default_factory=threading.Event)  # set: let a held message through
    lock: threading.Lock = field(default_factory=threading.Lock)

    def to(self) -> list[str]:
        return [m["To"].addresses[0].addr_spec for m in self.messages]


class Handler:
    """Accepts every message, except as `behaviour` says:

    "greylist"   each recipient's first RCPT TO is answered 451, the next 250
    "refuse:A"   RCPT TO A is answered 550 (a permanent refusal), every other accepted
    "drop"       each recipient's first DATA ends with the connection closed before any answer
    "hold:N"     the N-th message's DATA waits for `inbox.hold` before it is answered (a crash test kills
                 the sender meanwhile); a message held and never answered is not kept
    """

    def __init__(self, inbox: Inbox, behaviour: str = ""):
        self.inbox, self.behaviour = inbox, behaviour
        self.seen: set[str] = set()
        self.held = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.behaviour == "greylist" and address not in self.seen:
            self.seen.add(address)
            self.inbox.refused.append(address)
            return "451 4.7.1 Greylisted, please try again later"
        if self.behaviour == f"refuse:{address}":
            self.inbox.refused.append(address)
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        address = envelope.rcpt_tos[0]
        if self.behaviour == "drop" and address not in self.seen:
            self.seen.add(address)
            self.inbox.dropped.append(address)
            server.transport.close()
            return "250 OK"   # never heard: the connection is gone
        if self.behaviour.startswith("hold:") and not self.held and len(self.inbox.messages) + 1 == int(self.behaviour[5:]):
            self.held = True
            while not self.inbox.hold.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Held, never kept"
        with self.inbox.lock:
            self.inbox.messages.append(BytesParser(policy=policy.default).parsebytes(envelope.original_content))
        return "250 2.0.0 OK"


@dataclass(frozen=True)
class Running:
    host: str
    port: int
    ca_file: Path | None
    inbox: Inbox


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def certificate(folder: Path) -> tuple[ssl.SSLContext, Path]:
    """A self-signed authority and a certificate for 127.0.0.1 it issued: the server's context, the CA file."""
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    ca_file = folder / "mail-ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    return context, ca_file


def authenticator(inbox: Inbox):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            USER.encode(), PASSWORD.encode())
        inbox.logins.append((auth_data.login if isinstance(auth_data, LoginPassword) else b"", session.ssl is not None))
        return AuthResult(success=ok, handled=False)   # False: the server answers 535 itself
    return check


@contextmanager
def smtp_server(folder: Path, tls: bool = True, behaviour: str = "", implicit: bool = False) -> Iterator[Running]:
    """An SMTP server on 127.0.0.1 for the time of a `with`: with `tls`, STARTTLS required and AUTH required
    over it (login USER, PASSWORD), or with `implicit` TLS from the first byte (SMTPS) and AUTH (aiosmtpd sees
    no STARTTLS there, so it is told not to ask for one); without, neither."""
    inbox = Inbox()
    options: dict = {}
    ca_file = None
    if tls or implicit:
        context, ca_file = certificate(folder)
        options = dict(auth_required=True, authenticator=authenticator(inbox))
        options.update(ssl_context=context, auth_require_tls=False) if implicit else options.update(
            tls_context=context, require_starttls=True, auth_require_tls=True)
    controller = Controller(Handler(inbox, behaviour), hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    try:
        yield Running("127.0.0.1", controller.port, ca_file, inbox)
    finally:
        inbox.hold.set()
        controller.stop()
