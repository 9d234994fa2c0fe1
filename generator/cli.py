"""The command line, installed as `sinh-hoat` (`.venv/bin/sinh-hoat` after `make site`; `python -m generator`
runs the same): check, build, publish, serve, schema, synth, workbook, account, nginx, mail.

The only place the clock is read: "as of" defaults to today in the province's
time zone. Paths are taken relative to the folder the command runs in, when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from . import synth
from .build import pipeline, publish, serve
from .deploy import commands as deploy
from .feeds import tokens
from .load import problems, schema
from .load.schema import DEFAULT_TIMEZONE
from .load.data import load
from .load.problems import DataError, report
from .mail import command as mail
from .model.tree import Tree
from .rules import compliance
from .rules.obligations import evaluate

PROGRAM = "sinh-hoat"
FOLDERS = ("data", "site")   # made absolute from the folder the command runs in, as the engine's paths are


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = Path.cwd()
    for name in FOLDERS:
        if isinstance(getattr(args, name, None), Path):
            setattr(args, name, root / getattr(args, name))
    args.root = root
    without_data = {"schema": schema_command, "workbook": workbook_command, "synth": synth_command}
    if args.command in without_data:
        return without_data[args.command](args)
    if args.command == "publish" and args.rollback:
        return publish.rollback(args.dest)
    timings = pipeline.Timings()
    try:
        with timings.phase("load"):
            province = load(args.data)
    except DataError as err:
        report(err)
        return 1
    if args.command in ("nginx", "account"):
        return deploy.run(args, province)
    if args.command == "mail":
        return mail_command(args, province)
    if getattr(args, "site_url", None):
        province = served_at(province, args.site_url)
    if args.command == "check":
        print(summary(province))
        warn(args.data, province, args.as_of or today(province.settings.timezone))
        return 0
    secret = feed_secret()
    if secret is None:
        return 1
    return with_secret(args, province, secret, timings)


def with_secret(args, province, secret: str, timings: pipeline.Timings) -> int:
    """build, publish and serve: the commands that make the feeds' addresses."""
    as_of = args.as_of or today(province.settings.timezone)
    root = args.root
    if args.command == "build":
        status = pipeline.build(root, province, args.data, args.site, as_of, secret, args.feeds_dir, timings)
        if args.timings:
            print(timings.report())
        return status
    if args.command == "publish":
        return publish.publish(args.dest, lambda folder: pipeline.build(root, province, args.data, folder, as_of,
                                                                         secret, args.feeds_dir))
    return serve.serve(root, args.data, lambda tz: args.as_of or today(tz), args.port, secret)


def served_at(province, url: str):
    """The province as built to be served at `url` (the local trial): pages, feed addresses and QR codes
    point there; the events keep their identity (UID domain) from the data's `site_url`."""
    settings = province.settings
    url = url if url.endswith("/") else url + "/"
    moved = replace(settings, site_url=url, feed_url=None, event_domain=settings.uid_domain)
    return replace(province, settings=moved)


def parser() -> argparse.ArgumentParser:
    found = argparse.ArgumentParser(prog=PROGRAM,
                                    description="Kiểm tra dữ liệu và dựng trang, lịch (iCal) từ thư mục data/.")
    found.add_argument("--data", type=Path, default=Path("data"), help="thư mục dữ liệu (mặc định: data/)")
    commands = found.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="kiểm tra dữ liệu và in tóm tắt")
    check_cmd.add_argument("--as-of", type=as_of_date,
                           help="ngày tính các bản ghi không được tính, dạng YYYY-MM-DD (mặc định: hôm nay)")
    build_cmd = commands.add_parser("build", help="kiểm tra dữ liệu rồi dựng trang vào site/")
    build_cmd.add_argument("--as-of", type=as_of_date, help="ngày tính trạng thái, dạng YYYY-MM-DD (mặc định: hôm nay)")
    build_cmd.add_argument("--site", type=Path, default=Path("site"), help="thư mục kết quả (mặc định: site/)")
    build_cmd.add_argument("--timings", action="store_true", help="in thời gian của từng bước")
    build_cmd.add_argument("--site-url", help="địa chỉ nơi trang được phục vụ khi chạy thử (ví dụ http://127.0.0.1:8088/), "
                           "thay cho site_url: nút đăng ký lịch, địa chỉ lịch và mã QR trỏ về đó")
    build_cmd.add_argument("--feeds-dir", type=Path,
                           help="ghi thêm riêng các tệp lịch (.ics) vào thư mục này, để đặt trên máy chủ Internet")
    add_publish(commands)
    deploy.add(commands)
    serve_cmd = commands.add_parser("serve", help="xem trước, tự dựng lại khi data/ hoặc content/ thay đổi")
    serve_cmd.add_argument("--as-of", type=as_of_date, help="ngày tính trạng thái, dạng YYYY-MM-DD (mặc định: hôm nay)")
    serve_cmd.add_argument("--port", type=int, default=8000, help="cổng xem trước trên 127.0.0.1")
    schema_cmd = commands.add_parser("schema", help="ghi JSON Schema của từng tệp dữ liệu")
    schema_cmd.add_argument("--out", type=Path, default=Path("schema"), help="thư mục ghi (mặc định: schema/)")
    synth_cmd = commands.add_parser("synth", help="tạo dữ liệu tổng hợp (hợp lệ) của một tỉnh cỡ bất kỳ")
    synth_cmd.add_argument("--members", type=int, default=150, help="số đồng chí")
    synth_cmd.add_argument("--cells", type=int, default=15000, help="số chi bộ")
    synth_cmd.add_argument("--records", type=int, help="số bản ghi (mặc định: 66 cho mỗi đồng chí)")
    synth_cmd.add_argument("--seed", type=int, default=1, help="cùng seed, cùng dữ liệu")
    synth_cmd.add_argument("--as-of", type=as_of_date, help="ngày hiện tại của dữ liệu (mặc định: hôm nay)")
    synth_cmd.add_argument("out", type=Path, help="thư mục ghi dữ liệu")
    add_workbook_commands(commands)
    mail_cmd = commands.add_parser("mail", help="gửi thư nhắc việc trong tuần cho từng đồng chí, cấp ủy, Ban Tổ chức "
                                               "và Văn phòng Tỉnh ủy qua máy chủ thư trong cài đặt")
    mail_cmd.add_argument("--as-of", type=as_of_date, help="ngày tính việc cần làm, dạng YYYY-MM-DD (mặc định: hôm nay)")
    mail_cmd.add_argument("--dry-run", type=Path, metavar="DIR",
                          help="chỉ ghi từng thư thành tệp .eml vào thư mục DIR, không gửi gì")
    return found


def mail_command(args, province) -> int:
    """This week's letters: written to files (`--dry-run`) or sent, once a week, with a summary line."""
    zone = ZoneInfo(province.settings.timezone)
    as_of = args.as_of or today(province.settings.timezone)
    if args.dry_run is not None:   # the files are the same whenever they are written: dated at 07:00 of the day
        return mail.run(province, as_of, lambda: datetime.combine(as_of, time(7, 0), zone), args.root, args.dry_run,
                        os.environ)
    return mail.run(province, as_of, lambda: datetime.now(zone).replace(microsecond=0), args.root, None, os.environ)


def schema_command(args) -> int:
    for name in schema.write_all(args.out):
        print(name)
    return 0


def synth_command(args) -> int:
    files = synth.synthesize(args.members, args.cells, args.seed, args.as_of or today(DEFAULT_TIMEZONE),
                             args.records)
    synth.write(files, args.out)
    print(f"Đã ghi dữ liệu tổng hợp vào {args.out}: "
          + ", ".join(f"{len(v)} {k}" for k, v in files.items() if isinstance(v, list)))
    return 0


def add_workbook_commands(commands) -> None:
    workbook_cmd = commands.add_parser("workbook", help="sổ Excel: xuất các bản ghi ra sổ, nhập sổ đã điền vào data/")
    actions = workbook_cmd.add_subparsers(dest="action", required=True)
    export_cmd = actions.add_parser("export", help="ghi các bản ghi (dự sinh hoạt, lịch dự, báo cáo, vấn đề) ra sổ .xlsx")
    export_cmd.add_argument("out", type=Path, help="tệp .xlsx cần ghi")
    export_cmd.add_argument("--as-of", type=as_of_date, help="ngày ghi trên sổ và các kỳ báo cáo (mặc định: hôm nay)")
    import_cmd = actions.add_parser("import", help="kiểm tra sổ đã điền rồi ghi vào data/")
    import_cmd.add_argument("workbook", type=Path, help="tệp .xlsx đã điền")
    import_cmd.add_argument("--as-of", type=as_of_date,
                            help="ngày tính bản ghi có được tính hay không (mặc định: hôm nay)")
    import_cmd.add_argument("--dry-run", action="store_true", help="chỉ in những gì sẽ thay đổi, không ghi gì")


def workbook_command(args) -> int:
    from .workbook import importer  # only this command needs openpyxl and ruamel.yaml loaded

    as_of = lambda timezone: args.as_of or today(timezone)  # noqa: E731
    if args.action == "export":
        return importer.export_workbook(args.data, args.out, as_of)
    return importer.import_workbook(args.data, args.workbook, as_of, args.dry_run)


def add_publish(commands) -> None:
    cmd = commands.add_parser("publish", help="dựng trang tính đến hôm nay rồi thay trang đang phục vụ trong DEST "
                                              "trong một bước (DEST/current), giữ bản trước")
    cmd.add_argument("dest", type=Path, help="thư mục triển khai; máy chủ web phục vụ DEST/current")
    cmd.add_argument("--rollback", action="store_true", help="quay lại bản trước (không dựng)")
    cmd.add_argument("--feeds-dir", type=Path,
                     help="ghi thêm riêng các tệp lịch (.ics) vào thư mục này, để đặt trên máy chủ Internet")
    cmd.add_argument("--as-of", type=as_of_date, help="ngày tính trạng thái, dạng YYYY-MM-DD (mặc định: hôm nay)")


def feed_secret() -> str | None:
    """The secret behind the feeds' addresses, from FEED_SECRET; the development one, loudly, without it."""
    secret = os.environ.get("FEED_SECRET", "")
    if not secret:
        print("CẢNH BÁO: chưa đặt biến môi trường FEED_SECRET. Địa chỉ các lịch (iCal) được tạo từ khóa dùng "
              "khi phát triển, ai cũng đoán được: KHÔNG đưa bản dựng này cho người dùng thật.", file=sys.stderr)
        return tokens.DEVELOPMENT_SECRET
    if len(secret) < tokens.MINIMUM_SECRET:
        print(f"FEED_SECRET quá ngắn ({len(secret)} ký tự): cần ít nhất {tokens.MINIMUM_SECRET} ký tự ngẫu nhiên, "
              "ví dụ tạo bằng: python3 -c \"import secrets; print(secrets.token_urlsafe(32))\"", file=sys.stderr)
        return None
    return secret


def warn(data_dir: Path, province, as_of: date) -> None:
    """Records that no obligation can count, printed after the check; they do not stop the build."""
    tree = Tree(province)
    problems.warn(data_dir, compliance.record_warnings(province, evaluate(province, as_of, tree), tree))


def today(timezone: str) -> date:
    """Today in the province: the one place the clock is read."""
    return datetime.now(ZoneInfo(timezone)).date()


def as_of_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” không phải ngày dạng YYYY-MM-DD") from None


def summary(province) -> str:
    tree = Tree(province)
    residential = sum(1 for c in province.cells.values() if c.residential)
    btv = sum(1 for m in province.members.values() if any(r.role == "btv" for r in m.roles))
    rows = [
        ("Đảng bộ", len(province.organizations), f"{len(tree.roots)} trực thuộc Tỉnh ủy"),
        ("Chi bộ", len(province.cells), f"{residential} chi bộ khu dân cư"),
        ("Khu dân cư", len(province.areas), ""),
        ("Đồng chí", len(province.members), f"{btv} từng là Ủy viên BTV"),
        ("Phân công", len(province.assignments), ""),
        ("Lần dự sinh hoạt", len(province.attendance), ""),
        ("Lịch dự đã bố trí", len(province.visits), ""),
        ("Báo cáo đã gửi", len(province.reports), ""),
        ("Vấn đề bức xúc", len(province.grievances), ""),
    ]
    lines = [f"Dữ liệu hợp lệ: {province.settings.province}"]
    lines += [f"  {label:<18} {count:>6}  {note}".rstrip() for label, count, note in rows]
    return "\n".join(lines)
