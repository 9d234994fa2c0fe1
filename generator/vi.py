"""Vietnamese wording shared by every output: dates, weekdays, labels of codes."""

from __future__ import annotations

from datetime import date, datetime, time

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

ROLES = {"bch": "Ủy viên BCH Đảng bộ tỉnh", "btv": "Ủy viên BTV Tỉnh ủy"}
ROLES_SHORT = {"bch": "Ủy viên BCH", "btv": "Ủy viên BTV"}
ASSIGNMENT_KINDS = {"phu-trach": "Phụ trách", "theo-doi": "Theo dõi"}
STATUSES = {
    "met": "Đã thực hiện",
    "late": "Nộp muộn",
    "planned": "Đã có lịch",
    "due": "Chưa thực hiện",
    "missed": "Không thực hiện",
    "not-applicable": "Không áp dụng",
}
VISIT_STATUSES = {"proposed": "Đề xuất", "confirmed": "Đã xác nhận", "cancelled": "Đã hủy"}
GRIEVANCE_STATUSES = {"open": "Chưa giải quyết", "in-progress": "Đang giải quyết", "resolved": "Đã giải quyết"}


def day(value: date | None) -> str:
    """05/02/2026"""
    return "" if value is None else f"{value.day:02d}/{value.month:02d}/{value.year}"


def clock(value: time) -> str:
    """19:30"""
    return f"{value.hour:02d}:{value.minute:02d}"


def weekday(value: date) -> str:
    return WEEKDAYS[value.weekday()]


def day_long(value: date) -> str:
    """Thứ Năm, 05/02/2026"""
    return f"{weekday(value)}, {day(value)}"


def moment(value: datetime) -> str:
    """19:30 Thứ Năm, 05/02/2026"""
    return f"{clock(value.time())} {day_long(value.date())}"


def span(start: date, end: date | None) -> str:
    return f"từ {day(start)}" + (f" đến {day(end)}" if end else "")
