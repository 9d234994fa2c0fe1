"""The command line of the deployment: `nginx` writes the configuration, `account` creates or resets a sign-in."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

from ..model import Province, names
from . import accounts, nginx
from .access import ROLES


def add(commands) -> None:
    cmd = commands.add_parser("nginx", help="ghi cấu hình nginx (khối server, quy tắc truy cập) từ dữ liệu và tài khoản")
    cmd.add_argument("--out", type=Path, required=True, help="thư mục ghi access.conf, server.conf")
    cmd.add_argument("--accounts", type=Path, required=True, help="tệp tài khoản (login:hash:vai trò), ngoài data/")
    cmd.add_argument("--site", type=Path, default=Path("site"),
                     help="thư mục trang nginx phục vụ (mặc định: site/; khi triển khai: DEST/current)")
    cmd.add_argument("--listen", default="127.0.0.1:8088", help="địa chỉ:cổng nginx nghe (mặc định 127.0.0.1:8088)")
    cmd.add_argument("--server-name", default="_", help="tên miền của trang")
    cmd.add_argument("--tls-cert", type=Path, help="chứng chỉ HTTPS (fullchain.pem)")
    cmd.add_argument("--tls-key", type=Path, help="khóa của chứng chỉ HTTPS (privkey.pem)")
    cmd.add_argument("--standalone", action="store_true",
                     help="ghi thêm nginx.conf để chạy nginx ở tiền cảnh, không cần quyền root (make nginx)")
    account = commands.add_parser("account", help="tạo hoặc đặt lại một tài khoản đăng nhập; in mật khẩu một lần")
    account.add_argument("login", nargs="?", help="mã đồng chí, mã đảng bộ trực thuộc Tỉnh ủy, hoặc tên tài khoản")
    account.add_argument("--role", choices=ROLES, help="member, committee, board hoặc office")
    account.add_argument("--accounts", type=Path, required=True, help="tệp tài khoản (ngoài data/)")
    account.add_argument("--import", dest="import_csv", type=Path,
                         help="nạp mọi tài khoản của một tệp CSV login,password,role (tài khoản mẫu)")


def run(args, province: Province) -> int:
    if args.command == "nginx":
        return write_nginx(args, province)
    if args.import_csv:
        return failed(accounts.import_csv(args.import_csv, args.accounts, province)) or done(
            f"Đã ghi các tài khoản của {args.import_csv} vào {args.accounts}.")
    if not args.login or not args.role:
        return failed(["cần tên đăng nhập và --role (hoặc --import TỆP.csv)"])
    password, found = accounts.set_password(args.accounts, args.login, args.role, province)
    if found:
        return failed(found)
    print(f"Tài khoản {args.login} ({args.role}) trong {args.accounts}. Mật khẩu (chỉ hiện một lần, "
          f"gửi riêng cho người dùng):\n{password}")
    return 0


def write_nginx(args, province: Province) -> int:
    if not args.accounts.is_file():
        return failed([f"không có tệp tài khoản {args.accounts} → tạo bằng: {names.COMMAND} account …"])
    if not (args.site / "index.html").is_file():
        return failed([f"chưa có trang trong {args.site} → dựng trước ({names.COMMAND} build hoặc publish)"])
    url = province.settings.site_url
    if urlsplit(url).path not in ("", "/"):
        return failed([f"data/settings.yml: site_url = “{url}” → nginx phục vụ trang tại gốc của máy chủ: "
                       f"đặt site_url dạng https://{urlsplit(url).hostname}/ (không có đường dẫn)"])
    if bool(args.tls_cert) != bool(args.tls_key):
        return failed(["--tls-cert và --tls-key đi cùng nhau"])
    found = accounts.read(args.accounts)
    problems = accounts.check_all(found, province)
    if problems:
        return failed(problems)
    tls = (args.tls_cert, args.tls_key) if args.tls_cert else None
    for path in nginx.write(args.out, found, province, args.site, args.accounts, args.listen, args.server_name,
                            tls, args.standalone):
        print(path)
    return 0


def failed(problems: list[str]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def done(message: str) -> int:
    print(message)
    return 0
