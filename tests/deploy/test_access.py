"""The access matrix through real nginx: every kind of page × every kind of account, with URL variants."""

from __future__ import annotations

import json
import re

import pytest

MEMBER, OTHER = "bui-kim-chau", "bui-trong-dat"        # two members, each with report drafts
COMMITTEE, OTHER_COMMITTEE = "ubnd-tinh", "xa-khanh-an"  # one with organizations below it
BOARD, OFFICE = "ban-to-chuc", "van-phong"
ACCOUNTS = (MEMBER, OTHER, COMMITTEE, OTHER_COMMITTEE, BOARD, OFFICE)
STAFF = {BOARD, OFFICE}
MEMBERS = {MEMBER, OTHER}
EVERYONE = set(ACCOUNTS)

# Each kind of page with the accounts that may read it, as the issue says who sees what.
PAGES = {
    "/": EVERYONE,
    "/index.html": EVERYONE,
    "/quy-dinh.html": EVERYONE,
    "/huong-dan/lich.html": EVERYONE,
    "/huong-dan/tong-hop.html": EVERYONE,
    "/search/search_index.json": EVERYONE,
    "/sitemap.xml": EVERYONE,
    "/thanh-vien/": MEMBERS | STAFF,
    "/thanh-vien/index.html": MEMBERS | STAFF,
    "/to-chuc/index.html": MEMBERS | STAFF,
    "/to-chuc/ubnd-tinh.html": MEMBERS | {COMMITTEE} | STAFF,
    "/to-chuc/dang-bo-so-y-te.html": MEMBERS | {COMMITTEE} | STAFF,
    "/to-chuc/xa-khanh-an.html": MEMBERS | {OTHER_COMMITTEE} | STAFF,
    "/to-chuc/ubnd-tinh/lich.html": {COMMITTEE} | STAFF,
    "/to-chuc/dang-bo-so-y-te/lich.html": {COMMITTEE} | STAFF,
    "/to-chuc/xa-khanh-an/lich.html": {OTHER_COMMITTEE} | STAFF,
    f"/thanh-vien/{MEMBER}.html": {MEMBER} | STAFF,
    f"/thanh-vien/{OTHER}.html": {OTHER} | STAFF,
    f"/bao-cao/{MEMBER}-2026-q1.html": {MEMBER} | STAFF,
    f"/bao-cao/{MEMBER}-2026-q1-2026-11-25.docx": {MEMBER} | STAFF,
    f"/bao-cao/{OTHER}-2026-q1.html": {OTHER} | STAFF,
    f"/bao-cao/{OTHER}-2026-q1-2026-11-25.docx": {OTHER} | STAFF,
    f"/api/feeds/{MEMBER}.json": {MEMBER} | STAFF,
    f"/api/feeds/{OTHER}.json": {OTHER} | STAFF,
    "/api/members.json": STAFF,
    "/api/obligations.json": STAFF,
    "/bang-tong-hop/": STAFF,
    "/bang-tong-hop/index.html": STAFF,
    "/bang-tong-hop/lich.html": STAFF,
    "/bang-tong-hop/bang-tong-hop-2026-11-25.xlsx": STAFF,
    "/bang-tong-hop/day-du.html": STAFF,
    "/bang-tong-hop/giay-nhac.html": STAFF,
    "/bang-tong-hop/giay-nhac/tat-ca.html": STAFF,
    "/bo-tri/index.html": STAFF,
    "/to-chuc/ubnd-tinh/bo-tri.html": {COMMITTEE} | STAFF,
    "/to-chuc/ubnd-tinh/giay-nhac.html": {COMMITTEE} | STAFF,
    "/to-chuc/ubnd-tinh/giay-nhac-2026-11-25.docx": {COMMITTEE} | STAFF,
    "/to-chuc/xa-khanh-an/bo-tri.html": {OTHER_COMMITTEE} | STAFF,
    "/tong-hop/index.html": STAFF,
    "/tong-hop/2026-q1.html": STAFF,
    "/van-de/index.html": STAFF,
    "/canh-bao/index.html": STAFF,
    "/tong-hop/2026-q1-theo-dang-bo-2026-11-25.csv": STAFF,
    "/tong-hop/2026.svg": STAFF,
    "/van-de/van-de-2026-11-25.xlsx": STAFF,
    "/canh-bao/canh-bao-ban-ghi-2026-11-25.csv": STAFF,
}
MISSING = ["/khong-co-trang-nay.html", "/thanh-vien/khong-co-ai.html", "/bao-cao/khong-co-ai-2026-q1.html",
           "/tong-hop/1999.html", "/lich/", "/bao-cao/", "/api/", "/assets/", "/to-chuc/ubnd-tinh/"]


def token_of(server, page: str) -> str:
    """The feed file name a subscribe box offers on a page of the site."""
    return re.search(r"lich/([a-z2-7]{32})\.ics", (server.site / page).read_text(encoding="utf-8")).group(1)


@pytest.fixture(scope="module")
def pages(server) -> dict[str, set[str]]:
    """The table above, with the theme's script and a member's feed QR code (their names are only known built)."""
    bundle = next((server.site / "assets/javascripts").glob("bundle.*.min.js")).name
    return {**PAGES, f"/assets/javascripts/{bundle}": EVERYONE,
            f"/lich/{token_of(server, f'thanh-vien/{MEMBER}.html')}.svg": EVERYONE}


def test_every_kind_of_page_is_served_to_exactly_the_accounts_that_may_read_it(server, pages):
    wrong = []
    for path, readers in pages.items():
        for login in ACCOUNTS:
            status = server.get(path, login).status
            if status != (200 if login in readers else 404):
                wrong.append((path, login, status))
    assert wrong == []


def test_not_signed_in_only_the_sign_in_prompt_and_the_feed_files(server, pages):
    feed = f"/lich/{token_of(server, f'thanh-vien/{MEMBER}.html')}.ics"
    answer = server.get(feed)
    assert answer.status == 200 and answer.body.startswith(b"BEGIN:VCALENDAR")
    assert answer.headers["content-type"].startswith("text/calendar")
    for path in [*pages, *MISSING]:
        answer = server.get(path)
        assert answer.status == 401, path
        assert answer.headers["www-authenticate"].startswith("Basic realm=")
    assert server.get(f"/thanh-vien/{MEMBER}.html", MEMBER, "sai-mat-khau").status == 401
    assert server.get("/index.html", "khong-co-tai-khoan", "x").status == 401
    assert server.get("/lich/" + "a" * 32 + ".ics").status == 404


def test_a_missing_page_or_a_folder_is_404_for_everyone_signed_in(server):
    for path in MISSING:
        for login in ACCOUNTS:
            answer = server.get(path, login)
            assert answer.status == 404, (path, login)
            assert b"Index of" not in answer.body


def test_a_page_one_may_not_read_answers_exactly_as_a_missing_one(server):
    forbidden = server.get(f"/thanh-vien/{OTHER}.html", MEMBER)
    missing = server.get("/thanh-vien/khong-co-ai.html", MEMBER)
    assert (forbidden.status, forbidden.body) == (missing.status, missing.body) == (404, missing.body)
    same = ("content-type", "content-length", "cache-control", "content-security-policy")
    assert [forbidden.headers.get(h) for h in same] == [missing.headers.get(h) for h in same]
    assert "Không tìm thấy trang này".encode() in missing.body


def variants(path: str) -> list[str]:
    """Other spellings of `path` a client may send."""
    inner = path[1:]
    found = [
        path.replace("/", "//"), "/" + inner.replace("/", "%2f"), "/" + inner.replace("/", "%2F"),
        "/lich/%2e%2e/" + inner, "/lich/../" + inner, "/lich/%2E%2E%2f" + inner, "/./" + inner, "/%2e/" + inner,
        f"/thanh-vien/{MEMBER}.html/../../" + inner, f"/thanh-vien/{MEMBER}.html%2f..%2f..%2f" + inner,
        path + ".", path + "..", path + "/", path + "%20", path + "%00", path + "%0a", path + "?x=1", path + ";.css",
        path.upper(), path.title(), path.replace(".", "%2e"), "/" + inner.replace("/", "\\"),
        re.sub(r"[a-z]", lambda m: f"%{ord(m.group()):02x}", path, count=3),
    ]
    if path.endswith("/index.html"):
        folder = path[: -len("index.html")]
        found += [folder, folder.rstrip("/"), folder + "./", folder + ".//index.html", folder + "INDEX.html",
                  folder + "index.htm", folder + "index.html/", folder + "%69ndex.html"]
    return found


def test_the_url_variants_reach_the_file_for_a_reader_who_may_read_it(server):
    path = f"/thanh-vien/{OTHER}.html"
    expected = server.get(path, OTHER).body
    reached = [v for v in variants(path) if server.get(v, OTHER).body == expected]
    assert len(reached) >= 8, reached   # the spellings nginx normalises do reach the page


def test_a_member_cannot_read_another_members_page_drafts_feed_json_or_feed_address_by_any_url_variant(server):
    forbidden = [f"/thanh-vien/{OTHER}.html", f"/bao-cao/{OTHER}-2026-q1.html", f"/bao-cao/{OTHER}-2026-q1-2026-11-25.docx",
                 f"/api/feeds/{OTHER}.json", "/api/members.json", "/to-chuc/ubnd-tinh/lich.html",
                 "/bang-tong-hop/index.html", "/bang-tong-hop/lich.html"]
    secrets = [token_of(server, f"thanh-vien/{OTHER}.html"), token_of(server, "to-chuc/ubnd-tinh/lich.html"),
               token_of(server, "bang-tong-hop/lich.html")]
    leaks = []
    for path in forbidden:
        content = (server.site / path.lstrip("/")).read_bytes()
        for variant in [path, *variants(path)]:
            answer = server.get(variant, MEMBER)
            if answer.status == 200 or content[:2000] in answer.body or any(s.encode() in answer.body
                                                                            for s in secrets):
                leaks.append((variant, answer.status))
    assert leaks == []


def test_nothing_a_member_may_read_carries_another_feed_address(server):
    """Every file of the site fetched as a member: what is served holds no feed address but the member's own."""
    own = token_of(server, f"thanh-vien/{MEMBER}.html")
    tokens = {p.stem for p in (server.site / "lich").glob("*.ics")} - {own}
    served, leaks = 0, []
    for file in sorted(server.site.rglob("*")):
        if file.is_file():
            answer = server.get("/" + file.relative_to(server.site).as_posix(), MEMBER)
            if answer.status == 200:
                served += 1
                text = answer.body.decode("utf-8", "replace")
                leaks += [(file.name, t) for t in tokens if t in text]
    assert served > 100 and leaks == []
    members = json.loads((server.site / "api/members.json").read_text(encoding="utf-8"))["members"]
    assert all(m["feed"].rsplit("/", 1)[1].removesuffix(".ics") in tokens | {own} for m in members)


def test_a_committee_sees_its_organizations_and_their_feeds_but_no_member_page_or_draft(server):
    readable = [p.relative_to(server.site).as_posix() for p in sorted(server.site.rglob("*.html"))
                if server.get("/" + p.relative_to(server.site).as_posix(), COMMITTEE).status == 200]
    assert "to-chuc/dang-bo-so-y-te/lich.html" in readable and "to-chuc/dang-bo-so-y-te.html" in readable
    assert not [p for p in readable if p.startswith(("thanh-vien/", "bao-cao/", "api/", "bang-tong-hop/",
                                                     "tong-hop/"))]
    assert not [p for p in readable if p.startswith("to-chuc/") and not p.startswith(
        ("to-chuc/ubnd-tinh", "to-chuc/dang-bo-so-y-te", "to-chuc/dang-bo-dien-luc", "to-chuc/dang-bo-so-giao-duc"))]


def test_the_search_index_holds_only_pages_every_account_may_open(server):
    index = json.loads((server.site / "search/search_index.json").read_text(encoding="utf-8"))
    pages = sorted({"/" + doc["location"].split("#")[0] for doc in index["docs"]} - {"/"})
    assert "/quy-dinh.html" in pages and len(pages) >= 5
    closed = [(page, login) for page in pages for login in ACCOUNTS if server.get(page, login).status != 200]
    assert closed == []
