"""What the tests share besides fixtures (those are in `tests/conftest.py`): the small province in
memory (`builders`) and as data files (`files`), the project copied and run (`project`), the
browser's settings (`browser`), and the calendar checkers (`calendars`)."""
