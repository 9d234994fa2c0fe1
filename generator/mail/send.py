"""The SMTP conversation with the province's server (`smtplib`): STARTTLS, login, each message in turn.

A message goes in rounds. In the first round every message is tried once; a temporary refusal (a 4xx
answer) or a connection lost midway (during DATA, say) leaves it for the next round, after a pause that
grows (`delays`), on a new connection; a permanent refusal (5xx) fails that message alone. What is still
refused after the last round is left for the next run: the ledger has no line for it. A problem no retry
can fix (the certificate, the login, a server without STARTTLS) stops the run: `Fatal`.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from .compose import Message
from .ledger import Entry, Ledger

DELAYS = (10, 60, 300)    # seconds before the second, third and fourth rounds
TIMEOUT = 60              # seconds without an answer before the connection counts as lost
IMPLICIT_TLS = 465        # the port where the connection is encrypted from the start (SMTPS)


class Fatal(Exception):
    """The run cannot send anything: one line saying why and what to do."""


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    starttls: bool
    ca_file: str | None = None
    user: str | None = None
    password: str | None = None


@dataclass(frozen=True)
class Failure:
    message: Message
    reason: str
    temporary: bool
    dropped: bool = False     # the connection is gone: the next message needs a new one


@dataclass
class Result:
    sent: list[Message] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    fatal: str | None = None


def describe(code: int, text) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"máy chủ thư trả lời {code} {' '.join(words.split())}"


class Postman:
    def __init__(self, server: Server, ledger: Ledger, week: str, clock: Callable[[], datetime],
                 delays: tuple[float, ...] = DELAYS, sleep: Callable[[float], None] = time.sleep,
                 timeout: float = TIMEOUT):
        self.server, self.ledger, self.week, self.clock = server, ledger, week, clock
        self.delays, self.sleep, self.timeout = delays, sleep, timeout

    def deliver(self, messages: list[Message]) -> Result:
        result = Result()
        pending, last = list(messages), {}
        try:
            for delay in (0, *self.delays):
                if not pending:
                    break
                if delay:
                    self.sleep(delay)
                pending = self.round(pending, result, last)
        except Fatal as problem:
            result.fatal = str(problem)
            sent = {m.message_id for m in result.sent}
            done = sent | {f.message.message_id for f in result.failed}
            result.failed += [Failure(m, str(problem), True) for m in messages if m.message_id not in done]
            return result
        result.failed += [last[m.message_id] for m in pending]
        return result

    def round(self, pending: list[Message], result: Result, last: dict[str, Failure]) -> list[Message]:
        """Try each message once; return those to try again."""
        again: list[Message] = []
        smtp = None
        try:
            for n, m in enumerate(pending):
                if smtp is None:
                    try:
                        smtp = self.connect()
                    except (OSError, smtplib.SMTPException) as e:
                        reason = f"không kết nối được máy chủ thư {self.server.host}:{self.server.port} ({e})"
                        for rest in pending[n:]:
                            last[rest.message_id] = Failure(rest, reason, True)
                        return again + pending[n:]
                failure = self.send(smtp, m)
                if failure is None:
                    self.ledger.record(Entry(self.week, m.recipient.key, m.address, m.digest, m.message_id,
                                             self.clock().isoformat(timespec="seconds")))
                    result.sent.append(m)
                    continue
                if failure.dropped:
                    smtp = close(smtp)
                if failure.temporary:
                    last[m.message_id] = failure
                    again.append(m)
                else:
                    result.failed.append(failure)
        finally:
            close(smtp)
        return again

    def send(self, smtp: smtplib.SMTP, m: Message) -> Failure | None:
        try:
            smtp.send_message(m.message)
        except smtplib.SMTPRecipientsRefused as e:
            code, text = next(iter(e.recipients.values()))
            return Failure(m, describe(code, text), 400 <= code < 500, dropped=code == 421)
        except smtplib.SMTPResponseException as e:    # the sender or the content refused
            return Failure(m, describe(e.smtp_code, e.smtp_error), 400 <= e.smtp_code < 500,
                           dropped=e.smtp_code == 421)
        except OSError as e:                           # the connection lost (smtplib's errors are OSErrors too)
            return Failure(m, f"mất kết nối với máy chủ thư ({e or type(e).__name__})", True, dropped=True)
        return None

    def connect(self) -> smtplib.SMTP:
        s = self.server
        context = ssl.create_default_context(cafile=s.ca_file)
        try:
            if s.port == IMPLICIT_TLS:
                smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=self.timeout, context=context)
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
                if s.starttls:
                    self.starttls(smtp, context)
        except ssl.SSLCertVerificationError as e:
            raise Fatal(f"Chứng chỉ của máy chủ thư {s.host} không được tin cậy ({e.verify_message}): đặt tệp "
                        "chứng chỉ của máy chủ thư nội bộ vào mail.ca_file trong data/settings.yml") from None
        except socket.gaierror:
            raise Fatal(f"Không tìm thấy máy chủ thư “{s.host}”: kiểm tra mail.host trong data/settings.yml") from None
        if s.user:
            try:
                smtp.login(s.user, s.password or "")
            except smtplib.SMTPAuthenticationError as e:
                close(smtp)
                raise Fatal(f"Máy chủ thư từ chối đăng nhập bằng MAIL_USER, MAIL_PASSWORD "
                            f"({describe(e.smtp_code, e.smtp_error)})") from None
            except smtplib.SMTPNotSupportedError:
                close(smtp)
                raise Fatal(f"Máy chủ thư {s.host} không cho đăng nhập (AUTH) trên kết nối này: bỏ MAIL_USER, "
                            "MAIL_PASSWORD nếu máy chủ không cần đăng nhập") from None
        return smtp

    def starttls(self, smtp: smtplib.SMTP, context: ssl.SSLContext) -> None:
        smtp.ehlo()
        if not smtp.has_extn("starttls"):
            close(smtp)
            raise Fatal(f"Máy chủ thư {self.server.host}:{self.server.port} không nhận STARTTLS: hỏi quản trị máy chủ "
                        "thư cổng có mã hóa (thường là 587), hoặc đặt mail.starttls: false nếu máy chủ ở ngay máy này")
        smtp.starttls(context=context)
        smtp.ehlo()


def close(smtp: smtplib.SMTP | None) -> None:
    """End a conversation politely if the server still listens; never raise."""
    if smtp is None:
        return None
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()
    return None
