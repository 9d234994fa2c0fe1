"""The Board's chase lists on the sample data: exactly the rows to act on, in order, for several dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from generator.load.data import load
from generator.model.tree import Tree
from generator.rules import chase
from generator.rules.obligations import evaluate

from ..support.builders import assign, btv, province, visit, went
from ..support.project import ROOT

# Confirmed visits of 27/11 and 30/11/2026 in data/visits.yml with no attendance record in
# data/attendance.yml (read by hand): by date, then in the order of members.yml.
UNRECORDED_DEC_1 = [
    "lich-pham-thanh-thang-20261127", "lich-dinh-cong-hung-20261127", "lich-luong-dinh-tung-20261127",
    "lich-dinh-van-tung-20261130", "lich-duong-van-thang-20261130", "lich-nguyen-cong-dung-20261130",
    "lich-huynh-xuan-tung-20261130", "lich-le-van-dung-20261130", "lich-luong-thu-mai-20261130",
]
# The seven who sent their 2026-Q4 report on 20/11 (data/reports.yml).
SENT_Q4 = {"bui-kim-chau", "dinh-cong-hung", "huynh-xuan-tung", "le-van-dung", "nguyen-van-khai", "trinh-van-hai",
           "vo-manh-hung"}


@pytest.fixture(scope="module")
def sample():
    prov = load(ROOT / "data")
    return prov, Tree(prov)


def lists(sample, as_of: date) -> chase.Lists:
    prov, tree = sample
    return chase.chase(prov, tree, evaluate(prov, as_of, tree))


def test_nine_confirmed_visits_without_a_record_are_listed_on_1_december_none_on_25_november(sample):
    assert lists(sample, date(2026, 11, 25)).unrecorded == ()
    found = lists(sample, date(2026, 12, 1)).unrecorded
    assert [u.visit.id for u in found] == UNRECORDED_DEC_1
    assert all(u.visit.status == "confirmed" and u.visit.date < date(2026, 12, 1) for u in found)
    # each was the visit meant to meet a duty that is open again now the date has passed
    assert [(o.rule.code, o.status) for o in found[0].obligations] == [("B", "due")]
    assert all(u.obligations and u.deadline == date(2026, 12, 31) for u in found)


def test_the_cancelled_visit_and_visits_ahead_are_not_in_the_unrecorded_list(sample):
    found = {u.visit.id for u in lists(sample, date(2026, 12, 4)).unrecorded}
    assert "lich-huy-pham-thanh-thang" not in found
    assert {"lich-le-van-hung-20261203", "lich-tran-thi-yen-20261201"} <= found
    assert "lich-duong-van-thang-20261205" not in found  # proposed, and ahead


def test_the_reports_due_on_24_december_are_listed_within_30_days_and_not_before(sample):
    assert lists(sample, date(2026, 11, 20)).reports_soon == ()  # 34 days ahead
    for as_of in (date(2026, 11, 25), date(2026, 12, 1)):
        found = lists(sample, as_of).reports_soon
        assert {o.due for o in found} == {date(2026, 12, 24)}
        assert {o.status for o in found} == {"due"}
        members = [o.member for o in found]
        assert len(members) == len(set(members)) == 47
        assert {"phan-thi-ha", "vo-trong-hieu", "luong-dinh-tung"} <= set(members)
        assert not SENT_Q4 & set(members)
        assert [o.rule.code for o in found[:2]] == ["R1", "R1"]
    assert lists(sample, date(2026, 12, 25)).reports_soon == ()  # past the deadline: in the overdue list


def test_after_the_deadline_the_unsent_reports_move_to_the_overdue_list_newest_first(sample):
    found = lists(sample, date(2026, 12, 25)).overdue
    newest = [o for o in found if o.due == date(2026, 12, 24)]
    assert len(newest) == 47 and list(found[:47]) == newest
    assert [o.due for o in found] == sorted((o.due for o in found), reverse=True)
    assert {o.status for o in found} == {"missed", "late"}


def test_the_overdue_list_as_of_25_november_starts_with_the_third_quarter(sample):
    found = lists(sample, date(2026, 11, 25)).overdue
    assert (found[0].member, found[0].rule.code, found[0].period.code) == ("nguyen-cong-dung", "C", "2026-Q3")
    assert ("luong-van-nam", "R1", "2026-H1", "late") in {(o.member, o.rule.code, o.period.code, o.status)
                                                            for o in found}
    assert [o.due for o in found] == sorted((o.due for o in found), reverse=True)


def test_nothing_done_lists_the_quarter_first_with_every_visit_arranged_cancelled_included(sample):
    found = lists(sample, date(2026, 11, 25)).behind
    assert [b.period.code for b in found] == ["2026-Q4"] * 20 + ["2026-H2"] * 5
    assert [b.member for b in found if b.period.code == "2026-H2"] == [
        "tran-van-hai", "duong-trong-hung", "tran-thi-yen", "duong-van-thang", "nguyen-cong-dung"]
    yen = next(b for b in found if b.member == "tran-thi-yen")
    assert [v.id for v in yen.visits] == ["lich-tran-thi-yen-20261201"]
    assert chase.behind_todo(yen, date(2026, 11, 25)).startswith("Nhắc đồng chí dự buổi đã bố trí ngày 01/12/2026")
    assert lists(sample, date(2026, 11, 1)).behind == ()  # 60 days before the end: not yet


def test_a_cancelled_visit_stays_in_the_nothing_done_row_with_its_reason():
    prov = province([btv("m")], [assign("m", "huyen-a", "phu-trach")], [],
                    [replace(visit("m", "cb-thon-1", date(2026, 12, 5), status="cancelled"), note="Bận họp")])
    tree = Tree(prov)
    found = chase.chase(prov, tree, evaluate(prov, date(2026, 12, 1), tree)).behind
    assert [(b.period.code, [v.note for v in b.visits]) for b in found] == [("2026-H2", ["Bận họp"])]
    assert chase.behind_todo(found[0], date(2026, 12, 1)).startswith("Đề nghị cấp ủy")


def test_a_visit_with_its_attendance_record_is_not_chased():
    prov = province([btv("m")], [assign("m", "huyen-a", "phu-trach")],
                    [went("m", "cb-thon-1", date(2026, 11, 5))],
                    [visit("m", "cb-thon-1", date(2026, 11, 5)), visit("m", "cb-thon-2", date(2026, 11, 5))])
    tree = Tree(prov)
    found = chase.chase(prov, tree, evaluate(prov, date(2026, 12, 1), tree)).unrecorded
    assert [u.visit.cell for u in found] == ["cb-thon-2"]  # same day, another cell: no record of it
    assert found[0].obligations[0].status == "met"
    assert "bố trí buổi khác" not in chase.unrecorded_todo(found[0])


def test_a_visit_without_its_record_says_which_sheet_of_the_clerks_workbook_to_fill():
    prov = province([btv("m")], [assign("m", "huyen-a", "phu-trach")], [], [visit("m", "cb-thon-1", date(2026, 11, 5))])
    tree = Tree(prov)
    found = chase.chase(prov, tree, evaluate(prov, date(2026, 12, 1), tree)).unrecorded
    todo = chase.unrecorded_todo(found[0])
    assert "nếu đồng chí đã dự, ghi buổi dự vào sổ ghi (trang “Dự sinh hoạt”)" in todo
    assert "nếu không dự, ghi lịch là “đã hủy” kèm lý do (trang “Lịch dự”)" in todo
    assert ".yml" not in todo and "data/" not in todo


def test_open_duties_are_those_of_begun_periods_not_done_and_unsent_reports(sample):
    prov, tree = sample
    evaluation = evaluate(prov, date(2026, 11, 25), tree)
    found = chase.open_duties(evaluation, "luong-van-nam")
    assert [(o.rule.code, o.period.code, o.status) for o in found] == [("A′", "2026-H2", "planned"),
                                                                        ("R1", "2026-H2", "due")]
    assert ("R1", "2026-H1") in {(o.rule.code, o.period.code) for o in chase.open_duties(evaluation, "duong-van-thang")}
