"""The feeds as iCalendar: standard (RFC 5545, RFC 7986), read alike by clients, stable byte for byte."""

import re
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from icalendar.parser import Contentline

from generator.feeds import ics
from generator.feeds.revisions import revise
from generator.load.data import load
from generator.model import Assignment, Change, Schedule, Visit

from ..support.builders import CELLS, assign, bch, btv, cell, feeds_as_of, province, report, visit
from ..support.calendars import expected_occurrences, icalendar_problems, icaljs_occurrences, python_occurrences
from ..support.project import ROOT

AS_OF = date(2026, 11, 25)
GOLDEN = ROOT / "tests" / "golden"
GOLDEN_MEMBERS = ("ly-duc-kien", "pham-thanh-thang", "dinh-cong-hung")


def render(p, as_of: date, folder: Path) -> dict[tuple, tuple]:
    """Every feed of the province, written to `folder`: identity → (feed, path, bytes)."""
    made = feeds_as_of(p, as_of)
    ledger = revise({}, (e for f in made for e in f.events), as_of)
    folder.mkdir(parents=True, exist_ok=True)
    result = {}
    for feed in made:
        content = ics.render(feed, ledger, p.settings)
        path = folder / ("-".join(feed.identity[:2]) + ".ics")
        path.write_bytes(content)
        result[feed.identity[:2]] = (feed, path, content)
    return result


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    p = load(ROOT / "data")
    return p, render(p, AS_OF, tmp_path_factory.mktemp("sample"))


# -- a province whose meetings exercise every kind of schedule and exception, over 24 months

CHANGES = {
    "cb-to-1": (Change(date(2025, 12, 5), False, date(2026, 1, 2), None, "dời vào đầu năm"),
                Change(date(2026, 2, 5), False, date(2026, 2, 12), None, "Tết"),
                Change(date(2026, 9, 5), False, None, time(20, 0), "khai giảng"),
                Change(date(2027, 5, 5), True, None, None, "nghỉ lễ"),
                Change(date(2027, 12, 5), False, date(2028, 1, 5), None, "sang năm sau")),
    "cb-thon-1": (Change(date(2026, 5, 2), True, None, None, None),
                  Change(date(2027, 2, 6), False, date(2027, 2, 13), time(19, 0), None)),
    "cb-thon-2": (Change(date(2026, 1, 31), False, date(2026, 2, 3), time(19, 30), None),),
}
FIRST_SATURDAY = Schedule(time(19, 30), 120, weekday=5, week=1)
LAST_DAY = Schedule(time(19, 0), 90, day=-1)


def varied():
    cells = [cell("cb-to-1", "phuong-1", area="to-1", changes=CHANGES["cb-to-1"]), CELLS[1],
             cell("cb-thon-1", "xa-a1", schedule=FIRST_SATURDAY, changes=CHANGES["cb-thon-1"]),
             cell("cb-thon-2", "xa-a1", schedule=LAST_DAY, changes=CHANGES["cb-thon-2"]), *CELLS[4:]]
    visits = [visit("an", "cb-thon-1", date(2026, 3, 7)),                       # an occurrence of a host cell
              Visit("lich-ca", "an", "cb-ca-1", None, date(2026, 4, 9), time(8, 0), "confirmed", None, None)]
    p = province([btv("an"), bch("hai", home="cb-thon-2", area=None)],
                 [Assignment("pc-an", "an", "huyen-a", "phu-trach", date(2025, 10, 15), None,
                             ("cb-thon-1", "cb-thon-2")),
                  assign("hai", "xa-a1", "theo-doi")],
                 visits=visits, cells=cells, reports=[report("an", "2026-H1", date(2026, 6, 1))])
    return replace(p, settings=replace(p.settings, feed_horizon_months=24))


def test_over_24_months_clients_expand_exactly_the_generators_meetings(tmp_path, icaljs):
    p = varied()
    first, last = date(2026, 1, 1), date(2028, 1, 1)
    rendered = render(p, first, tmp_path)
    read = icaljs([path for _, path, _ in rendered.values()], first, last)
    for feed, path, content in rendered.values():
        expected = expected_occurrences(feed, p, first, last)
        assert python_occurrences(content, first, last) == expected, feed.identity
        assert read[str(path)]["problems"] == []
        assert icaljs_occurrences(read[str(path)]) == expected, feed.identity
    member = rendered[("thanh-vien", "an")][2].decode()
    assert "RECURRENCE-ID;TZID=Asia/Ho_Chi_Minh:20251205T193000" in member  # moved into the window
    assert "RRULE:FREQ=MONTHLY;UNTIL=20280101T123000Z;BYDAY=1SA" in member   # 1 January 2028 is a Saturday
    assert "EXDATE;TZID=Asia/Ho_Chi_Minh:20260502T193000" in member


def test_every_sample_feed_is_read_without_problems_by_icalendar_and_icaljs(sample, icaljs):
    p, rendered = sample
    first, last = date(2026, 1, 1), date(2027, 11, 25)
    read = icaljs([path for _, path, _ in rendered.values()], first, last)
    for feed, path, content in rendered.values():
        assert icalendar_problems(content) == [], path.name
        assert read[str(path)]["problems"] == [], path.name
        assert icaljs_occurrences(read[str(path)]) == expected_occurrences(feed, p, first, last), path.name
    assert len(rendered) == len(p.members) + len(p.organizations) + 1


def lines(content: bytes) -> list[str]:
    return re.sub(r"\r\n[ \t]", "", content.decode()).split("\r\n")


def test_every_time_is_local_to_the_named_zone_whose_vtimezone_the_feed_carries(sample):
    for _, path, content in sample[1].values():
        unfolded = lines(content)
        assert unfolded.count("BEGIN:VTIMEZONE") == 1 and "TZID:Asia/Ho_Chi_Minh" in unfolded
        for line in unfolded:
            if re.match(r"(DTSTART|DTEND|RECURRENCE-ID|EXDATE)[;:]", line) and "VALUE=DATE:" not in line:
                if line.startswith("DTSTART:") and unfolded[unfolded.index(line) - 1] == "BEGIN:STANDARD":
                    continue  # the VTIMEZONE's own onset is local by definition
                local = r"[A-Z-]+;TZID=Asia/Ho_Chi_Minh:\d{8}T\d{6}(,\d{8}T\d{6})*"
                assert re.fullmatch(local, line), (path.name, line)


def test_all_day_events_are_dates_that_end_the_next_day_and_leave_time_free(sample):
    p, rendered = sample
    calendar = Calendar.from_ical(rendered[("thanh-vien", "ly-duc-kien")][2])
    days = [e for e in calendar.walk("VEVENT") if not isinstance(e.DTSTART, datetime)]
    assert days
    for e in days:
        assert (e.DTEND - e.DTSTART).days == 1 and e["TRANSP"] == "TRANSPARENT"
        assert "VALUE=DATE" in e.to_ical().decode()


def test_the_feed_names_itself_and_its_refresh_and_is_published_not_sent(sample):
    content = sample[1][("thanh-vien", "ly-duc-kien")][2].decode()
    assert "\r\nNAME:Lịch dự sinh hoạt – Lý Đức Kiên\r\n" in content
    assert "\r\nX-WR-CALNAME:Lịch dự sinh hoạt – Lý Đức Kiên\r\n" in content
    assert "\r\nDESCRIPTION:DỮ LIỆU MẪU" in content and "\r\nX-WR-CALDESC:" in content
    assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in content
    assert "\r\nX-PUBLISHED-TTL:PT12H\r\n" in content
    for _, _, other in sample[1].values():
        assert not re.search(rb"\r\n(METHOD|RDATE)[;:]", other)


def test_lines_are_folded_at_75_octets_and_end_with_crlf(sample):
    for _, _, content in sample[1].values():
        assert content.endswith(b"END:VCALENDAR\r\n")
        assert b"\n" not in content.replace(b"\r\n", b"")
        assert max(len(line) for line in content.split(b"\r\n")) <= 75


def test_an_open_deadline_has_one_reminder_the_settings_lead_before(tmp_path):
    """A report deadline reminds `feed_reminder_days` before; an attendance duty not yet met
    `feed_attendance_reminder_days` before its period ends (time to attend a monthly meeting)."""
    p = province([btv("an")], [assign("an", "huyen-a", "phu-trach")])
    p = replace(p, settings=replace(p.settings, feed_reminder_days=3, feed_attendance_reminder_days=30))
    calendar = Calendar.from_ical(render(p, AS_OF, tmp_path)[("thanh-vien", "an")][2])
    reminded = {str(e["UID"]): e.walk("VALARM") for e in calendar.walk("VEVENT") if e.walk("VALARM")}
    assert set(reminded) == {"nghia-vu.an.a.2026-H2@example.test", "nghia-vu.an.b.2026-H2@example.test",
                             "nghia-vu.an.r1.2026-H2@example.test", "nghia-vu.an.a.2027-H1@example.test",
                             "nghia-vu.an.b.2027-H1@example.test", "nghia-vu.an.r1.2027-H1@example.test"}
    for uid, alarms in reminded.items():
        [alarm] = alarms
        lead = "-P3D" if ".r1." in uid else "-P30D"
        assert alarm.to_ical().decode().count(f"TRIGGER:{lead}") == 1 and alarm["ACTION"] == "DISPLAY"


TRICKY = 'Ông "An", bà Ba; đường 3\\4 – phường 1\nlối vào phía sau'


def tricky_province():
    p = province([btv("an"), bch("hai")], [assign("an", "huyen-a", "phu-trach"), assign("hai", "xa-a1", "theo-doi")],
                 visits=[Visit("lich-1", "an", "cb-thon-2", None, date(2026, 12, 5), None, "confirmed",
                               "Huyện ủy A; Ban Tổ chức, văn phòng", TRICKY)])
    home = replace(p.cells["cb-to-1"], name="Chi bộ 1, 2; 3\\4", location=TRICKY)
    return replace(p, cells={**p.cells, "cb-to-1": home},
                   members={**p.members, "an": replace(p.members["an"], name="Nguyễn Văn An, Jr.; \\ A")})


def test_text_with_commas_semicolons_backslashes_and_newlines_reads_back_exactly(tmp_path, icaljs):
    rendered = render(tricky_province(), AS_OF, tmp_path)
    read = icaljs([path for _, path, _ in rendered.values()], AS_OF, AS_OF)
    for feed, path, content in rendered.values():
        expected = sorted((e.uid, e.summary, e.description or None, e.location) for e in feed.events)
        parsed = Calendar.from_ical(content).walk("VEVENT")
        assert sorted((str(e["UID"]), str(e["SUMMARY"]), str(e["DESCRIPTION"]) if "DESCRIPTION" in e else None,
                       str(e["LOCATION"]) if "LOCATION" in e else None) for e in parsed) == expected
        assert sorted((e["uid"], e["summary"], e["description"], e["location"])
                      for e in read[str(path)]["events"]) == expected
    assert TRICKY in rendered[("thanh-vien", "an")][2].decode().replace("\r\n ", "").replace("\\n", "\n").replace(
        "\\,", ",").replace("\\;", ";").replace("\\\\", "\\")


def test_a_line_break_in_a_name_never_becomes_a_property(tmp_path):
    p = province([btv("an")], [assign("an", "huyen-a", "phu-trach")])
    p = replace(p, members={"an": replace(p.members["an"], name="An\r\nATTENDEE:mailto:x@example.test\nX-EVIL:1")})
    content = render(p, AS_OF, tmp_path)[("thanh-vien", "an")][2]
    assert not re.search(rb"\r\n(ATTENDEE|X-EVIL)", content)
    assert icalendar_problems(content) == []
    names = [str(e["SUMMARY"]) for e in Calendar.from_ical(content).walk("VEVENT")
             if str(e["UID"]).startswith("nghia-vu.an.a")]
    assert names and all(n.endswith("– An\nATTENDEE:mailto:x@example.test\nX-EVIL:1") for n in names)


def test_the_golden_feeds_of_three_sample_members_are_unchanged(sample, update_golden):
    """Refresh after a deliberate change with `make golden`, then read the diff."""
    for member in GOLDEN_MEMBERS:
        content = sample[1][("thanh-vien", member)][2]
        golden = GOLDEN / f"{member}.ics"
        if update_golden:
            GOLDEN.mkdir(exist_ok=True)
            golden.write_bytes(content)
        assert content == golden.read_bytes(), f"{member}: run `make golden` if the change is intended"


HASHED = """
import hashlib, sys
from datetime import date
from pathlib import Path
from generator.exports import api
from generator.feeds import ics
from generator.feeds.contents import feeds, horizon
from generator.load.data import load
from generator.feeds.revisions import revise
from generator.model.tree import Tree
from generator.rules.obligations import evaluate
p = load(Path(sys.argv[1]))
tree = Tree(p)
made = feeds(p, tree, evaluate(p, date(2026, 11, 25), tree, until=horizon(date(2026, 11, 25), 12)[1]))
ledger = revise({}, (e for f in made for e in f.events), date(2026, 11, 25))
digest = hashlib.sha256()
for f in made:
    digest.update(ics.render(f, ledger, p.settings))
    if f.identity[0] == "thanh-vien":
        digest.update(api.feed(f, ledger, date(2026, 11, 25), 7).encode())
print(digest.hexdigest())
"""


def test_the_same_data_and_date_give_the_same_bytes_whatever_the_hash_seed():
    digests = {subprocess.run([sys.executable, "-c", HASHED, str(ROOT / "data")], cwd=ROOT, capture_output=True,
                              text=True, check=True, env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
               for seed in ("1", "2")}
    assert len(digests) == 1 and len(digests.pop()) == 65


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab\\^;,: ễĐ😀\u00a0")), min_size=0, max_size=300))
def test_our_folding_gives_the_bytes_of_icalendars(text):
    line = Contentline(f"DESCRIPTION:{text}")
    assert ics.fold(line) == line.to_ical()


def icalendar_vevent(event, revision, tzid: str, reminder_days: int) -> bytes:
    """The same VEVENT built with icalendar's object model: what `ics.vevent` must write."""
    from datetime import UTC, timedelta
    from zoneinfo import ZoneInfo

    from icalendar import Alarm, vText, vUri
    from icalendar import Event as VEvent

    stamp = datetime.combine(revision.modified, time(0), ZoneInfo(tzid)).astimezone(UTC)
    item = VEvent()
    for name, value in (("uid", vText(event.uid)), ("dtstamp", stamp), ("last-modified", stamp),
                        ("sequence", revision.sequence), ("dtstart", event.start), ("dtend", event.end)):
        item.add(name, value)
    if event.recurrence_id:
        item.add("recurrence-id", event.recurrence_id)
    if event.rule:
        item.add("rrule", event.rule)
    if event.exdates:
        item.add("exdate", list(event.exdates))
    item.add("summary", vText(event.summary))
    if event.description:
        item.add("description", vText(event.description))
    if event.location:
        item.add("location", vText(event.location))
    if event.url:
        item.add("url", vUri(event.url))
    item.add("status", "TENTATIVE" if event.tentative else "CONFIRMED")
    if event.all_day:
        item.add("transp", "TRANSPARENT")
    if event.reminder:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -timedelta(days=reminder_days))
        alarm.add("description", vText(event.summary))
        item.add_component(alarm)
    return item.to_ical()


TEXTS = st.text(alphabet=st.sampled_from(list("ab ;,\\\n\r:\"ễĐ😀^")), max_size=120)


@settings(max_examples=200, deadline=None)
@given(summary=TEXTS, description=TEXTS, location=st.none() | TEXTS, days=st.integers(0, 60),
       all_day=st.booleans(), moved=st.booleans(), reminder=st.booleans(), tentative=st.booleans(),
       sequence=st.integers(0, 5))
def test_our_vevent_writes_the_bytes_icalendar_writes(summary, description, location, days, all_day, moved,
                                                     reminder, tentative, sequence):
    from datetime import UTC
    from zoneinfo import ZoneInfo

    from generator.feeds.events import Event
    from generator.feeds.revisions import Revision

    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    start = date(2026, 3, 5) if all_day else datetime(2026, 3, 5, 19, 30, tzinfo=tz)
    end = date(2026, 3, 6) if all_day else datetime(2026, 3, 5, 21, 30, tzinfo=tz)
    rule = None if all_day or moved else {"FREQ": "MONTHLY", "BYMONTH": [3, 6], "BYDAY": "1SA",
                                          "UNTIL": datetime(2027, 1, 1, 12, 30, tzinfo=UTC)}
    event = Event("chi-bo.x@example.test", summary or "x", start, end, "t", description, location,
                  "https://example.test/a.html", datetime(2026, 3, 1, 19, 30, tzinfo=tz) if moved and not all_day
                  else None, rule, (datetime(2026, 6, 6, 19, 30, tzinfo=tz),) if rule else (), tentative, reminder)
    revision = Revision("t", sequence, date(2026, 11, 25))
    assert ics.vevent(event, revision, "Asia/Ho_Chi_Minh", days) == icalendar_vevent(event, revision,
                                                                                      "Asia/Ho_Chi_Minh", days)
