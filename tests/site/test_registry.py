"""Each reader's site, read from the built files and the page registry (no server): every file is a kind
the registry knows, every link on a page opens for everyone who may read that page, and nothing a member
may open tells another member's status, residence or visits."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from html import unescape
from pathlib import Path

import pytest

from generator.load.data import load
from generator.model import vi
from generator.site import registry
from generator.site.registry import Role

from ..support.links import hrefs, may_open, readers, site_files, target


@pytest.fixture(scope="module")
def files(built) -> list[str]:
    return site_files(built)


@pytest.fixture(scope="module")
def data(built) -> Path:
    return built.parent / "data"


@pytest.fixture(scope="module")
def site_url(data) -> str:
    return load(data).settings.site_url


def test_every_file_of_the_site_is_a_kind_of_the_registry(files):
    unknown = [f for f in files if not registry.kinds_of(f)]
    assert unknown == []


def test_where_two_kinds_match_one_file_they_let_in_the_same_readers(files):
    found = {f: registry.kinds_of(f) for f in files}
    disagree = [(f, [k.key for k in kinds]) for f, kinds in found.items() if len({k.readers for k in kinds}) > 1]
    assert disagree == []


def test_every_kind_of_the_registry_has_files_in_the_built_site(files):
    """A kind with no file is a stale entry (the sample has every kind of page)."""
    empty = [k.key for k in registry.KINDS.values() if not any(k.matches(f) is not None for f in files)]
    assert empty == []


def test_every_menu_entry_is_a_page_of_the_site(files):
    missing = [e.path for e in registry.MENU if e.path != registry.START and e.path not in files]
    assert missing == []


def test_every_reader_has_a_start_page_that_exists(built, data):
    for reader in readers(data):
        start = registry.start(reader)
        page = start + "index.html" if start.endswith("/") else start
        assert (built / page).is_file(), (reader, start)
        assert registry.may_read(page, reader), (reader, start)


def page_links(built: Path, files: list[str], site_url: str) -> dict[str, set[str]]:
    """Every HTML file's links to files of the site (the reader's start for the root)."""
    found = {}
    for f in files:
        if f.endswith(".html"):
            html = (built / f).read_text(encoding="utf-8")
            found[f] = {t for h in hrefs(html) if (t := target(f, unescape(h), site_url)) is not None}
    return found


def test_every_link_on_a_page_opens_for_everyone_who_may_read_the_page(built, files, data, site_url):
    """Pages, menu, buttons, downloads and feed addresses: no reader of a page meets a link that answers
    them 404 (a link to a missing file counts too)."""
    existing = set(files)
    dead: dict[tuple[str, str], list[str]] = defaultdict(list)
    everyone = readers(data)
    for page, links in page_links(built, files, site_url).items():
        page_readers = [r for r in everyone if registry.may_read(page, r)]
        for link in sorted(links):
            if link != registry.START and link not in existing:
                dead[(page, link)].append("missing")
                continue
            blocked = [f"{r.role}:{r.login}" for r in page_readers if not may_open(link, r)]
            if blocked:
                dead[(page, link)] += blocked[:3]
    assert dict(dead) == {}


def test_a_members_page_shows_no_board_section_and_the_boards_pages_keep_the_whole_menu(built):
    member = (built / "thanh-vien" / sorted(p.stem for p in (built / "thanh-vien").glob("*.html")
                                            if p.stem != "index")[0]).with_suffix(".html")
    board = built / "bang-tong-hop" / "index.html"
    assert "Ban Tổ chức" not in nav(member.read_text(encoding="utf-8"))
    board_menu = nav(board.read_text(encoding="utf-8"))
    assert "Ban Tổ chức" in board_menu and "Giấy nhắc" in board_menu and "Quy định" in board_menu


def nav(html: str) -> str:
    """The text of the primary menu."""
    found = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', html, re.S)
    return re.sub(r"<[^>]+>", " ", found.group(0)) if found else ""


# -- least privilege: what a member may open says nothing of another member's status, residence or visits


def blocks(text: str, name: str) -> list[str]:
    """A file cut into what a reader reads as one statement: a page's rows, items and paragraphs; a JSON
    file's lines (one item each); a feed's events (its folded lines joined)."""
    if name.endswith(".ics"):
        return text.replace("\r\n ", "").split("BEGIN:VEVENT")
    if name.endswith(".json"):
        return text.splitlines()
    text = re.sub(r"<script.*?</script>", " ", text, flags=re.S)
    return [re.sub(r"<[^>]+>", " ", unescape(b)) for b in re.split(r"<(?:tr|li|p|h[1-6]|dt|dd)\b", text)]


@pytest.fixture(scope="module")
def secrets(data):
    """For each member: what only that member, their committee and the staff may know."""
    province = load(data)
    statuses = [s.lower() for s in vi.STATUSES.values() if s]
    found = {}
    for m in province.members.values():
        places = [province.place_by_id(p).name for p in (m.residence_cell, m.residence_area) if p]
        visits = [vi.day(v.date) for v in province.index.visits.get(m.id, ())]
        found[m.id] = (m.name, places, visits, statuses)
    return found


def leaks(text_blocks: list[str], member: str, secrets) -> list[str]:
    name, places, visits, statuses = secrets[member]
    out = []
    for block in text_blocks:
        if name not in block:
            continue
        low = block.lower()
        out += [f"{name}: {s}" for s in statuses if s in low]
        out += [f"{name}: ở {p}" for p in places if p in block]
        out += [f"{name}: dự ngày {d}" for d in visits if d in block]
    return out


def test_nothing_a_member_may_open_tells_another_members_status_residence_or_visits(built, files, data, secrets):
    """Checked by path (the registry) and by text: on every page and JSON file one member may open, and in
    their own calendar feed, no row, item or paragraph names another member with a status, their residence
    or a date they are to attend."""
    province = load(data)
    found = {}
    for member in list(province.members)[:: max(1, len(province.members) // 6)]:
        reader = registry.Reader(Role.MEMBER, member)
        others = [m for m in province.members if m != member]
        page = (built / registry.kind("member").path(member=member)).read_text(encoding="utf-8")
        own_feed = re.search(r"lich/[a-z2-7]{32}\.ics", page).group(0)
        for f in files:
            if f == own_feed or f.endswith((".html", ".json")) and registry.may_read(f, reader):
                text_blocks = blocks((built / f).read_text(encoding="utf-8"), f)
                bad = [leak for other in others for leak in leaks(text_blocks, other, secrets)]
                if bad:
                    found[(member, f)] = bad[:3]
    assert found == {}


def test_the_search_index_and_the_sitemap_tell_a_member_nothing_of_another_member(built, data):
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] or "index.html" for doc in index["docs"]}
    assert pages and all(registry.kind_of(p).for_everyone for p in pages)
    assert not registry.may_read("sitemap.xml", registry.Reader(Role.MEMBER, next(iter(load(data).members))))


# What each role reads, as the readers' issue says it (not read from the registry): a member reads the
# regulation, the guidance, their own page, drafts and feed, and the organizations' pages; a committee its own
# organization's page, notices and feeds and the organizations' pages; the Board and the Office everything.
SHARED = {"home", "regulation", "guidance", "missing", "theme", "search", "feed-qr", "organizations", "organization"}
SPEC = {
    Role.MEMBER: SHARED | {"member", "draft", "member-feed-json"},
    Role.COMMITTEE: SHARED | {"committee", "committee-notices", "organization-feed"},
    Role.BOARD: set(registry.KINDS) - {"feed"},
    Role.OFFICE: set(registry.KINDS) - {"feed"},
}
OWN_ONLY = {"member", "draft", "member-feed-json", "committee", "committee-notices", "organization-feed"}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_reads_what_the_readers_issue_says_and_nothing_more(role):
    reads = {k.key for k in registry.KINDS.values() if any(a.role is role for a in k.readers)}
    assert reads == SPEC[role]
    scoped = {k.key for k in registry.KINDS.values() if any(a.role is role and a.scope is not registry.Scope.ANY
                                                             for a in k.readers)}
    assert scoped == (SPEC[role] & OWN_ONLY if role in (Role.MEMBER, Role.COMMITTEE) else set())


def test_only_the_feed_files_open_without_signing_in():
    assert [k.key for k in registry.KINDS.values() if k.public] == ["feed"]
