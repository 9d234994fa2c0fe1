"""The model made from records that passed every check (see `data.py`)."""

from __future__ import annotations

from .. import model
from .fields import Rec
from .schema import WEEKDAYS

WEEKDAY_NUMBERS = {name: number for number, name in enumerate(WEEKDAYS)}


def province(settings: Rec, recs: dict[str, list[Rec]], places: dict[str, dict], cells: dict[str, Rec]) -> model.Province:
    s = settings
    return model.Province(
        settings=model.Settings(
            province=s["province"], sample_data=s["sample_data"], timezone=s["timezone"],
            effective_date=s["effective_date"], site_url=s["site_url"],
            feed_horizon_months=s["feed_horizon_months"], feed_reminder_days=s["feed_reminder_days"],
            feed_url=s.get("feed_url"), feed_attendance_reminder_days=s["feed_attendance_reminder_days"],
            regulation_number=s.get("regulation_number"), regulation_signed=s.get("regulation_signed"),
            regulation_signer=s.get("regulation_signer"), mail=model.Mail(**s.get("mail", {})),
        ),
        organizations=table(recs["organizations"], lambda r: model.Organization(
            r["id"], r["name"], r["kind"], r.get("parent"), r.get("email"), r["mail"])),
        areas=places["areas"],
        cells=places["cells"],
        members=table(recs["members"], lambda r: member(r, cells)),
        assignments=table(recs["assignments"], lambda r: model.Assignment(
            r["id"], r["member"], r["organization"], r["kind"], r["from"], r.get("to"),
            tuple(r.get("host_cells", ())))),
        attendance=table(recs["attendance"], lambda r: model.Attendance(
            r["id"], r["member"], r.get("cell"), r.get("area"), r["date"], r.get("time"),
            r.get("quality"), r.get("situation"), r.get("difficulties"), r.get("solutions"))),
        visits=table(recs["visits"], lambda r: model.Visit(
            r["id"], r["member"], r.get("cell"), r.get("area"), r["date"], r.get("time"), r["status"],
            r.get("arranged_by"), r.get("note"))),
        reports=table(recs["reports"], lambda r: model.Report(
            r["id"], r["member"], r["period"], r["submitted"], r.get("note"))),
        grievances=table(recs["grievances"], lambda r: model.Grievance(
            r["id"], r["member"], r["attendance"], r["summary"], r["authority"], r["notified"],
            r.get("vptu_notified"), r["status"], r.get("resolution"), r.get("resolved"))),
    )


def table(recs: list[Rec], make) -> dict:
    return {rec["id"]: make(rec) for rec in recs}


def member(r: Rec, cells: dict[str, Rec]) -> model.Member:
    residence = r["residence"]
    cell = residence.get("cell")
    area = residence.get("area") or (cells[cell].get("area") if cell else None)
    roles = tuple(model.Role(x["role"], x["from"], x.get("to")) for x in r["roles"])
    return model.Member(r["id"], r["name"], r.get("title"), roles, cell, area, r["feed_rotation"], r.get("email"),
                        r["mail"])


def area(r: Rec) -> model.Area:
    return model.Area(r["id"], r["name"], r["organization"], r.get("location"), schedule_of(r["schedule"]),
                      changes_of(r))


def cell(r: Rec) -> model.Cell:
    return model.Cell(r["id"], r["name"], r["organization"], r.get("location"), schedule_of(r["schedule"]),
                      changes_of(r), r["residential"], r.get("area"))


def schedule_of(rec: Rec) -> model.Schedule:
    return model.Schedule(
        time=rec["time"], duration=rec["duration"], day=rec.get("day"),
        weekday=WEEKDAY_NUMBERS.get(rec.get("weekday")), week=rec.get("week"),
        months=tuple(sorted(rec.get("months", ()))), start=rec.get("from"), until=rec.get("until"),
    )


def changes_of(rec: Rec) -> tuple[model.Change, ...]:
    return tuple(
        model.Change(c["date"], c.get("cancelled", False), c.get("moved_to"), c.get("time"), c.get("reason"))
        for c in rec.get("exceptions", ())
    )
