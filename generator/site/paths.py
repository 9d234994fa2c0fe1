"""Where each generated page lives, and links between pages: the registry's kinds, by name.

Paths are the pages' sources relative to the docs folder (`site.registry.Kind.source`): Markdown for the
engine's pages, which MkDocs turns into `x.html` (the site uses `use_directory_urls: false`, so it also
works opened from disk and under a sub-path), and the file itself for everything else.
"""

from __future__ import annotations

import posixpath
from functools import cache

from .registry import kind


def member_page(member: str) -> str:
    return kind("member").source(member=member)


def organization_page(org: str) -> str:
    """An organization's page for every reader: no statuses, residences or visits."""
    return kind("organization").source(org=org)


def committee_page(org: str) -> str:
    """The start page of the committee that arranges visits in `org`: its readers are that committee and
    the staff."""
    return kind("committee").source(org=org)


def organization_feed_page(org: str) -> str:
    """The organization's feed address, on a page of its own: only its committee and the Board may open it."""
    return kind("organization-feed").source(org=org)


HOME = kind("home").source()
MEMBERS_INDEX = kind("members").source()
ORGANIZATIONS_INDEX = kind("organizations").source()
REGULATION = kind("regulation").source()
GUIDE_FEEDS = kind("guidance").source(slug="lich")
GUIDE_DUTIES = kind("guidance").source(slug="nghia-vu")
GUIDE_READINGS = kind("guidance").source(slug="cach-hieu")


def html(page: str) -> str:
    """The URL of a page relative to the site root."""
    return page[: -len(".md")] + ".html"


@cache
def relative(source: str, target: str) -> str:
    """A link from page `source` to file `target`, both relative to the docs folder."""
    folder = posixpath.dirname(source)
    if posixpath.dirname(target) == folder:
        return posixpath.basename(target)
    return posixpath.relpath(target, folder or ".")


def clause_anchor(clause: str) -> str:
    """The anchor of a clause on the regulation page: "2.3" → "dieu-2-khoan-3"."""
    article, _, item = clause.partition(".")
    return f"dieu-{article}" + (f"-khoan-{item}" if item else "")


def to(source: str, target: str, anchor: str = "") -> str:
    """A link from page `source` to page `target` (and an anchor on it)."""
    return relative(source, target) + (f"#{anchor}" if anchor else "")


# -- the Organization Board's pages and files

DASHBOARD = kind("dashboard").source()
FULL_TABLE = kind("full-table").source()
CONSOLIDATED = kind("consolidations").source()
GRIEVANCES = kind("grievances").source()
WARNINGS = kind("warnings").source()
GUIDE_CONSOLIDATION = kind("consolidation-guide").source()
PROVINCE_FEED = kind("province-feed").source()   # the Board's feed address: on a Board page, not the members' index


def period_slug(period) -> str:
    """2026-q4, 2026-h2; a year is just 2026."""
    return str(period.year) if period.kind == "Y" else period.code.lower()


def consolidated_page(period) -> str:
    return kind("consolidation").source(period=period_slug(period))


def draft_page(member: str, period) -> str:
    """A printable page of plain HTML, not a page of the site engine."""
    return kind("draft").source(member=member, period=period_slug(period))


def draft_file(member: str, period, as_of) -> str:
    """The Word file, dated by the as-of date: two days' downloads do not overwrite each other."""
    return kind("draft").files[0].format(member=member, period=period_slug(period), date=as_of.isoformat())


# -- reminder notices (Board only) and the lists for the committees that arrange visits

NOTICES = kind("notices").source()
ARRANGE_INDEX = kind("arrange").source()


def notice_page(member: str) -> str:
    """A printable page of plain HTML, not a page of the site engine."""
    return kind("notice").source(slug=member)


def arrange_page(org: str) -> str:
    """The committee's start page opens with its arrange list."""
    return committee_page(org)


def arrange_notices(org: str, docx: str | None = None) -> str:
    """The notices of the members a committee arranges visits for: a printable page, or the Word file `docx`."""
    page = kind("committee-notices").source(org=org)
    return posixpath.join(posixpath.dirname(page), docx) if docx else page
