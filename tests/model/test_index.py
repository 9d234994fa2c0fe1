"""What is in force when, and each member's records grouped once."""

from dataclasses import replace
from datetime import date

from generator.model import Role
from generator.model.index import FAR, in_force, in_force_between, role_spans, span
from generator.model.periods import Period, overlap_days

from ..support.builders import assign, bch, btv, province, report, visit, went


def test_an_assignment_is_in_force_from_its_first_to_its_last_day_both_included():
    a = assign("m", "xa-a1", "theo-doi", start=date(2026, 3, 1), end=date(2026, 3, 31))
    assert not in_force(a, date(2026, 2, 28))
    assert in_force(a, date(2026, 3, 1)) and in_force(a, date(2026, 3, 31))
    assert not in_force(a, date(2026, 4, 1))


def test_without_an_end_a_role_stays_in_force_for_good():
    role = Role("btv", date(2025, 10, 1), None)
    assert in_force(role, date(2099, 12, 31)) and span(role) == (date(2025, 10, 1), FAR)


def test_in_force_between_two_days_means_on_at_least_one_of_them():
    a = assign("m", "xa-a1", "theo-doi", start=date(2026, 3, 1), end=date(2026, 3, 31))
    assert in_force_between(a, date(2026, 3, 31), date(2026, 6, 30))
    assert in_force_between(a, date(2026, 1, 1), date(2026, 3, 1))
    assert not in_force_between(a, date(2026, 4, 1), date(2026, 6, 30))


def test_days_in_force_in_a_quarter_count_each_day_once_across_roles():
    roles = (Role("bch", date(2026, 3, 1), date(2026, 4, 10)), Role("bch", date(2026, 4, 5), date(2026, 4, 20)),
             Role("btv", date(2026, 4, 1), None))
    assert role_spans(roles, "bch") == [(date(2026, 3, 1), date(2026, 4, 10)), (date(2026, 4, 5), date(2026, 4, 20))]
    assert overlap_days(role_spans(roles, "bch"), Period(2026, "Q", 2)) == 20
    assert overlap_days(role_spans(roles, "btv"), Period(2026, "Q", 2)) == 91


def test_a_members_records_are_grouped_once_dated_ones_by_date():
    later, earlier = went("m", "cb-thon-1", date(2026, 5, 5)), went("m", "cb-thon-2", date(2026, 2, 5))
    p = province([btv("m"), bch("n")],
                 [assign("m", "xa-a1", "phu-trach"), assign("n", "phuong-1", "theo-doi"),
                  assign("m", "cong-an", "phu-trach", start=date(2026, 1, 1))],
                 attendance=[later, earlier], visits=[visit("m", "cb-thon-1", date(2026, 12, 5))],
                 reports=[report("n", "2026-Q1", date(2026, 3, 20)),
                          replace(report("n", "2026-Q1", date(2026, 3, 2)), id="bc-first")])
    index = p.index
    assert index is p.index  # made once
    assert [a.organization for a in index.assignments["m"]] == ["xa-a1", "cong-an"]  # data order
    assert index.attended["m"] == (earlier, later)
    assert [r.id for r in index.reports[("n", "2026-Q1")]] == ["bc-first", "bc-n-2026-Q1"]
    assert [v.id for v in index.visits_at["cb-thon-1"]] == ["lich-m-cb-thon-1-2026-12-05"]
    assert [a.member for a in index.assigned_to["phuong-1"]] == ["n"]
    assert "n" not in index.attended


def test_the_assignments_of_a_member_in_a_period_are_those_in_force_on_some_day_of_it():
    p = province([bch("n")], [assign("n", "xa-a1", "theo-doi", start=date(2025, 10, 15), end=date(2026, 3, 31)),
                              assign("n", "phuong-1", "theo-doi", start=date(2026, 4, 1)),
                              assign("n", "cong-an", "phu-trach", start=date(2026, 4, 1))])
    q2 = Period(2026, "Q", 2)
    assert [a.organization for a in p.index.assignments_between("n", q2.start, q2.end, "theo-doi")] == ["phuong-1"]
    assert [a.organization for a in p.index.assignments_between("n", date(2026, 3, 31), date(2026, 4, 1))] == [
        "xa-a1", "phuong-1", "cong-an"]
