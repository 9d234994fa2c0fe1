"""The shape of every data file: what the Organization Board's staff write in `data/`.

Each file is described once here; `load.py` reads the files with these
descriptions and `sinh-hoat schema` turns them into JSON Schema.
"""

from __future__ import annotations

import json
from pathlib import Path

from .fields import Bool, Date, Email, Enum, Id, Int, OneOf, Ref, Text, Time, Url
from .shapes import Field, List, Object

ORG_KINDS = {
    "thanh-pho": "thành phố",
    "thi-xa": "thị xã",
    "huyen": "huyện",
    "xa": "xã",
    "phuong": "phường",
    "thi-tran": "thị trấn",
    "dac-khu": "đặc khu",
    "co-quan-dang": "đảng bộ các cơ quan Đảng tỉnh",
    "ubnd": "đảng bộ Ủy ban nhân dân tỉnh",
    "khoi": "đảng bộ khối các cơ quan và doanh nghiệp",
    "cong-an": "đảng bộ công an",
    "quan-su": "đảng bộ quân sự",
    "co-so": "đảng bộ cơ sở trong cơ quan, doanh nghiệp, đơn vị",
}
NO_RESIDENTIAL_KINDS = ("co-quan-dang", "ubnd", "khoi", "cong-an", "quan-su")

WEEKDAYS = {
    "monday": "thứ Hai", "tuesday": "thứ Ba", "wednesday": "thứ Tư", "thursday": "thứ Năm",
    "friday": "thứ Sáu", "saturday": "thứ Bảy", "sunday": "Chủ nhật",
}
LAST = -1
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"   # the province's time zone when settings.yml names none: written only here


def text(name, doc, required=False, **kw):
    return Field(name, Text(**kw), doc, required)


def notes(name, doc, required=False):
    return Field(name, Text(max_length=4000, multiline=True), doc, required)


def ident(doc):
    return Field("id", Id(), doc, required=True)


def ref(name, target, doc, required=False):
    return Field(name, Ref(target=target), doc, required)


def day(name, doc, required=False):
    return Field(name, Date(), doc, required)


SCHEDULE = Object(
    [
        Field("day", OneOf(Int(1, 28), {"last": LAST},
                           hint=" (ngày cuối tháng). Ngày 29, 30, 31 không có trong mọi tháng: dùng “last”"),
              "họp vào ngày này của tháng (1–28) hoặc “last”: ngày cuối tháng"),
        Field("weekday", Enum(choices=WEEKDAYS), "họp vào thứ này trong tuần; đi cùng “week”"),
        Field("week", OneOf(Int(1, 4), {"last": LAST},
                            hint=" (tuần cuối). Tuần thứ 5 không có trong mọi tháng: dùng “last”"),
              "tuần thứ mấy của tháng (1–4) hoặc “last”: ví dụ week: 1, weekday: saturday là thứ Bảy đầu tiên"),
        Field("time", Time(), "giờ bắt đầu, dạng HH:MM", required=True),
        Field("duration", Int(15, 600), "thời lượng (phút); mặc định 120", default=120),
        Field("months", List(Int(1, 12), min_items=1, unique=True),
              "chỉ họp trong các tháng này (1–12); bỏ trống là họp hằng tháng"),
        day("from", "lịch bắt đầu áp dụng từ ngày này"),
        day("until", "lịch áp dụng đến hết ngày này"),
    ],
    doc="lịch họp định kỳ: hoặc “day”, hoặc “weekday” cùng “week”",
    one_of=("day", "weekday"),
    together=("weekday", "week"),
)

EXCEPTION = Object(
    [
        day("date", "ngày họp theo lịch bị thay đổi", required=True),
        Field("cancelled", Bool(), "true nếu cuộc họp ngày này bị hủy"),
        day("moved_to", "cuộc họp được dời sang ngày này"),
        Field("time", Time(), "giờ mới của cuộc họp (nếu đổi giờ)"),
        text("reason", "lý do (ví dụ: nghỉ Tết)"),
    ],
    doc="một thay đổi của lịch: hủy (cancelled: true) hoặc dời (moved_to và/hoặc time)",
)


def exceptions_field():
    return Field("exceptions", List(EXCEPTION), "các cuộc họp bị dời hoặc hủy")


MAIL = Object(
    [
        text("host", "máy chủ thư (SMTP) của Tỉnh ủy trên mạng nội bộ, ví dụ mail.tinhuy.example; bỏ trống là "
             "chưa gửi thư (lệnh mail --dry-run vẫn ghi thư ra tệp để xem)"),
        Field("port", Int(1, 65535), "cổng của máy chủ thư; mặc định 587"),
        Field("sender", Email(), "địa chỉ gửi thư, ví dụ bantochuc@tinhuy.example"),
        text("sender_name", "tên người gửi hiện trong hộp thư; mặc định “Ban Tổ chức Tỉnh ủy”"),
        Field("starttls", Bool(), "mã hóa kết nối (STARTTLS) trước khi đăng nhập và gửi; mặc định true. Chỉ "
              "đặt false với máy chủ thư trên chính máy này (localhost)"),
        text("ca_file", "tệp chứng chỉ (PEM) của cơ quan cấp chứng chỉ cho máy chủ thư nội bộ, nếu máy chủ "
             "không dùng chứng chỉ được hệ điều hành tin cậy, ví dụ /etc/sinh-hoat/mail-ca.pem", max_length=500),
        Field("board", Email(), "địa chỉ thư của Ban Tổ chức Tỉnh ủy: nhận thư tổng hợp hằng tuần; thư trả lời "
              "của người nhận cũng gửi về đây"),
        Field("office", Email(), "địa chỉ thư của Văn phòng Tỉnh ủy: nhận thư tổng hợp hằng tuần"),
        Field("nothing_due", Bool(), "true: người không còn việc gì cũng nhận một thư ngắn mỗi tuần; mặc định "
              "false (chỉ gửi khi có việc)"),
        Field("grievance_days", Int(1, 365), "vấn đề bức xúc chưa giải quyết quá số ngày này (tính từ ngày nêu) "
              "được nêu trong thư gửi Ban Tổ chức và Văn phòng; mặc định 30"),
    ],
    doc="thư nhắc việc gửi mỗi tuần qua máy chủ thư của Tỉnh ủy (lệnh mail); tên đăng nhập và mật khẩu máy "
        "chủ thư đặt trong biến môi trường MAIL_USER, MAIL_PASSWORD, không ghi ở đây",
)


def email_fields(whose: str) -> list[Field]:
    return [Field("email", Email(), f"địa chỉ thư điện tử {whose} để nhận thư nhắc việc hằng tuần"),
            Field("mail", Bool(), "false: không gửi thư nhắc hằng tuần (kể cả khi có địa chỉ); mặc định true",
                  default=True)]


SETTINGS = Object(
    [
        text("province", "tên tỉnh, ví dụ “Tỉnh Sơn Hà”", required=True),
        Field("sample_data", Bool(), "true nếu đây là dữ liệu mẫu (hư cấu): mọi trang sẽ ghi rõ điều đó",
              default=False),
        Field("timezone", Text(), f"múi giờ theo tên IANA; mặc định {DEFAULT_TIMEZONE}", default=DEFAULT_TIMEZONE),
        day("effective_date", "ngày bắt đầu tính việc thực hiện Quy định: ngày ký ban hành (Quy định có hiệu lực từ "
            "ngày ký), hoặc ngày Ban Tổ chức bắt đầu theo dõi trên trang nếu muộn hơn", required=True),
        Field("site_url", Url(), "địa chỉ gốc của trang, ví dụ https://tinhuy.example/sinh-hoat/", required=True),
        Field("feed_horizon_months", Int(1, 60), "lịch (iCal) hiển thị đến bao nhiêu tháng tới; mặc định 12",
              default=12),
        Field("feed_reminder_days", Int(0, 60),
              "lịch (iCal) nhắc trước mỗi hạn (hạn nghĩa vụ, hạn báo cáo) bao nhiêu ngày; mặc định 7", default=7),
        Field("feed_attendance_reminder_days", Int(0, 180),
              "lịch (iCal) nhắc việc dự sinh hoạt chưa thực hiện trước khi hết kỳ bao nhiêu ngày (đủ để dự một "
              "buổi họp hằng tháng); mặc định 30", default=30),
        text("regulation_number", "số của Quy định, ví dụ “25-QĐ/TU”; văn bản lưu trên trang không ghi số"),
        day("regulation_signed", "ngày ký ban hành Quy định; mặc định là effective_date (Quy định có hiệu lực từ "
            "ngày ký)"),
        text("regulation_signer", "họ tên đồng chí Bí thư Tỉnh ủy đã ký Quy định (T/M Ban Thường vụ)"),
        Field("feed_url", Url(), "địa chỉ gốc nơi đặt các tệp lịch (iCal) nếu khác trang, ví dụ máy chủ truy cập "
              "được từ Internet như https://lich.sonha.example/; mặc định là site_url và lich/"),
        Field("mail", MAIL, "thư nhắc việc hằng tuần"),
    ],
    doc="cài đặt chung của trang",
)

ORGANIZATION = Object(
    [
        ident("mã đảng bộ, ví dụ huyen-an-phu"),
        text("name", "tên đầy đủ, ví dụ “Đảng bộ huyện An Phú”", required=True),
        Field("kind", Enum(choices=ORG_KINDS), "loại đảng bộ", required=True),
        ref("parent", "organizations", "mã đảng bộ cấp trên; bỏ trống nếu trực thuộc Tỉnh ủy"),
        *email_fields("của cấp ủy (đảng bộ trực thuộc Tỉnh ủy, nơi bố trí lịch dự sinh hoạt)"),
    ],
    doc="một đảng bộ",
)

AREA = Object(
    [
        ident("mã khu dân cư"),
        text("name", "tên, ví dụ “Tổ dân phố 3”", required=True),
        ref("organization", "organizations", "mã đảng bộ xã, phường, thị trấn có khu dân cư này", required=True),
        text("location", "địa điểm họp"),
        Field("schedule", SCHEDULE, "lịch họp của khu dân cư", required=True),
        exceptions_field(),
    ],
    doc="một khu dân cư (thôn, bản, tổ dân phố) và lịch họp của nó",
)

CELL = Object(
    [
        ident("mã chi bộ"),
        text("name", "tên, ví dụ “Chi bộ Tổ dân phố 3”", required=True),
        ref("organization", "organizations", "mã đảng bộ trực tiếp quản lý chi bộ", required=True),
        Field("residential", Bool(), "true nếu là chi bộ khu dân cư", default=False),
        ref("area", "areas", "mã khu dân cư của chi bộ (chi bộ khu dân cư)"),
        text("location", "địa điểm họp"),
        Field("schedule", SCHEDULE, "lịch sinh hoạt định kỳ", required=True),
        exceptions_field(),
    ],
    doc="một chi bộ và lịch sinh hoạt của nó",
)

ROLE = Object(
    [
        Field("role", Enum(choices={"bch": "Ủy viên Ban Chấp hành Đảng bộ tỉnh",
                                    "btv": "Ủy viên Ban Thường vụ Tỉnh ủy"}), "vai trò", required=True),
        day("from", "từ ngày", required=True),
        day("to", "đến hết ngày (bỏ trống nếu còn đương nhiệm)"),
    ],
    doc="một vai trò trong một khoảng thời gian",
)

MEMBER = Object(
    [
        ident("mã đồng chí, ví dụ nguyen-van-an"),
        text("name", "họ và tên", required=True),
        text("title", "chức vụ, ví dụ “Bí thư Huyện ủy An Phú”"),
        Field("roles", List(ROLE, min_items=1), "các vai trò (BCH, BTV) với thời gian", required=True),
        Field("residence", Object(
            [ref("cell", "cells", "chi bộ khu dân cư nơi cư trú"),
             ref("area", "areas", "khu dân cư nơi cư trú")],
            doc="nơi cư trú: chi bộ khu dân cư và/hoặc khu dân cư",
            any_of=("cell", "area"),
        ), "nơi cư trú", required=True),
        Field("feed_rotation", Int(0, 1000),
              "số lần đã đổi địa chỉ lịch (iCal) riêng của đồng chí; tăng thêm 1 khi địa chỉ bị lộ: "
              "địa chỉ cũ ngừng hoạt động từ lần dựng trang sau; mặc định 0", default=0),
        *email_fields("của đồng chí"),
    ],
    doc="một đồng chí Ủy viên BTV hoặc Ủy viên BCH",
)

ASSIGNMENT = Object(
    [
        ident("mã phân công"),
        ref("member", "members", "mã đồng chí được phân công", required=True),
        ref("organization", "organizations", "mã đảng bộ được phân công", required=True),
        Field("kind", Enum(choices={"phu-trach": "phụ trách (Ủy viên BTV)", "theo-doi": "theo dõi (Ủy viên BCH)"}),
              "hình thức phân công", required=True),
        day("from", "từ ngày", required=True),
        day("to", "đến hết ngày (bỏ trống nếu còn hiệu lực)"),
        Field("host_cells", List(Ref(target="cells"), unique=True),
              "các chi bộ đảng bộ đề xuất để đồng chí dự sinh hoạt"),
    ],
    doc="phân công một đồng chí phụ trách hoặc theo dõi một đảng bộ",
)


def place_fields():
    return [ref("cell", "cells", "mã chi bộ"), ref("area", "areas", "mã khu dân cư")]


ATTENDANCE = Object(
    [
        ident("mã bản ghi"),
        ref("member", "members", "mã đồng chí", required=True),
        *place_fields(),
        day("date", "ngày dự sinh hoạt", required=True),
        Field("time", Time(), "giờ (nếu khác lịch)"),
        notes("quality", "chất lượng sinh hoạt cấp ủy, chi bộ"),
        notes("situation", "tình hình, tư tưởng của cán bộ, đảng viên, quần chúng nhân dân"),
        notes("difficulties", "khó khăn, bức xúc của nhân dân, vấn đề phức tạp nảy sinh ở cơ sở"),
        notes("solutions", "giải pháp đã tham gia, góp ý"),
    ],
    doc="một lần dự sinh hoạt chi bộ hoặc khu dân cư",
    one_of=("cell", "area"),
)

VISIT = Object(
    [
        ident("mã lịch dự"),
        ref("member", "members", "mã đồng chí", required=True),
        *place_fields(),
        day("date", "ngày dự kiến dự sinh hoạt", required=True),
        Field("time", Time(), "giờ (bỏ trống nếu theo lịch họp của chi bộ)"),
        Field("status", Enum(choices={"proposed": "đề xuất", "confirmed": "đã xác nhận", "cancelled": "đã hủy"}),
              "trạng thái; mặc định confirmed", default="confirmed"),
        text("arranged_by", "cấp ủy bố trí, ví dụ “Ban Thường vụ Huyện ủy An Phú”"),
        notes("note", "ghi chú"),
    ],
    doc="một lần dự sinh hoạt đã được bố trí (khoản 2 Điều 4)",
    one_of=("cell", "area"),
)

REPORT = Object(
    [
        ident("mã báo cáo"),
        ref("member", "members", "mã đồng chí", required=True),
        Field("period", Text(max_length=7), "kỳ báo cáo: 2026-Q1 … 2026-Q4 (quý) hoặc 2026-H1, 2026-H2 (6 tháng)",
              required=True),
        day("submitted", "ngày gửi báo cáo đến Ban Tổ chức Tỉnh ủy", required=True),
        notes("note", "ghi chú"),
    ],
    doc="một báo cáo kết quả dự sinh hoạt đã gửi (khoản 2 Điều 3)",
)

GRIEVANCE = Object(
    [
        ident("mã vụ việc"),
        ref("member", "members", "mã đồng chí nêu vụ việc", required=True),
        ref("attendance", "attendance", "mã buổi dự sinh hoạt nơi vấn đề được nêu", required=True),
        notes("summary", "nội dung vấn đề bức xúc", required=True),
        text("authority", "cơ quan có thẩm quyền được thông báo", required=True),
        day("notified", "ngày thông báo cơ quan có thẩm quyền", required=True),
        day("vptu_notified", "ngày gửi Văn phòng Tỉnh ủy"),
        Field("status", Enum(choices={"open": "chưa giải quyết", "in-progress": "đang giải quyết",
                                      "resolved": "đã giải quyết"}), "tình trạng", required=True),
        notes("resolution", "kết quả giải quyết"),
        day("resolved", "ngày giải quyết xong"),
    ],
    doc="một vấn đề bức xúc của nhân dân (khoản 1 Điều 3)",
)

FILES: dict[str, Object | List] = {
    "settings": SETTINGS,
    "organizations": List(ORGANIZATION, min_items=1),
    "areas": List(AREA),
    "cells": List(CELL, min_items=1),
    "members": List(MEMBER, min_items=1),
    "assignments": List(ASSIGNMENT),
    "attendance": List(ATTENDANCE),
    "visits": List(VISIT),
    "reports": List(REPORT),
    "grievances": List(GRIEVANCE),
}
OPTIONAL_FILES = ("areas", "attendance", "visits", "reports", "grievances")

TITLES = {
    "settings": "Cài đặt chung",
    "organizations": "Các đảng bộ",
    "areas": "Các khu dân cư",
    "cells": "Các chi bộ",
    "members": "Các đồng chí Ủy viên BCH, BTV",
    "assignments": "Phân công phụ trách, theo dõi",
    "attendance": "Các lần dự sinh hoạt",
    "visits": "Lịch dự sinh hoạt đã bố trí",
    "reports": "Báo cáo đã gửi",
    "grievances": "Vấn đề bức xúc của nhân dân",
}


def json_schema(name: str) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        "title": f"{TITLES[name]} ({name}.yml)",
        **FILES[name].json(),
    }


def write_all(folder: Path) -> list[str]:
    """Write `<name>.schema.json` for every data file; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILES:
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(str(path))
    return written
