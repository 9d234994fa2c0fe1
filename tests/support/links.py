"""The links of a built site, and its readers as the page registry sees them."""

from __future__ import annotations

import posixpath
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.load.data import load
from generator.model.tree import Tree
from generator.site import registry
from generator.site.registry import Reader, Role

ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src",
              "form": "action"}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        wanted = ATTRIBUTES.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.found.append(value)


def hrefs(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.found


def target(page: str, href: str, site_url: str) -> str | None:
    """The file of the site a link on `page` leads to, or None when it leaves the site (another host, a
    fragment of the same page, a mail address). A folder is its index page; the root is the reader's start."""
    if href.startswith(site_url):
        href = "/" + href[len(site_url):]
    elif href.startswith("webcal://" + site_url.split("://", 1)[1]):
        href = "/" + href[len("webcal://" + site_url.split("://", 1)[1]):]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    resolved = posixpath.normpath(path.lstrip("/") if path.startswith("/")
                                  else posixpath.join(posixpath.dirname(page), path))
    if resolved in (".", ""):
        return registry.START
    if path.endswith("/"):
        resolved += "/index.html"
    return resolved


@cache
def readers(data: Path) -> tuple[Reader, ...]:
    """Every account the data allows: each member, each committee that arranges visits, the Board, the Office."""
    province = load(data)
    tree = Tree(province)
    return (*(Reader(Role.MEMBER, m) for m in province.members),
            *(Reader(Role.COMMITTEE, o, frozenset(tree.subtree(o))) for o in tree.roots),
            Reader(Role.BOARD, "ban-to-chuc"), Reader(Role.OFFICE, "van-phong"))


def may_open(path: str, reader: Reader) -> bool:
    return path == registry.START or registry.may_read(path, reader)


def site_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
