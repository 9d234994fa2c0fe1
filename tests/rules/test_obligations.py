"""The rules of Điều 2 and Điều 3, and the worked examples of domain.md."""

from datetime import date

from generator.model.periods import Period
from generator.rules.obligations import evaluate, report_deadline

from ..support.builders import assign, bch, btv, province, report, visit, went

H1, H2 = Period(2026, "H", 1), Period(2026, "H", 2)
Q1, Q2, Q3, Q4 = (Period(2026, "Q", n) for n in (1, 2, 3, 4))


def obligations(prov, as_of, member, period):
    return {o.rule.code: o for o in evaluate(prov, as_of).by_member[member] if o.period == period}


def test_example_1_btv_in_charge_of_a_district_owes_a_and_b_each_half_and_reports_on_the_24th():
    prov = province([btv("m")], [assign("m", "huyen-a", "phu-trach")])
    for half in (H1, H2):
        found = obligations(prov, date(2026, 3, 1), "m", half)
        assert set(found) == {"A", "B", "R1"}
        assert found["A"].due == half.end and found["B"].due == half.end
    assert obligations(prov, date(2026, 3, 1), "m", H1)["R1"].due == date(2026, 6, 24)
    assert obligations(prov, date(2026, 3, 1), "m", H2)["R1"].due == date(2026, 12, 24)
    a = obligations(prov, date(2026, 3, 1), "m", H1)["A"]
    assert a.rule.clause == "2.2"
    assert a.qualifying.organizations == ("huyen-a",) and a.qualifying.residential_only


def test_example_2_btv_in_charge_of_the_police_only_owes_a_prime_any_cell_there():
    prov = province([btv("m")], [assign("m", "cong-an", "phu-trach")], [went("m", "cb-ca-1", date(2026, 3, 10))])
    found = obligations(prov, date(2026, 4, 1), "m", H1)
    assert set(found) == {"A′", "B", "R1"}
    assert found["A′"].status == "met" and found["A′"].met_by == "dsh-m-cb-ca-1-2026-03-10"
    assert not found["A′"].qualifying.residential_only


def test_example_3_bch_following_a_commune_owes_c_each_quarter_d_each_half_and_r2_prime_reports():
    prov = province([bch("m")], [assign("m", "xa-a1", "theo-doi")])
    for quarter in (Q1, Q2, Q3, Q4):
        found = obligations(prov, date(2026, 1, 10), "m", quarter)
        assert set(found) == {"C", "R2′"}
        assert found["R2′"].due == date(2026, quarter.end.month, 24)
        assert "Đảng bộ xã A1" in found["R2′"].note and "không gửi báo cáo riêng" in found["R2′"].note
    assert set(obligations(prov, date(2026, 1, 10), "m", H1)) == {"D"}


def test_a_bch_member_following_a_district_reports_under_r2():
    prov = province([bch("m")], [assign("m", "huyen-a", "theo-doi")])
    found = obligations(prov, date(2026, 1, 10), "m", Q1)
    assert set(found) == {"C", "R2"} and found["R2"].note is None


def test_example_4_an_assignment_from_20_may_owes_nothing_for_q2_and_h1():
    prov = province([bch("m")], [assign("m", "xa-a1", "theo-doi", start=date(2026, 5, 20))])
    q2 = obligations(prov, date(2026, 5, 25), "m", Q2)["C"]
    assert q2.status == "not-applicable" and q2.covered_days == 42
    assert "42/91" in q2.reason
    assert obligations(prov, date(2026, 5, 25), "m", Q3)["C"].status == "due"


def test_example_4_a_member_whose_role_starts_20_may_owes_nothing_for_q2_and_h1():
    prov = province([bch("m", since=date(2026, 5, 20))], [assign("m", "xa-a1", "theo-doi", start=date(2026, 5, 20))])
    q2, h1 = obligations(prov, date(2026, 5, 25), "m", Q2), obligations(prov, date(2026, 5, 25), "m", H1)
    assert {o.status for o in q2.values()} == {"not-applicable"}
    assert "42/91" in q2["C"].reason and "42/181" in h1["D"].reason
    assert {o.status for o in obligations(prov, date(2026, 5, 25), "m", H2).values()} == {"due"}


def test_exactly_half_a_period_is_enough():
    # Q3 has 92 days; from 16 August there are 46 left.
    prov = province([bch("m")], [assign("m", "xa-a1", "theo-doi", start=date(2026, 8, 16))])
    assert obligations(prov, date(2026, 8, 20), "m", Q3)["C"].status == "due"


def test_nothing_applies_before_the_effective_date():
    prov = province([bch("m")], [assign("m", "xa-a1", "theo-doi")], effective=date(2026, 2, 20))
    q1 = obligations(prov, date(2026, 3, 1), "m", Q1)["C"]
    assert q1.status == "not-applicable" and "được tính từ 20/02/2026" in q1.reason
    assert obligations(prov, date(2026, 3, 1), "m", Q2)["C"].status == "due"


def test_a_member_without_an_assignment_is_shown_as_not_applicable_with_the_reason():
    found = obligations(province([bch("m")]), date(2026, 1, 10), "m", Q1)["C"]
    assert found.status == "not-applicable" and "Chưa được phân công theo dõi" in found.reason


def test_a_qualifying_meeting_meets_the_obligation_and_names_the_record():
    prov = province([btv("m")], [assign("m", "huyen-a", "phu-trach")], [went("m", "cb-thon-1", date(2026, 2, 5))])
    a = obligations(prov, date(2026, 3, 1), "m", H1)["A"]
    assert (a.status, a.met_by) == ("met", "dsh-m-cb-thon-1-2026-02-05")


def test_a_non_residential_cell_does_not_meet_rule_a():
    prov = province([btv("m")], [assign("m", "huyen-a", "phu-trach")], [went("m", "cb-truong", date(2026, 2, 5))])
    assert obligations(prov, date(2026, 3, 1), "m", H1)["A"].status == "due"


def test_the_members_own_residence_cell_counts_for_b_but_not_for_a():
    member = btv("m", home="cb-thon-1", area=None)
    prov = province([member], [assign("m", "huyen-a", "phu-trach")], [went("m", "cb-thon-1", date(2026, 2, 5))])
    found = obligations(prov, date(2026, 3, 1), "m", H1)
    assert found["A"].status == "due"
    assert found["B"].status == "met"


def test_the_residential_area_meeting_counts_for_b():
    prov = province([btv("m")], [assign("m", "huyen-a", "phu-trach")], [went("m", "to-1", date(2026, 4, 15), area=True)])
    assert obligations(prov, date(2026, 5, 1), "m", H1)["B"].status == "met"


def test_a_meeting_counts_for_the_period_that_contains_it():
    prov = province([bch("m")], [assign("m", "xa-a1", "theo-doi")], [went("m", "cb-thon-1", date(2026, 4, 5))])
    assert obligations(prov, date(2026, 7, 1), "m", Q1)["C"].status == "missed"
    assert obligations(prov, date(2026, 7, 1), "m", Q2)["C"].status == "met"


def test_a_meeting_outside_the_assigned_organizations_does_not_count():
    prov = province([bch("m")], [assign("m", "xa-a1", "theo-doi")], [went("m", "cb-to-2", date(2026, 2, 5))])
    assert obligations(prov, date(2026, 3, 1), "m", Q1)["C"].status == "due"


def test_a_meeting_before_the_assignment_started_does_not_count():
    prov = province([bch("m")], [assign("m", "xa-a1", "theo-doi", start=date(2026, 2, 10))],
                    [went("m", "cb-thon-1", date(2026, 2, 5))])
    assert obligations(prov, date(2026, 3, 1), "m", Q1)["C"].status == "due"


def test_rule_c_for_an_organization_without_residential_cells_accepts_any_of_its_cells():
    prov = province([bch("m")], [assign("m", "so-y-te", "theo-doi")], [went("m", "cb-so-1", date(2026, 2, 5))])
    c = obligations(prov, date(2026, 3, 1), "m", Q1)["C"]
    assert c.status == "met" and not c.qualifying.residential_only


def test_a_btv_member_in_charge_of_a_district_and_the_police_needs_a_residential_cell():
    prov = province([btv("m")], [assign("m", "huyen-a", "phu-trach"), assign("m", "cong-an", "phu-trach")],
                    [went("m", "cb-ca-1", date(2026, 2, 10))])
    a = obligations(prov, date(2026, 3, 1), "m", H1)["A"]
    assert a.status == "due" and a.qualifying.organizations == ("huyen-a",)


def test_a_planned_visit_shows_until_the_meeting_is_recorded():
    prov = province([bch("m")], [assign("m", "xa-a1", "theo-doi")], visits=[visit("m", "cb-thon-2", date(2026, 3, 5))])
    c = obligations(prov, date(2026, 3, 1), "m", Q1)["C"]
    assert (c.status, c.planned_by) == ("planned", "lich-m-cb-thon-2-2026-03-05")
    assert obligations(prov, date(2026, 4, 1), "m", Q1)["C"].status == "missed"


def test_a_cancelled_visit_plans_nothing():
    prov = province([bch("m")], [assign("m", "xa-a1", "theo-doi")],
                    visits=[visit("m", "cb-thon-2", date(2026, 3, 5), status="cancelled")])
    assert obligations(prov, date(2026, 3, 1), "m", Q1)["C"].status == "due"


def test_an_unmet_obligation_is_due_until_the_last_day_and_missed_after():
    prov = province([bch("m")], [assign("m", "xa-a1", "theo-doi")])
    assert obligations(prov, date(2026, 3, 31), "m", Q1)["C"].status == "due"
    assert obligations(prov, date(2026, 4, 1), "m", Q1)["C"].status == "missed"


def test_a_record_dated_after_the_as_of_date_is_not_yet_counted():
    prov = province([bch("m")], [assign("m", "xa-a1", "theo-doi")], [went("m", "cb-thon-1", date(2026, 3, 5))])
    assert obligations(prov, date(2026, 3, 1), "m", Q1)["C"].status == "due"
    assert obligations(prov, date(2026, 3, 5), "m", Q1)["C"].status == "met"


def test_report_deadlines_are_the_24th_before_the_25th():
    assert report_deadline(Q1) == date(2026, 3, 24)
    assert report_deadline(H2) == date(2026, 12, 24)


def test_a_report_on_the_24th_is_on_time_and_on_the_25th_is_late():
    for submitted, status in ((date(2026, 6, 24), "met"), (date(2026, 6, 25), "late")):
        prov = province([btv("m")], [assign("m", "huyen-a", "phu-trach")], reports=[report("m", "2026-H1", submitted)])
        assert obligations(prov, date(2026, 7, 1), "m", H1)["R1"].status == status


def test_a_report_not_sent_by_the_deadline_is_missed():
    prov = province([bch("m")], [assign("m", "huyen-a", "theo-doi")])
    assert obligations(prov, date(2026, 3, 24), "m", Q1)["R2"].status == "due"
    assert obligations(prov, date(2026, 3, 25), "m", Q1)["R2"].status == "missed"


def test_a_btv_member_follows_only_the_btv_rules():
    prov = province([btv("m")], [assign("m", "huyen-a", "phu-trach")])
    codes = {o.rule.code for o in evaluate(prov, date(2026, 3, 1)).by_member["m"]}
    assert codes == {"A", "B", "R1"}


def test_a_member_promoted_to_btv_on_1_august_owes_a_and_b_for_h2_but_not_c_for_q3():
    member = bch("m", btv_from=date(2026, 8, 1))
    prov = province([member], [assign("m", "xa-a1", "theo-doi", end=date(2026, 7, 31)),
                               assign("m", "huyen-a", "phu-trach", start=date(2026, 8, 1))])
    h2 = obligations(prov, date(2026, 8, 15), "m", H2)
    assert h2["A"].status == "due" and h2["B"].status == "due" and h2["D"].status == "not-applicable"
    q3 = obligations(prov, date(2026, 8, 15), "m", Q3)
    assert q3["C"].status == "not-applicable" and "31/92" in q3["C"].reason


def test_periods_run_from_the_effective_date_to_the_end_of_the_next_half():
    codes = [p.code for p in evaluate(province([bch("m")]), date(2026, 11, 25)).periods]
    assert codes[0] == "2026-H1" and codes[1] == "2026-Q1"
    assert codes[-1] == "2027-Q2" and "2027-H1" in codes and "2027-H2" not in codes


def test_a_meeting_before_the_effective_date_or_before_the_role_does_not_count():
    early = province([btv("m")], [assign("m", "huyen-a", "phu-trach")],
                     [went("m", "cb-thon-1", date(2026, 1, 3)), went("m", "to-1", date(2026, 1, 4), area=True)],
                     effective=date(2026, 1, 5))
    found = obligations(early, date(2026, 7, 10), "m", H1)
    assert found["A"].status == "missed" and found["B"].status == "missed"
    late_joiner = province([bch("m", since=date(2026, 7, 20))], [assign("m", "xa-a1", "theo-doi", start=date(2026, 7, 20))],
                           [went("m", "to-1", date(2026, 7, 10), area=True)])
    assert obligations(late_joiner, date(2026, 8, 1), "m", H2)["D"].status == "due"


def test_a_role_ending_weeks_after_a_february_effective_date_is_not_applicable_with_its_reason():
    # Effective 2 February; the role and assignment end 20 February, 10 March or 30 April: more than half of
    # the calendar period, less than half of the days that count (from the effective date on).
    for end, period, rule, days in ((date(2026, 2, 20), Q1, "C", "19/90"), (date(2026, 3, 10), Q1, "R2′", "37/90"),
                                    (date(2026, 4, 30), H1, "D", "88/181")):
        prov = province([bch("m", until=end)], [assign("m", "xa-a1", "theo-doi", end=end)],
                        effective=date(2026, 2, 2))
        found = obligations(prov, date(2026, 11, 25), "m", period)
        assert {o.status for o in found.values()} == {"not-applicable"}
        assert found[rule].reason.startswith(
            f"Là Ủy viên BCH {days} ngày của kỳ, tính từ ngày 02/02/2026")
        assert found[rule].covered_days == int(days.split("/")[0])


def test_a_bch_member_made_btv_mid_quarter_is_told_the_days_counted_are_those_not_also_btv():
    # BCH all of Q3 (92 days), BTV from 15 August: 45 BCH-only days, less than half.
    prov = province([bch("m", btv_from=date(2026, 8, 15))], [assign("m", "xa-a1", "theo-doi")])
    c = obligations(prov, date(2026, 11, 25), "m", Q3)["C"]
    assert c.status == "not-applicable"
    assert c.reason.startswith("Là Ủy viên BCH (không kiêm Ủy viên BTV) 45/92 ngày của kỳ")
