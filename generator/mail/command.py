"""`mail [--as-of …] [--dry-run DIR]`: this week's letters, written to files or sent, and one summary line.

The letters are made from the province as of the date (today by default), like the site. `--dry-run DIR`
writes each message as `DIR/<reader>.eml` (the previous run's `.eml` files there are removed first) and
sends nothing; the ledger is neither read nor written. Otherwise each message not yet in the ledger for
this week goes to the server in settings (`mail.host`), with the login and password of the environment
(MAIL_USER, MAIL_PASSWORD). The exit status is 0 when nothing failed, 1 otherwise.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path

from ..model import Mail, Province, vi
from ..model.tree import Tree
from ..rules.obligations import evaluate
from ..site.context import Site
from ..site.registry import Role
from . import ledger as ledgers
from .compose import Message, compose, week_of
from .letters import Writer
from .send import DELAYS, IMPLICIT_TLS, Fatal, Postman, Server

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
KINDS = {Role.MEMBER: "đồng chí", Role.COMMITTEE: "cấp ủy", Role.BOARD: "Ban Tổ chức", Role.OFFICE: "Văn phòng"}


def run(province: Province, as_of: date, clock: Callable[[], datetime], root: Path, dry_run: Path | None,
        environ: Mapping[str, str], delays: tuple[float, ...] = DELAYS,
        sleep: Callable[[float], None] = time.sleep) -> int:
    tree = Tree(province)
    site = Site(province, tree, evaluate(province, as_of, tree))
    letters = Writer(site).letters()
    addressed = [a for a in letters if a.recipient.address]
    unaddressed = len(letters) - len(addressed)
    week, mail = week_of(as_of), province.settings.mail
    when = clock()
    messages = [compose(a, mail, week, when, province.settings.uid_domain) for a in addressed]
    if dry_run is not None:
        try:
            return write(messages, dry_run, unaddressed)
        except OSError as e:
            print(f"Không ghi được thư vào {dry_run}: {e.strerror or e}; hãy chọn một thư mục ghi được.", file=sys.stderr)
            return 1
    try:
        server = server_of(mail, environ)
    except Fatal as problem:
        print(problem, file=sys.stderr)
        return 1
    return deliver(messages, Postman(server, ledgers.Ledger(root / ledgers.PATH), week, clock, delays, sleep),
                   as_of, unaddressed)


def deliver(messages: list[Message], postman: Postman, as_of: date, unaddressed: int) -> int:
    """Send what the ledger has not seen this week; each failure on a line, then the summary line."""
    ledger, week = postman.ledger, postman.week
    ledger.prune(as_of)
    todo = [m for m in messages if not ledger.sent(week, m.recipient.key, m.address)]
    result = postman.deliver(todo)
    for f in result.failed:
        if f.reason != result.fatal:   # a problem that stopped the run is said once, below
            print(f"{f.message.recipient.key} <{f.message.address}>: {f.reason}", file=sys.stderr)
    if result.fatal:
        print(result.fatal, file=sys.stderr)
    later = sum(f.temporary for f in result.failed)
    print(f"Thư nhắc tuần {week} (số liệu đến ngày {vi.day(as_of)}): đã gửi {len(result.sent)}, bỏ qua "
          f"{len(messages) - len(todo)} (đã gửi trong tuần), lỗi {len(result.failed)}"
          + (f" ({later} sẽ gửi lại ở lần chạy sau)" if later else "") + without(unaddressed) + ".")
    return 1 if result.failed else 0


def without(unaddressed: int) -> str:
    if not unaddressed:
        return ""
    return (f"; {unaddressed} người nhận có việc nhưng không nhận thư (chưa có địa chỉ thư, hoặc đã đặt "
            "mail: false)")


def server_of(mail: Mail, environ: Mapping[str, str]) -> Server:
    """The server in settings with the login of the environment, refused where it would be unsafe."""
    if not mail.host:
        raise Fatal("Chưa cài đặt máy chủ thư: thêm mail.host và mail.sender vào data/settings.yml (xem "
                    "docs/mail.md); để xem thư mà không gửi: mail --dry-run THƯ-MỤC")
    user, password = environ.get("MAIL_USER") or None, environ.get("MAIL_PASSWORD") or None
    if bool(user) != bool(password):
        raise Fatal("Cần đặt cả hai biến môi trường MAIL_USER và MAIL_PASSWORD (hoặc không đặt biến nào nếu máy "
                    "chủ thư không cần đăng nhập)")
    if user and not mail.starttls and mail.port != IMPLICIT_TLS and mail.host not in LOCAL_HOSTS:
        raise Fatal("Không gửi mật khẩu máy chủ thư qua kết nối không mã hóa: đặt mail.starttls: true trong "
                    "data/settings.yml (mặc định) hoặc dùng cổng 465")
    return Server(mail.host, mail.port, mail.starttls, mail.ca_file, user, password)


def write(messages: list[Message], folder: Path, unaddressed: int) -> int:
    """Each message as `<reader>.eml` in `folder`, the previous run's `.eml` files removed; nothing is sent."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.eml"):
        old.unlink()
    for m in messages:
        (folder / m.recipient.file_name).write_bytes(m.message.as_bytes())
    counts = {}
    for m in messages:
        counts[KINDS[m.recipient.role]] = counts.get(KINDS[m.recipient.role], 0) + 1
    kinds = ", ".join(f"{n} {k}" for k, n in counts.items())
    print(f"Đã ghi {len(messages)} thư vào {folder}" + (f" ({kinds})" if kinds else "")
          + f"; không gửi thư nào{without(unaddressed)}.")
    return 0
