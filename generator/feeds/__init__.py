"""The calendar feeds: their events, iCalendar writing, secret file names, version ledger, subscribe boxes."""
