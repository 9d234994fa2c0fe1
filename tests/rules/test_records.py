"""Records that cannot count: each is listed with its true reason, and none is missed."""

from datetime import date

from generator.model import Report
from generator.model.periods import Period
from generator.model.tree import Tree
from generator.rules.obligations import evaluate
from generator.rules.records import record_warnings

from ..support.builders import assign, bch, province, report, went


def warnings_of(prov, as_of=date(2026, 11, 25)):
    tree = Tree(prov)
    return {w.record: w.message for w in record_warnings(prov, evaluate(prov, as_of, tree), tree)}


def test_a_meeting_in_the_assigned_organization_while_c_does_not_apply_says_c_does_not_apply_and_why():
    # The role starts 20 May: C does not apply in Q2 (42/91 days), D does not apply in H1 either.
    prov = province([bch("m", since=date(2026, 5, 20))], [assign("m", "xa-a1", "theo-doi", start=date(2026, 5, 20))],
                    [went("m", "cb-thon-1", date(2026, 6, 5))])
    message = warnings_of(prov)["dsh-m-cb-thon-1-2026-06-05"]
    assert message.startswith("được tính cho nghĩa vụ C")
    assert "không áp dụng trong Quý II/2026: Là Ủy viên BCH 42/91 ngày của kỳ" in message
    assert "không thuộc đảng bộ nào" not in message


def test_a_meeting_at_the_residence_while_bch_only_and_d_does_not_apply_is_listed_with_why():
    # BCH from 1 January, BTV from 15 February: in H1 B applies (136 BTV days), D does not (45 BCH-only days).
    # A meeting at the residence cell on a BCH-only day counts for neither B (not a BTV day) nor D.
    prov = province([bch("m", since=date(2026, 1, 1), btv_from=date(2026, 2, 15))],
                    [assign("m", "xa-a1", "theo-doi", end=date(2026, 2, 14)),
                     assign("m", "huyen-a", "phu-trach", start=date(2026, 2, 15))],
                    [went("m", "cb-to-1", date(2026, 2, 5))])
    found = {o.rule.code: o for o in evaluate(prov, date(2026, 11, 25)).by_member["m"] if o.period == Period(2026, "H", 1)}
    assert found["B"].status == "missed" and found["D"].status == "not-applicable"
    message = warnings_of(prov)["dsh-m-cb-to-1-2026-02-05"]
    assert message.startswith("được tính cho nghĩa vụ D")
    assert "Là Ủy viên BCH (không kiêm Ủy viên BTV) 45/181 ngày của kỳ" in message


def test_a_report_sent_before_its_period_begins_does_not_count_and_is_listed():
    prov = province([bch("m")], [assign("m", "huyen-a", "theo-doi")],
                    reports=[Report("bc-early", "m", "2027-Q1", date(2026, 11, 20), None)])
    as_of = date(2027, 4, 1)
    r2 = {o.rule.code: o for o in evaluate(prov, as_of).by_member["m"] if o.period == Period(2027, "Q", 1)}["R2"]
    assert r2.status == "missed" and r2.met_by is None
    assert warnings_of(prov, as_of)["bc-early"] == (
        "ngày gửi 20/11/2026 trước khi Quý I/2027 bắt đầu (01/01/2027): không thể báo cáo về một kỳ chưa diễn ra; "
        "kiểm tra lại kỳ (period) hoặc ngày gửi")


def test_a_report_sent_in_time_after_an_early_one_is_the_one_that_counts():
    prov = province([bch("m")], [assign("m", "huyen-a", "theo-doi")],
                    reports=[Report("bc-early", "m", "2027-Q1", date(2026, 11, 20), None),
                             report("m", "2027-Q1", date(2027, 3, 20))])
    as_of = date(2027, 4, 1)
    r2 = {o.rule.code: o for o in evaluate(prov, as_of).by_member["m"] if o.period == Period(2027, "Q", 1)}["R2"]
    assert r2.status == "met" and r2.met_by == "bc-m-2027-Q1"
    assert set(warnings_of(prov, as_of)) == {"bc-early"}
