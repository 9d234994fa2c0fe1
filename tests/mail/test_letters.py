"""What each letter says, read as its reader would: the small province of `support/files.py` as of 25/11/2026,
with addresses; what a letter must hold is derived from the rules, not written here."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from generator.mail import layout
from generator.model import vi
from generator.render.pages import Words
from generator.rules import chase
from generator.site.registry import Reader, may_read

from .conftest import DAY, letters, mail_data, site_of

CODES = re.compile(r"(?<![\w′])(A′|A|B|C|D|R1|R2′|R2)(?![\w′])")
VISIT = """
- id: lich-1
  member: btv-one
  cell: cb-thon-1
  date: 2026-12-05
"""
GRIEVANCE = {
    "attendance": """
        - id: dsh-1
          member: btv-one
          cell: cb-thon-1
          date: 2026-06-05
    """,
    "grievances": """
        - id: vv-1
          member: btv-one
          attendance: dsh-1
          summary: Đường liên thôn xuống cấp, mùa mưa đi lại khó khăn.
          authority: UBND xã A1
          notified: 2026-06-06
          status: open
    """,
}
PAST_MEMBER = """
- id: btv-one
  name: Nguyễn Văn Một
  roles:
    - {role: bch, from: 2025-10-01}
    - {role: btv, from: 2025-10-01}
  residence: {cell: cb-thon-2}
- id: bch-two
  name: Trần Thị Hai
  roles:
    - {role: bch, from: 2025-10-01}
  residence: {area: thon-1}
- id: bch-past
  name: Lê Văn Ba
  roles:
    - {role: bch, from: 2025-10-01, to: 2025-12-31}
  residence: {area: thon-1}
"""


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.links = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_data(self, data):
        self.parts.append(data)


def html_text(html: str) -> tuple[str, list[str]]:
    parser = Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split()), parser.links


def parts(a) -> tuple[str, str]:
    return layout.text(a.letter), layout.html(a.letter)


def test_a_members_letter_says_each_open_duty_with_its_deadline_days_left_and_clause_the_most_urgent_first(mail_dir):
    site = site_of(mail_dir)
    for member in ("btv-one", "bch-two"):
        duties = chase.open_duties(site.evaluation, member)
        plain, _ = parts(letters(mail_dir)[f"thanh-vien/{member}"])
        assert plain.count("\n   Hạn: ") == len(duties) > 0
        words = Words(site)
        for o in duties:
            assert f"{words.duty_title(o)}, {o.period.label}\n" in plain
            assert f"({vi.days_left(o.due, DAY)}), theo {vi.clause(o.rule.clause)}." in plain
        deadlines = [line for line in plain.splitlines() if line.startswith("   Hạn: ")]
        assert len(deadlines) == len(duties)


def test_the_subject_says_the_one_thing_most_urgent_and_how_many_more(tmp_path):
    reports = """
        - {id: bc-1, member: bch-two, period: 2026-Q1, submitted: 2026-03-20}
        - {id: bc-2, member: bch-two, period: 2026-Q2, submitted: 2026-06-20}
        - {id: bc-3, member: bch-two, period: 2026-Q3, submitted: 2026-09-20}
    """
    data = mail_data(tmp_path / "data", files={"reports": reports})
    site = site_of(data)
    duties = chase.open_duties(site.evaluation, "bch-two")
    subject = letters(data)["thanh-vien/bch-two"].letter.subject
    assert subject == f"Còn 29 ngày: báo cáo quý IV/2026 (và {len(duties) - 1} việc khác)"


def test_an_attendance_duty_shows_the_next_two_meetings_that_count_or_the_visit_arranged(tmp_path):
    data = mail_data(tmp_path / "data", files={"visits": VISIT})
    plain, _ = parts(letters(data)["thanh-vien/btv-one"])
    assert "Đã bố trí dự: 19:30 Thứ Bảy, 05/12/2026 tại Chi bộ Thôn 1 (Đảng bộ xã A1) (đã xác nhận)." in plain
    residence = plain[plain.index("Dự sinh hoạt chi bộ khu dân cư hoặc khu dân cư nơi cư trú"):]
    meetings = re.findall(r"\n   - (\d\d:\d\d Thứ \w+, \d\d/\d\d/\d{4}): Chi bộ Thôn 2", residence)
    assert meetings == ["19:30 Thứ Bảy, 05/12/2026"]   # the first Saturday: the only one left in the half
    assert "Các buổi sắp tới được tính:" in residence


def test_a_report_links_its_draft_and_every_link_is_a_page_its_reader_may_open_never_a_feed(tmp_path):
    data = mail_data(tmp_path / "data", files={"visits": VISIT, **GRIEVANCE})
    site_url = site_of(data).province.settings.site_url
    found = letters(data)
    assert {a.recipient.role.value for a in found.values()} == {"member", "committee", "board", "office"}
    assert "bao-cao/btv-one-2026-h2.html" in parts(found["thanh-vien/btv-one"])[0]
    for key, a in found.items():
        plain, html = parts(a)
        _, links = html_text(html)
        urls = re.findall(r"https?://\S+", plain)
        assert set(urls) == set(links) and urls, key
        reader = Reader(a.recipient.role, a.recipient.login,
                        frozenset(site_of(data).tree.subtree(a.recipient.login)) if a.recipient.role.value == "committee"
                        else frozenset())
        for link in urls:
            assert link.startswith(site_url), link
            path = urlsplit(link).path.removeprefix(urlsplit(site_url).path)
            path = path + "index.html" if path.endswith("/") or not path else path
            assert may_read(path, reader), (key, path)
        for text in (plain, html, a.letter.subject):
            assert "lich/" not in text and ".ics" not in text and "webcal" not in text


def test_no_letter_names_a_duty_by_its_rule_code(tmp_path):
    data = mail_data(tmp_path / "data", files={"visits": VISIT, **GRIEVANCE})
    for key, a in letters(data).items():
        plain, html = parts(a)
        for text in (a.letter.subject, plain, html_text(html)[0]):
            names = text.replace("xã A1", "").replace("huyện A", "")   # the small province's own names
            assert not CODES.search(names), (key, CODES.search(names))


def test_the_html_part_says_what_the_text_part_says(tmp_path):
    data = mail_data(tmp_path / "data", files={"visits": VISIT, **GRIEVANCE})
    for key, a in letters(data).items():
        plain, html = parts(a)
        seen, _ = html_text(html)
        for line in plain.splitlines():
            words = re.sub(r"^\s*(\d+\. |- )?", "", line.split(": http")[0]).strip()
            if words and not set(words) <= {"=", "-", " "}:
                assert " ".join(words.split()) in seen, (key, words)


def test_a_reader_with_nothing_to_do_gets_no_letter_unless_the_settings_ask_for_a_weekly_line(tmp_path):
    data = mail_data(tmp_path / "quiet", files={"members": PAST_MEMBER})
    assert chase.open_duties(site_of(data).evaluation, "bch-past") == ()
    assert "thanh-vien/bch-past" not in letters(data) and "to-chuc/cong-an" not in letters(data)
    data = mail_data(tmp_path / "weekly", files={"members": PAST_MEMBER}, nothing_due=True)
    found = letters(data)
    for key in ("thanh-vien/bch-past", "to-chuc/cong-an"):
        assert found[key].letter.subject == "Không còn việc phải làm tính đến ngày 25/11/2026"
        assert found[key].letter.sections == ()


def test_a_member_who_asked_for_no_mail_gets_none_and_is_counted_apart(tmp_path):
    data = mail_data(tmp_path / "data", members={"bch-two": {"mail": False}}, organizations={"huyen-a": {"mail": False}})
    found = letters(data)
    assert found["thanh-vien/bch-two"].recipient.address is None and found["to-chuc/huyen-a"].recipient.address is None
    assert found["thanh-vien/btv-one"].recipient.address == "btv-one@example.test"


def test_a_committee_reads_who_still_owes_a_meeting_under_it_and_the_visits_of_this_week_and_next(tmp_path):
    data = mail_data(tmp_path / "data", files={"visits": VISIT})
    found = letters(data)
    committee = found["to-chuc/huyen-a"]
    plain, _ = parts(committee)
    assert committee.recipient.name == "Ban Thường vụ Đảng ủy huyện A" and plain.startswith("Kính gửi Ban Thường vụ")
    assert "Đồng chí Trần Thị Hai: dự sinh hoạt chi bộ thuộc đảng bộ được phân công theo dõi, quý IV/2026" in plain
    assert "Đồng chí Nguyễn Văn Một" in plain and "Đã có lịch ngày 05/12/2026" in plain
    assert "Lịch đã bố trí trong tuần này và tuần sau (1 buổi)" in plain
    assert "- 19:30 Thứ Bảy, 05/12/2026: đồng chí Nguyễn Văn Một" in plain
    assert committee.letter.subject == "Còn 36 ngày: bố trí cho 1 đồng chí dự sinh hoạt"
    assert "to-chuc/cong-an" not in found    # no one is assigned there
    later = letters(data, DAY.replace(day=7, month=12))    # the visit is now in the past
    assert "Lịch đã bố trí" not in parts(later["to-chuc/huyen-a"])[0]


@pytest.mark.parametrize("allowance, listed", [(30, True), (200, False)])
def test_the_board_and_the_office_read_the_chase_list_and_grievances_open_past_the_allowance(tmp_path, allowance,
                                                                                             listed):
    data = mail_data(tmp_path / "data", files=GRIEVANCE, grievance_days=allowance)
    site = site_of(data)
    lists = chase.chase(site.province, site.tree, site.evaluation)
    chased = {o.member for o in lists.reports_soon + lists.overdue} | {b.member for b in lists.behind} | {
        u.visit.member for u in lists.unrecorded}
    found = letters(data)
    board, office = found["ban-to-chuc"].letter, found["van-phong"].letter
    people = f"ần nhắc {len(chased)} đồng chí"
    assert board.subject.startswith("C" + people)
    if listed:
        assert office.subject.startswith(f"1 vấn đề bức xúc quá {allowance} ngày chưa giải quyết; c{people}")
        assert "Đường liên thôn xuống cấp" in parts(found["van-phong"])[0]
        assert office.sections[0].heading.startswith("Vấn đề bức xúc")
        assert board.sections[-1].heading.startswith("Vấn đề bức xúc")
    else:
        assert office.subject == board.subject and len(office.sections) == len(board.sections) == 2
    plain = parts(found["ban-to-chuc"])[0]
    for member in chased:
        assert site.province.members[member].name in plain
