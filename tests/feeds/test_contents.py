"""What goes into each feed: a member's, an organization's, the province's."""

from dataclasses import replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from generator.feeds.contents import Feed, horizon
from generator.model import Assignment, Change

from ..support.builders import CELLS, assign, bch, btv, cell, feeds_as_of, province, report, visit, went

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
AS_OF = date(2026, 11, 25)
HOST = "example.test"


def build(p, as_of=AS_OF) -> dict[tuple, Feed]:
    return {f.identity[:2]: f for f in feeds_as_of(p, as_of)}


def uids(feed: Feed) -> set[str]:
    return {e.uid for e in feed.events}


def event(feed: Feed, uid: str):
    [found] = [e for e in feed.events if e.uid == uid and e.recurrence_id is None]
    return found


def hosted(member, org, kind, *cells, start=date(2025, 10, 15)):
    return Assignment(f"pc-{member}-{org}", member, org, kind, start, None, cells)


def test_a_members_feed_holds_the_meetings_of_the_residence_cell_and_area_and_the_host_cells():
    p = province([btv("an")], [hosted("an", "huyen-a", "phu-trach", "cb-thon-1")])
    feed = build(p)[("thanh-vien", "an")]
    series = {e.uid for e in feed.events if e.rule}
    assert series == {f"chi-bo.cb-to-1@{HOST}", f"khu-dan-cu.to-1@{HOST}", f"chi-bo.cb-thon-1@{HOST}"}
    assert event(feed, f"chi-bo.cb-to-1@{HOST}").rule == {
        "FREQ": "MONTHLY", "BYMONTHDAY": 5, "UNTIL": datetime(2027, 11, 5, 12, 30, tzinfo=ZoneInfo("UTC"))}


def test_a_confirmed_visit_is_in_the_members_feed_and_a_proposed_or_cancelled_one_is_not():
    visits = [visit("an", "cb-thon-2", date(2026, 12, 5)), visit("an", "cb-thon-2", date(2027, 1, 5), "proposed"),
              visit("an", "cb-thon-2", date(2027, 2, 5), "cancelled")]
    p = province([btv("an")], [assign("an", "huyen-a", "phu-trach")], visits=visits)
    feed = build(p)[("thanh-vien", "an")]
    assert {u for u in uids(feed) if u.startswith("lich-du.")} == {f"lich-du.{visits[0].id}@{HOST}"}
    found = event(feed, f"lich-du.{visits[0].id}@{HOST}")
    assert found.start == datetime(2026, 12, 5, 19, 30, tzinfo=TZ)
    assert found.summary == "Dự sinh hoạt Chi bộ cb-thon-2 (Đảng bộ xã A1) – an"


def test_a_visit_to_a_meeting_already_in_the_feed_shows_once_as_that_meeting():
    home = visit("an", "cb-to-1", date(2026, 12, 5))
    p = province([btv("an"), btv("ba")], [assign("an", "huyen-a", "phu-trach")], visits=[home])
    made = build(p)
    feed = made[("thanh-vien", "an")]
    assert f"lich-du.{home.id}@{HOST}" not in uids(feed)
    [override] = [e for e in feed.events if e.recurrence_id == datetime(2026, 12, 5, 19, 30, tzinfo=TZ)]
    assert override.uid == f"chi-bo.cb-to-1@{HOST}"
    assert override.summary == "Sinh hoạt Chi bộ cb-to-1 (Đảng bộ phường 1) – có lịch dự"


def test_a_member_living_where_another_is_to_attend_sees_the_meeting_but_not_who_will_come():
    """Where and when a member will be is theirs, their committee's and the Board's, not their neighbours'."""
    home = visit("an", "cb-to-1", date(2026, 12, 5))
    p = province([btv("an"), btv("ba")], [assign("an", "huyen-a", "phu-trach")], visits=[home])
    feed = build(p)[("thanh-vien", "ba")]   # "ba" lives in the same cell
    assert not [e for e in feed.events if e.recurrence_id == datetime(2026, 12, 5, 19, 30, tzinfo=TZ)]
    assert not [e for e in feed.events if "lịch dự" in e.summary + e.description]


def test_a_moved_meeting_is_an_override_and_a_cancelled_one_an_exception_date():
    changes = (Change(date(2026, 2, 5), False, date(2026, 2, 12), None, "Tết"),
               Change(date(2026, 5, 5), True, None, None, None))
    cells = [cell("cb-to-1", "phuong-1", area="to-1", changes=changes)] + CELLS[1:]
    feed = build(province([btv("an")], cells=cells))[("thanh-vien", "an")]
    master = event(feed, f"chi-bo.cb-to-1@{HOST}")
    assert master.exdates == (datetime(2026, 5, 5, 19, 30, tzinfo=TZ),)
    [moved] = [e for e in feed.events if e.recurrence_id]
    assert (moved.recurrence_id, moved.start) == (datetime(2026, 2, 5, 19, 30, tzinfo=TZ),
                                                  datetime(2026, 2, 12, 19, 30, tzinfo=TZ))
    assert "Lý do: Tết" in moved.description


def test_an_obligation_to_attend_shows_on_the_periods_last_day_until_it_is_met():
    owed = province([btv("an")], [assign("an", "huyen-a", "phu-trach")])
    due = event(build(owed)[("thanh-vien", "an")], f"nghia-vu.an.a.2026-H2@{HOST}")
    assert (due.start, due.end, due.all_day) == (date(2026, 12, 31), date(2027, 1, 1), True)
    met = province([btv("an")], [assign("an", "huyen-a", "phu-trach")],
                   attendance=[went("an", "cb-thon-1", date(2026, 10, 5))])
    assert f"nghia-vu.an.a.2026-H2@{HOST}" not in uids(build(met)[("thanh-vien", "an")])


def test_the_due_event_says_what_is_owed_and_which_cells_qualify():
    p = province([btv("an")], [hosted("an", "huyen-a", "phu-trach", "cb-thon-1")])
    feed = build(p)[("thanh-vien", "an")]
    assigned = event(feed, f"nghia-vu.an.a.2026-H2@{HOST}")
    assert assigned.summary == ("Hạn: Dự sinh hoạt chi bộ khu dân cư thuộc đảng bộ được phân công phụ trách "
                                "(6 tháng cuối năm 2026) – an")
    assert "Được tính: một chi bộ khu dân cư thuộc Đảng bộ huyện A (2 chi bộ)." in assigned.description
    assert "Chi bộ đảng bộ đề xuất: Chi bộ cb-thon-1." in assigned.description
    residence = event(feed, f"nghia-vu.an.b.2026-H2@{HOST}")
    assert "Được tính: Chi bộ cb-to-1 (Đảng bộ phường 1) hoặc Tổ dân phố 1." in residence.description


def test_a_missed_obligation_stays_in_the_feed_saying_so():
    p = province([btv("an")], [assign("an", "huyen-a", "phu-trach")])
    missed = event(build(p)[("thanh-vien", "an")], f"nghia-vu.an.a.2026-H1@{HOST}")
    assert missed.summary.startswith("Không thực hiện: ")
    assert not missed.reminder


def test_report_deadlines_fall_on_the_24th_and_quote_the_regulation():
    p = province([btv("an"), bch("hai")], [assign("an", "huyen-a", "phu-trach"), assign("hai", "cong-an", "theo-doi")],
                 reports=[report("an", "2026-H1", date(2026, 6, 20))])
    made = build(p)
    first = event(made[("thanh-vien", "an")], f"nghia-vu.an.r1.2026-H1@{HOST}")
    assert first.start == date(2026, 6, 24)
    assert first.summary == "Báo cáo kết quả dự sinh hoạt 6 tháng đầu năm 2026 – trước ngày 25/6 – đã gửi"
    second = event(made[("thanh-vien", "an")], f"nghia-vu.an.r1.2026-H2@{HOST}")
    assert (second.start, second.summary) == (
        date(2026, 12, 24), "Báo cáo kết quả dự sinh hoạt 6 tháng cuối năm 2026 – trước ngày 25/12")
    quarterly = [e.start for e in made[("thanh-vien", "hai")].events if ".r2." in e.uid and e.start.year == 2026]
    assert quarterly == [date(2026, 3, 24), date(2026, 6, 24), date(2026, 9, 24), date(2026, 12, 24)]


def test_a_commune_follower_is_told_the_report_is_a_section_of_the_commune_report():
    p = province([bch("hai")], [assign("hai", "xa-a1", "theo-doi")])
    deadline = event(build(p)[("thanh-vien", "hai")], f"nghia-vu.hai.r2.2026-Q4@{HOST}")
    assert deadline.summary == ("Báo cáo kết quả dự sinh hoạt quý IV/2026 (trong báo cáo theo dõi đảng bộ xã A1) "
                                "– trước ngày 25/12")
    assert "một phần của báo cáo kết quả theo dõi Đảng bộ xã A1; không gửi báo cáo riêng" in deadline.description


def test_only_open_deadlines_ahead_carry_a_reminder():
    p = province([btv("an")], [assign("an", "huyen-a", "phu-trach")],
                 reports=[report("an", "2026-H1", date(2026, 6, 20))])
    feed = build(p)[("thanh-vien", "an")]
    assert event(feed, f"nghia-vu.an.r1.2026-H2@{HOST}").reminder
    assert event(feed, f"nghia-vu.an.a.2026-H2@{HOST}").reminder
    assert not event(feed, f"nghia-vu.an.r1.2026-H1@{HOST}").reminder
    assert not any(e.reminder for e in feed.events if not e.all_day)


def test_the_horizon_runs_from_the_start_of_the_year_to_months_ahead():
    assert horizon(date(2026, 11, 25), 12) == (date(2026, 1, 1), date(2027, 11, 25))
    assert horizon(date(2026, 1, 31), 1) == (date(2026, 1, 1), date(2026, 2, 28))
    p = replace(province([btv("an")], [assign("an", "huyen-a", "phu-trach")]), settings=replace(
        province([]).settings, feed_horizon_months=2))
    feed = build(p)[("thanh-vien", "an")]
    starts = [e.start if e.all_day else e.start.date() for e in feed.events]
    assert min(starts) >= date(2026, 1, 1) and max(starts) <= date(2027, 1, 25)
    assert event(feed, f"chi-bo.cb-to-1@{HOST}").rule["UNTIL"].date() == date(2027, 1, 5)


def test_an_organizations_feed_holds_visits_under_it_and_the_due_dates_of_members_assigned_under_it():
    visits = [visit("an", "cb-thon-2", date(2026, 12, 5), "proposed")]
    p = province([btv("an"), bch("hai")], [assign("an", "huyen-a", "phu-trach"), assign("hai", "xa-a1", "theo-doi")],
                 visits=visits)
    made = build(p)
    district = made[("to-chuc", "huyen-a")]
    assert {f"lich-du.{visits[0].id}@{HOST}", f"nghia-vu.an.a.2026-H2@{HOST}",
            f"nghia-vu.hai.c.2026-Q4@{HOST}"} <= uids(district)
    assert event(district, f"lich-du.{visits[0].id}@{HOST}").tentative
    commune = made[("to-chuc", "xa-a1")]
    assert f"nghia-vu.hai.c.2026-Q4@{HOST}" in uids(commune) and f"nghia-vu.an.a.2026-H2@{HOST}" not in uids(commune)
    assert not uids(made[("to-chuc", "cong-an")])
    assert not any(".r2" in u or ".b." in u or ".d." in u for u in uids(district))


def test_the_provinces_feed_holds_every_report_deadline_and_consolidation_date():
    p = province([btv("an"), bch("hai")], [assign("an", "huyen-a", "phu-trach"), assign("hai", "cong-an", "theo-doi")],
                 reports=[report("hai", "2026-Q3", date(2026, 9, 20))])
    feed = build(p)[("tinh",)]
    q3 = event(feed, f"han-bao-cao.2026-Q3@{HOST}")
    assert q3.start == date(2026, 9, 24) and q3.summary.endswith("Ủy viên BCH Đảng bộ tỉnh – trước ngày 25/9")
    assert "1/1 đồng chí đã gửi" in q3.description
    assert event(feed, f"han-bao-cao.2026-H2@{HOST}").start == date(2026, 12, 24)
    year_end = {e.uid for e in feed.events if e.start == date(2026, 12, 31)}
    assert year_end == {f"tong-hop.2026-Q4@{HOST}", f"tong-hop.2026-H2@{HOST}", f"tong-hop.2026-Y@{HOST}"}


def test_the_same_event_is_the_same_in_every_feed_it_appears_in_but_for_the_link_to_the_members_page():
    """What a calendar shows (title, time, place, state) is the same in every feed; only the member's own feed
    links the member's page, which a committee cannot open."""
    visits = [visit("an", "cb-thon-2", date(2026, 12, 5)), visit("hai", "cb-to-1", date(2026, 12, 5))]
    p = province([btv("an"), bch("hai")], [assign("an", "huyen-a", "phu-trach"), assign("hai", "xa-a1", "theo-doi")],
                 visits=visits)
    seen, shared = {}, 0
    for identity, feed in build(p).items():
        for e in feed.events:
            shared += e.key in seen
            shown = replace(e, description=e.description.split("\nTrang của đồng chí: ")[0], url=None)
            assert seen.setdefault(e.key, shown) == shown
            if identity[0] == "to-chuc":
                assert e.url is None and "thanh-vien/" not in e.description
    assert shared > 5


def test_no_feed_holds_an_event_twice():
    p = province([btv("an")], [Assignment("pc", "an", "phuong-1", "phu-trach", date(2025, 10, 15), None, ("cb-to-1",))],
                 visits=[visit("an", "cb-to-1", date(2026, 12, 5))])
    for feed in build(p).values():
        assert len({e.key for e in feed.events}) == len(feed.events)


def test_uids_follow_data_ids_not_names_dates_or_positions():
    base = province([btv("an"), bch("hai")], [assign("an", "huyen-a", "phu-trach"), assign("hai", "xa-a1", "theo-doi")])
    renamed = replace(base, members={"hai": replace(base.members["hai"], name="Tên khác"), "an": base.members["an"]},
                      cells={**base.cells, "cb-to-1": replace(base.cells["cb-to-1"], name="Chi bộ mới", changes=(
                          Change(date(2026, 3, 5), False, None, time(8, 0), None),))})
    before, after = build(base), build(renamed)
    assert before.keys() == after.keys()
    for identity in before:
        assert uids(before[identity]) == uids(after[identity])
