"""The access matrix through real nginx, from the page registry: a file of every kind (and of every scoped
kind, the test accounts' own and another's) × every kind of account, with URL variants."""

from __future__ import annotations

import csv
import json
import re
from functools import cache

import pytest

from generator.load.data import load
from generator.model.tree import Tree
from generator.site import registry
from generator.site.registry import Reader, Role

from ..support.links import site_files
from .conftest import SAMPLE_ACCOUNTS

pytestmark = pytest.mark.nginx


@cache
def sample_accounts() -> dict[str, str]:
    with SAMPLE_ACCOUNTS.open(encoding="utf-8") as f:
        return {row["login"]: row["role"] for row in csv.DictReader(f)}


def accounts_of(role: str) -> list[str]:
    return [login for login, r in sample_accounts().items() if r == role]


@pytest.fixture(scope="module")
def readers(server) -> dict[str, Reader]:
    """Two members with report drafts, two committees, the Board and the Office, as the registry sees them."""
    tree = Tree(load(server.site.parent / "data"))
    drafted = {f.split("/")[1].rsplit("-", 2)[0] for f in site_files(server.site) if f.startswith("bao-cao/")}
    members = [m for m in accounts_of("member") if any(d.startswith(m) for d in drafted)][:2]
    committees = accounts_of("committee")[:2]
    chosen = {m: Reader(Role.MEMBER, m) for m in members}
    chosen |= {c: Reader(Role.COMMITTEE, c, frozenset(tree.subtree(c))) for c in committees}
    chosen |= {login: Reader(Role(role), login) for login, role in sample_accounts().items()
               if role in ("board", "office")}
    return chosen


@pytest.fixture(scope="module")
def matrix(server, readers) -> dict[str, set[str]]:
    """For each kind of the registry, the files of the test accounts (and the first file of the kind), with the
    accounts the registry lets read each."""
    files = site_files(server.site)
    chosen = {}
    for kind in registry.KINDS.values():
        if kind.key == "missing" or kind.public:
            continue
        matching = [f for f in files if kind.matches(f) is not None]
        own = [f for f in matching if any(login in f for login in readers)]
        chosen.update({f: kind for f in [*matching[:1], *own[:6]]})
    return {"/" + f: {login for login, r in readers.items() if registry.may_read(f, r)} for f in chosen}


def test_the_matrix_covers_every_kind_of_page_and_every_kind_of_account(matrix, readers):
    kinds = {registry.kind_of(p.lstrip("/")).key for p in matrix}
    assert kinds == {k.key for k in registry.KINDS.values() if k.key != "missing" and not k.public}
    assert {r.role for r in readers.values()} == set(Role)


def test_every_file_is_served_to_exactly_the_accounts_the_registry_lets_read_it(server, matrix, readers):
    wrong = []
    for path, allowed in matrix.items():
        for login in readers:
            status = server.get(path, login).status
            if status != (200 if login in allowed else 404):
                wrong.append((path, login, status))
    assert wrong == []


def test_the_root_takes_each_account_to_its_start_page(server, readers):
    for login, reader in readers.items():
        answer = server.get("/", login)
        assert answer.status == 302, login
        assert answer.headers["location"] == "/" + registry.start(reader), login
        start = answer.headers["location"]
        assert server.get(start + ("index.html" if start.endswith("/") else ""), login).status == 200


def test_not_signed_in_only_the_sign_in_prompt_and_the_feed_files(server, matrix):
    feed = next(f for f in site_files(server.site) if f.endswith(".ics"))
    answer = server.get("/" + feed)
    assert answer.status == 200 and answer.body.startswith(b"BEGIN:VCALENDAR")
    assert answer.headers["content-type"].startswith("text/calendar")
    for path in ["/", *matrix, *MISSING]:
        answer = server.get(path)
        assert answer.status == 401, path
        assert answer.headers["www-authenticate"].startswith("Basic realm=")
    member = accounts_of("member")[0]
    assert server.get(f"/thanh-vien/{member}.html", member, "sai-mat-khau").status == 401
    assert server.get("/index.html", "khong-co-tai-khoan", "x").status == 401
    assert server.get("/lich/" + "a" * 32 + ".ics").status == 404


MISSING = ["/khong-co-trang-nay.html", "/thanh-vien/khong-co-ai.html", "/bao-cao/khong-co-ai-2026-q1.html",
           "/tong-hop/1999.html", "/lich/", "/bao-cao/", "/api/", "/assets/", "/to-chuc/khong-co/"]


def test_a_missing_page_or_a_folder_is_the_sites_404_page_for_everyone_signed_in(server, readers):
    for path in MISSING:
        for login in readers:
            answer = server.get(path, login)
            assert answer.status == 404, (path, login)
            assert b"Index of" not in answer.body
            assert "Không mở được trang này".encode() in answer.body
            assert answer.headers["content-type"].startswith("text/html")


def test_a_page_one_may_not_read_answers_exactly_as_a_missing_one(server, readers):
    member, other = [login for login, r in readers.items() if r.role is Role.MEMBER]
    forbidden = server.get(f"/thanh-vien/{other}.html", member)
    missing = server.get("/thanh-vien/khong-co-ai.html", member)
    assert (forbidden.status, forbidden.body) == (missing.status, missing.body) == (404, missing.body)
    same = ("content-type", "content-length", "cache-control", "content-security-policy")
    assert [forbidden.headers.get(h) for h in same] == [missing.headers.get(h) for h in same]
    json_missing = server.get("/api/members.json", member)
    assert json_missing.status == 404 and json_missing.headers["content-type"].startswith("text/html")


def variants(path: str, member: str) -> list[str]:
    """Other spellings of `path` a client may send."""
    inner = path[1:]
    found = [
        path.replace("/", "//"), "/" + inner.replace("/", "%2f"), "/" + inner.replace("/", "%2F"),
        "/lich/%2e%2e/" + inner, "/lich/../" + inner, "/lich/%2E%2E%2f" + inner, "/./" + inner, "/%2e/" + inner,
        f"/thanh-vien/{member}.html/../../" + inner, f"/thanh-vien/{member}.html%2f..%2f..%2f" + inner,
        path + ".", path + "..", path + "/", path + "%20", path + "%00", path + "%0a", path + "?x=1", path + ";.css",
        path.upper(), path.title(), path.replace(".", "%2e"), "/" + inner.replace("/", "\\"),
        re.sub(r"[a-z]", lambda m: f"%{ord(m.group()):02x}", path, count=3),
    ]
    if path.endswith("/index.html"):
        folder = path[: -len("index.html")]
        found += [folder, folder.rstrip("/"), folder + "./", folder + ".//index.html", folder + "INDEX.html",
                  folder + "index.htm", folder + "index.html/", folder + "%69ndex.html"]
    return found


def test_the_url_variants_reach_the_file_for_a_reader_who_may_read_it(server, readers):
    member, other = [login for login, r in readers.items() if r.role is Role.MEMBER]
    path = f"/thanh-vien/{other}.html"
    expected = server.get(path, other).body
    reached = [v for v in variants(path, member) if server.get(v, other).body == expected]
    assert len(reached) >= 8, reached   # the spellings nginx normalises do reach the page


def token_of(server, page: str) -> str:
    """The feed file name a subscribe box offers on a page of the site."""
    return re.search(r"lich/([a-z2-7]{32})\.ics", (server.site / page).read_text(encoding="utf-8")).group(1)


def test_a_member_cannot_read_another_members_or_the_boards_files_by_any_url_variant(server, readers, matrix):
    member, other = [login for login, r in readers.items() if r.role is Role.MEMBER]
    committee = next(login for login, r in readers.items() if r.role is Role.COMMITTEE)
    forbidden = [p for p, allowed in matrix.items() if member not in allowed]
    secrets = [token_of(server, f"thanh-vien/{other}.html"), token_of(server, f"to-chuc/{committee}/lich.html"),
               token_of(server, "bang-tong-hop/lich.html")]
    leaks = []
    for path in forbidden:
        content = (server.site / path.lstrip("/")).read_bytes()
        for variant in [path, *variants(path, member)]:
            answer = server.get(variant, member)
            if answer.status == 200 or content[:2000] in answer.body or any(s.encode() in answer.body
                                                                            for s in secrets):
                leaks.append((variant, answer.status))
    assert len(forbidden) >= 15 and leaks == []


def test_nothing_a_member_may_read_carries_another_feed_address(server, readers):
    """Every file of the site fetched as a member: what is served holds no feed address but the member's own."""
    member = next(login for login, r in readers.items() if r.role is Role.MEMBER)
    own = token_of(server, f"thanh-vien/{member}.html")
    tokens = {p.stem for p in (server.site / "lich").glob("*.ics")} - {own}
    served, leaks = 0, []
    for file in site_files(server.site):
        answer = server.get("/" + file, member)
        if answer.status == 200:
            served += 1
            text = answer.body.decode("utf-8", "replace")
            leaks += [(file, t) for t in tokens if t in text]
    assert served > 50 and leaks == []
    members = json.loads((server.site / "api/members.json").read_text(encoding="utf-8"))["members"]
    assert all(m["feed"].rsplit("/", 1)[1].removesuffix(".ics") in tokens | {own} for m in members)


def test_the_search_index_holds_only_pages_every_account_may_open(server, readers):
    index = json.loads((server.site / "search/search_index.json").read_text(encoding="utf-8"))
    pages = sorted({"/" + doc["location"].split("#")[0] for doc in index["docs"]} - {"/"})
    assert "/quy-dinh.html" in pages and len(pages) >= 5
    closed = [(page, login) for page in pages for login in readers if server.get(page, login).status != 200]
    assert closed == []
