"""The catalog of bad inputs in tests/bad_inputs/: each folder replaces some data files of the
small province (support/files.py SMALL); `REMOVED` lists files taken away, `PADDED` a file grown to a
size, `SPECIAL` data files that are not plain files, one a line:

    reports.yml link TARGET     a symlink to TARGET (absolute, or relative to data/)
    reports.yml fifo            a FIFO (named pipe)
    reports.yml unreadable      mode 000; as root the build runs without the power to read it anyway
                                (setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), as a user does

`expected.txt` is exactly what the user reads on the terminal. Every case must stop the build
with that message, no traceback, and the previous site and state (site/, state/) untouched.

Most cases run the command line in this process (`cli.main`, as `sinh-hoat build` runs it), against a
project whose previous site and state are placeholders: a data problem stops the build before anything
is written, so any write would show. The cases that need a process of their own run one: a file that
is not a plain file (a FIFO must never block the build, hence a timeout; symlinks) and the unreadable
file (the build runs without root's power to read it). One case of each class of problem also runs as
a real build in its own process, against a real built site (`REPRESENTATIVES`, in the slow tier).

tests/accepted_inputs/ holds inputs that look hostile but are valid data (markup in a name,
decomposed Unicode, iCalendar's special characters): they build, and each line `page | text`
of `expected.txt` must be read on that page exactly as written.

Refresh the expected messages after a deliberate change of wording with
`UPDATE_CATALOG=1 .venv/bin/python -m pytest tests/load/test_bad_inputs.py`, then read the diff.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import cli

from ..support.files import write_data
from ..support.project import AS_OF, ROOT, project, run

CATALOG = ROOT / "tests" / "bad_inputs"
CASES = sorted(p.name for p in CATALOG.iterdir() if p.is_dir())


def fingerprint(root: Path) -> str:
    """The built site and the build's state, byte for byte."""
    digest = hashlib.sha256()
    for folder in (root / "site", root / "state"):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def small_project(tmp_path_factory) -> tuple[Path, str]:
    """A project with the small province built once; each case then breaks its data."""
    folder = tmp_path_factory.mktemp("catalog")
    root = project(folder, data=write_data(folder / "small"))
    result = run(root, "build", "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert (root / "state").is_dir()
    return root, fingerprint(root)


def prepare(root: Path, case: Path) -> None:
    data = root / "data"
    shutil.rmtree(data)
    write_data(data)
    for name in (case / "REMOVED").read_text().split() if (case / "REMOVED").exists() else ():
        (data / f"{name}.yml").unlink()
    for file in case.glob("*.yml"):
        shutil.copy(file, data / file.name)
    if (case / "PADDED").exists():
        name, size = (case / "PADDED").read_text().split()
        with open(data / name, "a", encoding="utf-8") as handle:
            handle.write("#" * (int(size) - (data / name).stat().st_size) + "\n")
    for line in special(case):
        name, what, *target = line.split()
        (data / name).unlink(missing_ok=True)
        if what == "link":
            os.symlink(target[0], data / name)
        elif what == "fifo":
            os.mkfifo(data / name)
        else:
            (data / name).write_text("[]\n", encoding="utf-8")
            (data / name).chmod(0)


def special(case: Path) -> list[str]:
    return (case / "SPECIAL").read_text().splitlines() if (case / "SPECIAL").exists() else []


def build(root: Path, case: Path) -> subprocess.CompletedProcess:
    """The build, as a user who cannot read a mode-000 file: root gives up its power to read it anyway."""
    command = [sys.executable, "-m", "generator", "build", "--as-of", AS_OF]
    if any(line.endswith(" unreadable") for line in special(case)) and os.geteuid() == 0:
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    env = {k: v for k, v in os.environ.items() if k != "FEED_SECRET"}
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=60)


def needs_a_process(name: str) -> bool:
    """A data file that is not a plain file (a FIFO, a symlink) or cannot be read: a build of its own, with a timeout."""
    return bool(special(CATALOG / name))


# One case per class of problem, also run as a real build in its own process against a real built site.
REPRESENTATIVES = {
    "a file missing or too big": "missing-file",
    "bytes that are not text": "not-utf8",
    "characters a file may not hold": "raw-nul",
    "YAML that does not parse": "yaml-unclosed-quote",
    "YAML features refused": "alias-bomb",
    "a value of the wrong type": "wrong-type-list",
    "a key that does not exist": "unknown-key-typo",
    "an impossible date": "impossible-date",
    "an id unsafe in an address": "unsafe-id-path",
    "a reference to nothing": "dangling-member",
    "the organization tree": "organization-cycle",
    "a schedule": "schedule-never-occurs",
    "records against each other": "visit-on-a-day-without-meeting",
}


def test_the_catalog_holds_at_least_forty_cases_and_each_class_has_its_representative():
    assert len(CASES) >= 40
    assert all((CATALOG / c / "README").exists() for c in CASES)
    assert set(REPRESENTATIVES.values()) <= set(CASES)


def check(case: Path, status: int, stdout: str, stderr: str) -> None:
    """What the user reads: exactly the expected message, no traceback, exit status 1, nothing on stdout."""
    expected = case / "expected.txt"
    if os.environ.get("UPDATE_CATALOG"):
        expected.write_text(stderr, encoding="utf-8")
    assert "Traceback" not in stderr
    assert status == 1
    assert stderr == expected.read_text(encoding="utf-8")
    assert stdout == ""


@pytest.fixture(scope="module")
def placeholder_project(tmp_path_factory) -> tuple[Path, str]:
    """A project whose previous site and state are placeholders; each case then breaks its data."""
    root = tmp_path_factory.mktemp("catalog-in-process")
    write_data(root / "data")
    for name in ("site/index.html", "site/lich/feed.ics", "state/feed-revisions.json"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"the previous {name}\n", encoding="utf-8")
    return root, fingerprint(root)


@pytest.mark.parametrize("name", [c for c in CASES if not needs_a_process(c)])
def test_a_bad_input_stops_the_build_with_its_message_and_keeps_the_site(placeholder_project, name, monkeypatch,
                                                                        capsys):
    root, before = placeholder_project
    case = CATALOG / name
    prepare(root, case)
    monkeypatch.chdir(root)
    monkeypatch.delenv("FEED_SECRET", raising=False)
    status = cli.main(["build", "--as-of", AS_OF])
    out = capsys.readouterr()
    check(case, status, out.out, out.err)
    assert fingerprint(root) == before


@pytest.mark.parametrize("name", [c for c in CASES if needs_a_process(c)])
def test_a_data_file_that_is_not_a_plain_readable_file_stops_the_build_in_its_own_process(placeholder_project, name):
    in_its_own_process(*placeholder_project, CATALOG / name)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(REPRESENTATIVES.values()))
def test_one_bad_input_of_each_class_stops_a_real_build_and_keeps_the_built_site(small_project, name):
    in_its_own_process(*small_project, CATALOG / name)


def in_its_own_process(root: Path, before: str, case: Path) -> None:
    prepare(root, case)
    result = build(root, case)
    check(case, result.returncode, result.stdout, result.stderr)
    assert fingerprint(root) == before


ACCEPTED = ROOT / "tests" / "accepted_inputs"


class Text(HTMLParser):
    """The text a reader sees in the page's article."""

    def __init__(self):
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def article_text(path: Path) -> str:
    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture(scope="module")
def accepting_project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("accepted")
    return project(folder, data=write_data(folder / "small"))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(p.name for p in ACCEPTED.iterdir() if p.is_dir()))
def test_a_valid_input_that_looks_hostile_builds_and_reads_as_written(accepting_project, name):
    root = accepting_project
    prepare(root, ACCEPTED / name)
    result = run(root, "build", "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    for line in (ACCEPTED / name / "expected.txt").read_text(encoding="utf-8").splitlines():
        page, text = line.split(" | ", 1)
        assert text in article_text(root / "site" / page), (page, text)
        assert "<script>alert" not in (root / "site" / page).read_text(encoding="utf-8")
