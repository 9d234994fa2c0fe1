from datetime import date

from generator.model.periods import Period, between, containing, overlap_days, parse, subtract


def test_quarters_and_halves_have_calendar_bounds():
    assert (Period(2026, "Q", 2).start, Period(2026, "Q", 2).end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert Period(2026, "Q", 2).days == 91
    assert Period(2026, "H", 1).days == 181
    assert Period(2028, "H", 1).days == 182
    assert Period(2026, "H", 2).end == date(2026, 12, 31)


def test_periods_are_named_in_vietnamese():
    assert Period(2026, "Q", 3).label == "Quý III/2026"
    assert Period(2026, "H", 1).label == "6 tháng đầu năm 2026"
    assert Period(2026, "H", 2).label == "6 tháng cuối năm 2026"
    assert Period(2026, "Y", 1).label == "Năm 2026"


def test_period_codes_round_trip():
    for code in ("2026-Q1", "2026-Q4", "2026-H2", "2026-Y"):
        assert parse(code).code == code
    assert parse("2026-Q5") is None
    assert parse("2026/Q1") is None


def test_the_next_period_crosses_the_year():
    assert Period(2026, "Q", 4).next() == Period(2027, "Q", 1)
    assert Period(2026, "H", 2).next() == Period(2027, "H", 1)


def test_periods_between_two_dates_include_both_ends():
    assert [p.code for p in between(date(2026, 3, 31), date(2026, 7, 1), "Q")] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert containing(date(2026, 7, 1), "H").code == "2026-H2"


def test_overlapping_spans_are_counted_once():
    q2 = Period(2026, "Q", 2)
    spans = [(date(2026, 5, 20), date(2026, 12, 31)), (date(2026, 6, 1), date(2026, 6, 10))]
    assert overlap_days(spans, q2) == 42
    assert overlap_days([(date(2025, 1, 1), date(2026, 4, 10))], q2) == 10
    assert overlap_days([], q2) == 0


def test_subtracting_spans_leaves_the_uncovered_days():
    whole = [(date(2026, 1, 1), date(2026, 12, 31))]
    assert subtract(whole, [(date(2026, 3, 1), date(2026, 3, 31))]) == [
        (date(2026, 1, 1), date(2026, 2, 28)), (date(2026, 4, 1), date(2026, 12, 31))]
    assert subtract(whole, whole) == []
