"""Statuses from the records, records that cannot count, consolidation, grievances: what the Board reads."""

from __future__ import annotations

from datetime import date

import pytest

from generator.load.data import load
from generator.model import Report
from generator.model.periods import Period
from generator.model.tree import Tree
from generator.rules import compliance
from generator.rules.compliance import Groups, consolidate, nothing_done, record_warnings
from generator.rules.obligations import evaluate

from ..support.builders import assign, bch, btv, province, report, visit, went
from ..support.project import ROOT

AS_OF = date(2026, 11, 25)
Q1, Q2, Q3, Q4 = (Period(2026, "Q", n) for n in (1, 2, 3, 4))
H1, H2 = Period(2026, "H", 1), Period(2026, "H", 2)
YEAR = Period(2026, "Y", 1)


@pytest.fixture(scope="module")
def sample():
    prov = load(ROOT / "data")
    tree = Tree(prov)
    return prov, tree, evaluate(prov, AS_OF, tree)


# Computed by hand from data/*.yml as of 25/11/2026 (effective date 05/01/2026; reports are due
# the 24th of the period's last month). Every (rule, status) pair that occurs in the sample is here.
EXPECTED = [
    # phan-thi-ha: BTV, in charge of xa-an-phu, xa-phu-huu and xa-khanh-an (communes with residential cells),
    # lives at phuong-dong-tien-cb-2 / -kdc-2.
    ("phan-thi-ha", "2026-H1", "A", "met"),       # 31/05 xa-khanh-an-cb-1: residential, in a commune she is in charge of
    ("phan-thi-ha", "2026-H1", "B", "met"),       # 20/01 her residential area phuong-dong-tien-kdc-2
    ("phan-thi-ha", "2026-H1", "R1", "met"),      # 2026-H1 report sent 11/06, before 24/06
    ("phan-thi-ha", "2026-H2", "A", "met"),       # 04/10 xa-khanh-an-cb-5
    ("phan-thi-ha", "2026-H2", "R1", "due"),      # no H2 report yet; deadline 24/12 is ahead
    # luong-van-nam: BTV, in charge of quan-su-tinh only (no residential cells: A′), lives at phuong-dong-tien-cb-4.
    ("luong-van-nam", "2026-H1", "A′", "missed"),  # no meeting at any quan-su-tinh cell in H1
    ("luong-van-nam", "2026-H1", "B", "missed"),   # his only H1 meeting, 03/01 at home, is before 05/01
    ("luong-van-nam", "2026-H1", "R1", "late"),    # sent 30/06, after 24/06
    ("luong-van-nam", "2026-H2", "A′", "planned"),  # visit confirmed for 03/12 at quan-su-tinh-cb-1
    ("luong-van-nam", "2026-H2", "B", "met"),      # 05/09 at his residence cell
    # duong-van-thang: BTV, in charge of co-quan-dang-tinh and ubnd-tinh (no residential cells: A′),
    # lives at phuong-huong-canh-cb-7.
    ("duong-van-thang", "2026-H1", "A′", "met"),   # 31/03 dang-bo-so-y-te-cb-1, a cell under ubnd-tinh
    ("duong-van-thang", "2026-H1", "R1", "missed"),  # no report at all
    ("duong-van-thang", "2026-H2", "A′", "planned"),  # a *proposed* visit on 05/12 at co-quan-dang-tinh-cb-1 counts
    ("duong-van-thang", "2026-H2", "B", "planned"),  # visit confirmed for 30/11 at his residence cell
    # duong-trong-hung: BTV, in charge of phuong-phong-chau and xa-phu-loc, lives at phuong-dong-tien-cb-3; one
    # meeting, 31/03.
    ("duong-trong-hung", "2026-H1", "A", "met"),   # 31/03 phuong-phong-chau-cb-3, residential
    ("duong-trong-hung", "2026-H1", "B", "missed"),  # never at his residence in H1
    ("duong-trong-hung", "2026-H2", "A", "due"),   # nothing in H2, no visit
    ("duong-trong-hung", "2026-H2", "B", "due"),
    # tran-thi-yen: BTV, in charge of phuong-bac-hong, phuong-nam-hong and xa-thuan-loc, lives at phuong-dong-tien-cb-3.
    ("tran-thi-yen", "2026-H1", "A", "missed"),    # 03/01 phuong-bac-hong-cb-2 is two days before the effective date
    ("tran-thi-yen", "2026-H1", "B", "met"),       # 05/01 at home: the effective date itself counts
    ("tran-thi-yen", "2026-H2", "A", "planned"),   # visit 01/12 xa-thuan-loc-cb-5, residential
    # luong-dinh-kien: BTV, in charge of cong-an-tinh (A′), lives at phuong-tay-son-cb-6.
    ("luong-dinh-kien", "2026-H1", "A′", "met"),   # 05/03 cong-an-tinh-cb-5
    ("luong-dinh-kien", "2026-H2", "A′", "due"),   # nothing at cong-an-tinh in H2, no visit
    # le-van-hung: BCH; follows xa-phu-huu until 31/07; BTV in charge of xa-an-phu and xa-khanh-an from 01/08.
    ("le-van-hung", "2026-Q2", "C", "missed"),     # no meeting in Q2
    ("le-van-hung", "2026-Q2", "R2′", "missed"),   # follows a commune, no Q2 report
    ("le-van-hung", "2026-Q3", "C", "not-applicable"),  # BCH-only 01/07–31/07: 31 of 92 days
    ("le-van-hung", "2026-H2", "D", "not-applicable"),  # BCH-only 31 of 184 days
    ("le-van-hung", "2026-H2", "A", "met"),        # BTV 153/184 days; 05/09 xa-khanh-an-cb-6
    ("le-van-hung", "2026-H2", "B", "planned"),    # visit 03/12 at his residence cell
    # vo-trong-hieu: BCH, follows xa-an-my (a commune: R2′), lives at xa-quy-hau-cb-7.
    ("vo-trong-hieu", "2026-Q1", "R2′", "met"),     # sent 19/03
    ("vo-trong-hieu", "2026-Q2", "R2′", "missed"),  # no Q2 report
    ("vo-trong-hieu", "2026-Q3", "C", "met"),      # 05/09 xa-an-my-cb-2
    ("vo-trong-hieu", "2026-Q4", "C", "planned"),  # visit 15/12 xa-an-my-cb-5
    ("vo-trong-hieu", "2026-Q4", "R2′", "due"),
    ("vo-trong-hieu", "2026-H1", "D", "met"),      # 03/03 at his residence cell
    # luong-dinh-tung: BCH from 20/05/2026, follows phuong-nam-hong (a commune: R2′), lives at phuong-binh-minh-cb-4.
    ("luong-dinh-tung", "2026-Q2", "C", "not-applicable"),  # 42 of 91 days
    ("luong-dinh-tung", "2026-Q2", "R2′", "not-applicable"),
    ("luong-dinh-tung", "2026-H1", "D", "not-applicable"),  # 42 of 181 days
    ("luong-dinh-tung", "2026-Q3", "C", "met"),    # 05/07 phuong-nam-hong-cb-7
    ("luong-dinh-tung", "2026-Q3", "R2′", "met"),  # sent 08/09
    ("luong-dinh-tung", "2026-Q4", "R2′", "due"),
    # mai-kim-trang: BCH, follows xa-phu-huu (R2′), lives at phuong-an-lac-cb-5.
    ("mai-kim-trang", "2026-Q1", "C", "missed"),   # her Q1 meeting, 03/01, is before the effective date
    ("mai-kim-trang", "2026-Q2", "C", "missed"),   # 05/05 was at her own residence cell: counts for D only
    ("mai-kim-trang", "2026-H1", "D", "met"),      # ... that same 05/05 meeting
    ("mai-kim-trang", "2026-Q3", "R2′", "late"),   # sent 27/09, after 24/09
    ("mai-kim-trang", "2026-Q4", "C", "due"),      # no Q4 meeting at xa-phu-huu; the 01/12 visit is at home
    ("mai-kim-trang", "2026-H2", "D", "planned"),  # ... the 01/12 visit at her residence cell
    # luong-dinh-nam: BCH, follows xa-khanh-an (R2′), lives in the area phuong-tay-son-kdc-4 (no cell).
    ("luong-dinh-nam", "2026-H1", "D", "missed"),  # H1 meetings were all at xa-khanh-an, none at home
    ("luong-dinh-nam", "2026-Q1", "R2′", "late"),  # sent 27/03
    ("luong-dinh-nam", "2026-H2", "D", "met"),     # 15/09 at phuong-tay-son-kdc-4
    # pham-minh-hung: BCH, follows phuong-dong-tien, lives at phuong-an-lac-cb-4.
    ("pham-minh-hung", "2026-Q4", "C", "due"),     # 05/11 xa-hoa-binh-cb-2 is outside phuong-dong-tien: does not count
    ("pham-minh-hung", "2026-H2", "D", "due"),     # no H2 meeting at home
    # nguyen-cong-dung: BCH, follows dang-bo-so-y-te (no residential cells: any cell; not a commune: R2).
    ("nguyen-cong-dung", "2026-Q1", "C", "met"),   # 03/03 dang-bo-so-y-te-cb-2, a non-residential cell
    ("nguyen-cong-dung", "2026-Q1", "R2", "met"),   # sent before 24/03
    ("nguyen-cong-dung", "2026-Q4", "R2", "due"),
    ("nguyen-cong-dung", "2026-Q3", "C", "missed"),
    ("nguyen-cong-dung", "2026-Q3", "R2", "missed"),  # reports for Q1 and Q2 only
]


@pytest.mark.parametrize("member, period, rule, status", EXPECTED, ids=[f"{m}/{p}/{r}" for m, p, r, _ in EXPECTED])
def test_the_status_of_each_sample_obligation_is_the_one_worked_out_by_hand(sample, member, period, rule, status):
    _, _, evaluation = sample
    found = {(o.period.code, o.rule.code): o.status for o in evaluation.by_member[member]}
    assert found[(period, rule)] == status


def test_the_hand_worked_table_covers_every_rule_and_status_pair_of_the_sample(sample):
    _, _, evaluation = sample
    occurring = {(o.rule.code, o.status) for o in evaluation.obligations if o.period.year == 2026}
    assert occurring == {(rule, status) for _, _, rule, status in EXPECTED}


# -- records that cannot count


def test_the_sample_records_that_cannot_count_are_listed_with_why(sample):
    prov, tree, evaluation = sample
    found = {w.record: w for w in record_warnings(prov, evaluation, tree)}
    before = ["dsh-luong-van-nam-20260103", "dsh-mai-kim-trang-20260103", "dsh-nguyen-manh-binh-20260103",
              "dsh-tran-thi-yen-20260103", "dsh-trinh-van-hai-20260103", "dsh-cao-dinh-nam-20260104",
              "dsh-luong-dinh-nam-20260104"]
    assert set(found) == {*before, "dsh-luong-dinh-tung-20260610", "dsh-pham-minh-hung-20261105"}
    assert all(found[r].file == "attendance.yml" and "trước ngày bắt đầu tính việc thực hiện Quy định (05/01/2026)" in found[r].message
               for r in before)
    assert "Là Ủy viên BCH 42/91 ngày" in found["dsh-luong-dinh-tung-20260610"].message
    assert found["dsh-pham-minh-hung-20261105"].message == (
        "Chi bộ Thôn Thượng (Đảng bộ xã Hòa Bình) không thuộc đảng bộ nào đồng chí được phân công phụ trách, "
        "theo dõi (đồng chí được phân công: Đảng bộ phường Đông Tiến)")


def warnings_of(prov, as_of=date(2026, 6, 1)):
    tree = Tree(prov)
    return {w.record: w.message for w in record_warnings(prov, evaluate(prov, as_of, tree), tree)}


def test_a_meeting_at_a_cell_outside_the_assigned_organizations_is_named_with_why():
    prov = province([bch("b")], [assign("b", "xa-a1", "theo-doi")], [went("b", "cb-ca-1", date(2026, 2, 10))])
    assert warnings_of(prov) == {"dsh-b-cb-ca-1-2026-02-10": "Chi bộ cb-ca-1 (Đảng bộ Công an tỉnh) không thuộc đảng "
                                 "bộ nào đồng chí được phân công phụ trách, theo dõi (đồng chí được phân công: "
                                 "Đảng bộ xã A1)"}


def test_a_meeting_outside_the_role_before_the_regulation_or_after_the_as_of_date_cannot_count():
    prov = province([bch("b", since=date(2026, 2, 1))], [assign("b", "xa-a1", "theo-doi", start=date(2026, 2, 1))],
                    [went("b", "cb-thon-1", date(2026, 1, 20)), went("b", "cb-thon-1", date(2026, 7, 5))],
                    effective=date(2026, 1, 10))
    prov_early = province([bch("c")], [assign("c", "xa-a1", "theo-doi")], [went("c", "cb-thon-1", date(2026, 1, 5))],
                          effective=date(2026, 1, 10))
    found = warnings_of(prov, as_of=date(2026, 6, 1))
    assert found["dsh-b-cb-thon-1-2026-01-20"] == "ngày 20/01/2026 đồng chí không giữ vai trò Ủy viên BTV hay Ủy viên BCH"
    assert found["dsh-b-cb-thon-1-2026-07-05"].startswith("ngày dự 05/07/2026 sau ngày tính trạng thái (01/06/2026)")
    assert warnings_of(prov_early) == {"dsh-c-cb-thon-1-2026-01-05": "ngày 05/01/2026 trước ngày bắt đầu tính "
                                       "việc thực hiện Quy định (10/01/2026)"}


def test_a_non_residential_cell_another_area_or_a_lapsed_assignment_cannot_count():
    prov = province([btv("a"), bch("b", home="cb-to-2", area=None), bch("c")],
                    [assign("a", "huyen-a", "phu-trach"), assign("b", "xa-a1", "theo-doi"),
                     assign("c", "xa-a1", "theo-doi", start=date(2025, 10, 15), end=date(2026, 2, 10)),
                     assign("c", "cong-an", "theo-doi", start=date(2026, 2, 11))],
                    [went("a", "cb-truong", date(2026, 3, 31)), went("b", "to-1", date(2026, 1, 15), area=True),
                     went("c", "cb-thon-1", date(2026, 3, 5))])
    found = warnings_of(prov)
    assert "không phải chi bộ khu dân cư" in found["dsh-a-cb-truong-2026-03-31"]
    assert found["dsh-b-to-1-2026-01-15"].startswith("Tổ dân phố 1 không phải khu dân cư nơi cư trú của đồng chí")
    assert "phân công phụ trách, theo dõi đảng bộ có Chi bộ cb-thon-1 chưa có hoặc đã hết hiệu lực" in \
        found["dsh-c-cb-thon-1-2026-03-05"]


def test_a_meeting_that_counts_or_repeats_a_met_obligation_is_no_warning():
    prov = province([bch("b")], [assign("b", "xa-a1", "theo-doi")],
                    [went("b", "cb-thon-1", date(2026, 2, 5)), went("b", "cb-thon-2", date(2026, 3, 7)),
                     went("b", "to-1", date(2026, 1, 15), area=True)])
    assert warnings_of(prov) == {}


def test_a_report_for_a_period_the_member_does_not_report_on_or_a_second_report_cannot_count():
    prov = province([btv("a"), bch("b")], [assign("a", "huyen-a", "phu-trach"), assign("b", "huyen-a", "theo-doi")],
                    reports=[report("a", "2026-Q1", date(2026, 3, 20)), report("b", "2026-H1", date(2026, 5, 20)),
                             report("b", "2026-Q1", date(2026, 3, 10)),
                             Report("bc-b-again", "b", "2026-Q1", date(2026, 3, 12), None)])
    found = warnings_of(prov)
    assert "Ủy viên BTV báo cáo 6 tháng một lần" in found["bc-a-2026-Q1"]
    assert "Ủy viên BCH báo cáo theo quý" in found["bc-b-2026-H1"]
    assert found["bc-b-again"] == "đã có báo cáo bc-b-2026-Q1 cho kỳ 2026-Q1; chỉ báo cáo gửi sớm nhất được tính"
    assert "bc-b-2026-Q1" not in found


def test_a_visit_ahead_at_a_place_that_cannot_count_is_a_warning_and_a_cancelled_one_is_not():
    prov = province([bch("b")], [assign("b", "xa-a1", "theo-doi")],
                    visits=[visit("b", "cb-ca-1", date(2026, 6, 10)), visit("b", "cb-so-1", date(2026, 6, 10), "cancelled"),
                            visit("b", "cb-ca-1", date(2026, 5, 10))])
    assert list(warnings_of(prov)) == ["lich-b-cb-ca-1-2026-06-10"]


# -- consolidation


def two_members():
    """a: BTV in charge of huyen-a and cong-an; b: BCH following xa-a1 (under huyen-a). Worked out below."""
    members = [btv("a"), bch("b")]
    assignments = [assign("a", "huyen-a", "phu-trach"), assign("a", "cong-an", "phu-trach"),
                   assign("b", "xa-a1", "theo-doi")]
    attendance = [went("a", "cb-thon-1", date(2026, 3, 5)),        # H1 A met
                  went("a", "to-1", date(2026, 4, 15), area=True),  # H1 B met
                  went("b", "cb-thon-2", date(2026, 2, 5)),         # Q1 C met
                  went("b", "to-1", date(2026, 1, 15), area=True)]  # H1 D met
    reports = [report("a", "2026-H1", date(2026, 6, 30)),           # H1 R1 late
               report("b", "2026-Q1", date(2026, 3, 20))]           # Q1 R2′ met
    visits = [visit("b", "cb-thon-2", date(2026, 12, 5))]           # Q4 C planned
    prov = province(members, assignments, attendance, visits, reports)
    tree = Tree(prov)
    return prov, tree, evaluate(prov, AS_OF, tree)


def consolidated(prov, tree, evaluation, period):
    return consolidate(prov, evaluation, Groups(prov, tree), period, tree.roots + [compliance.UNASSIGNED])


def counts(tally) -> dict:
    return {s: tally[s] for s in compliance.STATUSES if tally[s]}


def test_the_year_counts_every_obligation_once_and_its_rate_is_done_over_applicable():
    # a: H1 A met, B met, R1 late; H2 A, B, R1 due (6).
    # b: Q1 C met, R2′ met; Q2, Q3 C and R2′ missed; Q4 C planned, R2′ due; H1 D met; H2 D due (10).
    c = consolidated(*two_members(), YEAR)
    assert counts(c.total) == {"met": 5, "late": 1, "planned": 1, "due": 5, "missed": 4}
    assert c.total.applicable == 16 and c.total.rate == 6 / 16
    assert c.running


def test_a_member_assigned_under_two_top_level_organizations_counts_in_each_and_once_in_the_total():
    c = consolidated(*two_members(), YEAR)
    by_org = dict(c.by_organization)
    assert by_org["huyen-a"].total == 16   # a's 6 and b's 10 (xa-a1 is under huyen-a)
    assert by_org["cong-an"].total == 6    # a's only
    assert sum(t.total for t in by_org.values()) == 22 > c.total.total == 16
    line = {m.member.id: m for m in c.members}["a"]
    assert line.organizations == ("huyen-a", "cong-an") and line.roles == ("btv",)


def test_by_role_and_by_rule_split_the_same_obligations():
    c = consolidated(*two_members(), YEAR)
    roles = dict(c.by_role)
    assert (roles["btv"].total, roles["btv"].rate) == (6, 3 / 6)
    assert (roles["bch"].total, roles["bch"].rate) == (10, 3 / 10)
    rules = {r.code: t for r, t in c.by_rule}
    assert counts(rules["C"]) == {"met": 1, "missed": 2, "planned": 1}
    assert counts(rules["R1"]) == {"late": 1, "due": 1}
    assert sum(t.total for t in rules.values()) == c.total.total


def test_a_quarter_counts_quarterly_obligations_and_a_half_adds_its_quarters():
    prov, tree, evaluation = two_members()
    q4 = consolidated(prov, tree, evaluation, Q4)
    assert {r.code for r, _ in q4.by_rule} == {"C", "R2′"} and q4.total.rate == 0.0
    assert q4.total.open == 2  # planned and due: still open, not failures
    h1 = consolidated(prov, tree, evaluation, H1)
    # a: A met, B met, R1 late; b: D met, Q1 C met, Q1 R2′ met, Q2 C missed, Q2 R2′ missed.
    assert counts(h1.total) == {"met": 5, "late": 1, "missed": 2} and h1.total.rate == 6 / 8
    assert not h1.running


def test_not_applicable_obligations_leave_the_rate_and_an_unassigned_member_has_its_own_row():
    prov = province([bch("c")], reports=[report("c", "2026-Q1", date(2026, 3, 2))])
    tree = Tree(prov)
    c = consolidated(prov, tree, evaluate(prov, AS_OF, tree), H1)
    # C in Q1, Q2: not applicable (not assigned); R2 Q1 met, Q2 missed; D H1 missed.
    assert counts(c.total) == {"met": 1, "missed": 2, "not-applicable": 2}
    assert c.total.applicable == 3 and c.total.rate == 1 / 3
    assert [org for org, _ in c.by_organization] == [compliance.UNASSIGNED]


def test_nothing_done_lists_members_with_no_obligation_met_within_45_days_of_the_end():
    prov, tree, _ = two_members()
    near = evaluate(prov, date(2026, 11, 20), tree)  # 41 days before 31/12
    assert [m for m, _ in nothing_done(near, Q4)] == ["b"]
    assert [m for m, _ in nothing_done(near, H2)] == ["a", "b"]  # b's Q3 obligations (missed) are inside H2
    assert nothing_done(evaluate(prov, date(2026, 11, 10), tree), H2) == []  # 51 days: not yet
    busy = province(prov.members.values(), prov.assignments.values(),
                    [*prov.attendance.values(), went("a", "cb-thon-2", date(2026, 10, 3))])
    assert [m for m, _ in nothing_done(evaluate(busy, date(2026, 11, 20)), H2)] == ["b"]


def test_the_consolidated_periods_are_those_begun_since_the_regulation(sample):
    _, _, evaluation = sample
    found = compliance.consolidated_periods(evaluation, date(2026, 1, 5))
    assert [p.code for p in found] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026-H1", "2026-H2", "2026-Y"]


# -- grievances


def test_grievances_have_their_age_or_time_to_resolution_counted_from_the_meeting(sample):
    prov, tree, _ = sample
    lines = {g.id: g for g in compliance.grievance_lines(prov, Groups(prov, tree), AS_OF)}
    # Raised at the meeting of the linked attendance record; counted to 25/11/2026 or to the resolution.
    assert (lines["vv-2026-007"].raised, lines["vv-2026-007"].days) == (date(2026, 3, 31), 239)
    assert lines["vv-2026-004"].days == 171   # 07/06 → 25/11, still open
    assert lines["vv-2026-003"].days == 52    # 04/10 → 25/11, in progress
    assert lines["vv-2026-001"].days == 22    # 05/06 → resolved 27/06
    assert lines["vv-2026-002"].days == 32    # 31/05 → resolved 02/07
    assert lines["vv-2026-005"].days == 59    # 08/08 → resolved 06/10
    assert lines["vv-2026-007"].organization == "phuong-phong-chau"  # where phuong-phong-chau-cb-3 is
    order = list(lines)
    assert order[:4] == ["vv-2026-007", "vv-2026-004", "vv-2026-006", "vv-2026-003"]  # open: oldest first


def test_grievances_by_organization_count_open_and_resolved_and_the_mean_time(sample):
    prov, tree, _ = sample
    groups = Groups(prov, tree)
    counts_by_org = {c.organization: c for c in compliance.grievances_by_organization(
        compliance.grievance_lines(prov, groups, AS_OF), tree.roots)}
    khanh_an = counts_by_org["xa-khanh-an"]  # vv-003 in progress (52 days), vv-002 resolved in 32 days
    assert (khanh_an.open, khanh_an.in_progress, khanh_an.resolved) == (0, 1, 1)
    assert (khanh_an.oldest_open, khanh_an.mean_to_resolve) == (52, 32.0)
    muong_khen = counts_by_org["xa-muong-khen"]  # vv-004 open (171 days), nothing resolved
    assert (muong_khen.open, muong_khen.oldest_open, muong_khen.mean_to_resolve) == (1, 171, None)
