"""Each sample account signs in through real nginx, opens `/` and follows every link of every page it reaches
(pages, menu, buttons, downloads, the theme's files): none answers 401, 403 or 404, and every page the
registry lets that account read is reached. The figures are printed per role (`pytest -s`)."""

from __future__ import annotations

import posixpath
import re
from collections import deque
from html import unescape
from urllib.parse import unquote, urlsplit

import pytest

from generator.load.data import load
from generator.model.tree import Tree
from generator.site import registry
from generator.site.registry import Reader, Role

from ..support.links import hrefs, site_files
from .test_access import accounts_of, sample_accounts

pytestmark = pytest.mark.nginx
DEAD = (401, 403, 404)


def crawl(server, login: str, site_url: str) -> tuple[set[str], list[tuple[str, str, int]]]:
    """Every file reached from `/` by following links, and the links that answered 401, 403 or 404."""
    start = server.get("/", login)
    assert start.status == 302, (login, start.status)
    todo, seen, dead, reached = deque([start.headers["location"]]), set(), [], set()
    seen.add(todo[0])
    while todo:
        path = todo.popleft()
        asked = path + "index.html" if path.endswith("/") else path
        answer = server.get(asked, login)
        if answer.status in DEAD:
            dead.append((path, "", answer.status))
            continue
        reached.add(asked.lstrip("/"))
        if not asked.endswith(".html"):
            continue
        for href in hrefs(answer.body.decode("utf-8")):
            link = resolve(asked, unescape(href), site_url)
            if link is None:
                continue
            if link == "/":
                link = start.headers["location"]
            if link not in seen:
                seen.add(link)
                todo.append(link)
    return reached, dead


def resolve(page: str, href: str, site_url: str) -> str | None:
    for prefix in (site_url, "webcal://" + site_url.split("://", 1)[1]):
        if href.startswith(prefix):
            href = "/" + href[len(prefix):]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    joined = path if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
    normal = posixpath.normpath(joined)
    return normal + "/" if path.endswith("/") and normal != "/" else normal


def accounts() -> list[str]:
    """A few members, two committees, the Board and the Office: each role's reach and links."""
    return [*accounts_of("member")[:3], *accounts_of("committee")[:2], *accounts_of("board"), *accounts_of("office")]


@pytest.fixture(scope="module")
def site_url(server) -> str:
    return load(server.site.parent / "data").settings.site_url


@pytest.fixture(scope="module")
def tree(server) -> Tree:
    return Tree(load(server.site.parent / "data"))


@pytest.mark.parametrize("login", accounts())
def test_an_account_follows_every_link_from_its_start_and_meets_no_dead_one(server, login, site_url, tree):
    role = Role(sample_accounts()[login])
    reader = Reader(role, login, frozenset(tree.subtree(login)) if role is Role.COMMITTEE else frozenset())
    reached, dead = crawl(server, login, site_url)
    readable = {f for f in site_files(server.site) if f.endswith(".html") and registry.may_read(f, reader)
                and registry.kind_of(f).key != "missing"}
    unreached = sorted(readable - reached)
    print(f"\n{role.value:9} {login:22} {len([p for p in reached if p.endswith('.html')]):5} trang "
          f"{len(reached):5} tệp, {len(dead)} liên kết hỏng, {len(unreached)} trang không tới được")
    assert dead == []
    assert unreached == []


def test_a_committee_is_on_its_arrange_list_at_once_and_a_members_notice_is_one_click_away(server):
    committee = next(c for c in accounts_of("committee")
                     if "giay-nhac.html#" in (server.site / "to-chuc" / c / "index.html").read_text(encoding="utf-8"))
    start = server.get("/", committee).headers["location"]
    page = server.get(start + "index.html", committee)
    assert page.status == 200 and "Còn phải dự sinh hoạt" in page.body.decode()
    link = re.search(r'href="(giay-nhac\.html#([a-z0-9-]+))"', page.body.decode())
    notices = server.get(start + link.group(1).split("#")[0], committee)
    assert notices.status == 200 and f'id="{link.group(2)}"' in notices.body.decode()
