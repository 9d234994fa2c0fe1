"""SEQUENCE and LAST-MODIFIED: they move forward when an event's time changes, and never back."""

from datetime import date

import pytest

from generator.feeds.events import Event
from generator.feeds.revisions import Revision, dump, parse, revise

MONDAY, LATER, LATEST = date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)


def event(timing: str, uid: str = "chi-bo.cb-1@example.test") -> Event:
    return Event(uid, "Sinh hoạt", date(2026, 3, 5), date(2026, 3, 6), timing)


def test_an_event_seen_for_the_first_time_is_version_0_of_that_day():
    assert revise({}, [event("19:30")], MONDAY) == {"chi-bo.cb-1@example.test": Revision("19:30", 0, MONDAY)}


def test_an_unchanged_event_keeps_its_number_and_date():
    first = revise({}, [event("19:30")], MONDAY)
    assert revise(first, [event("19:30")], LATER) == first


def test_a_change_of_time_raises_the_number_and_the_date():
    second = revise(revise({}, [event("19:30")], MONDAY), [event("20:00")], LATER)
    assert second["chi-bo.cb-1@example.test"] == Revision("20:00", 1, LATER)


def test_changing_a_time_back_still_moves_forward():
    ledger = revise({}, [event("19:30")], MONDAY)
    ledger = revise(ledger, [event("20:00")], LATER)
    ledger = revise(ledger, [event("19:30")], LATEST)
    assert ledger["chi-bo.cb-1@example.test"] == Revision("19:30", 2, LATEST)


def test_an_event_that_leaves_the_feeds_keeps_its_number_for_when_it_returns():
    ledger = revise(revise({}, [event("19:30")], MONDAY), [event("20:00")], LATER)
    gone = revise(ledger, [], LATEST)
    back = revise(gone, [event("21:00")], LATEST)
    assert back["chi-bo.cb-1@example.test"].sequence == 2


def test_an_event_in_several_feeds_is_one_entry():
    assert len(revise({}, [event("19:30"), event("19:30")], MONDAY)) == 1


def test_one_event_with_two_timings_in_a_build_is_refused():
    with pytest.raises(ValueError, match="two timings"):
        revise({}, [event("19:30"), event("20:00")], MONDAY)


def test_the_ledger_file_reads_back_what_was_written_one_event_per_line():
    ledger = revise({}, [event("19:30"), event("2026-06-24", "han.x@example.test")], MONDAY)
    text = dump(ledger)
    assert parse(text) == ledger
    assert len(text.splitlines()) == 2 + len(ledger)
