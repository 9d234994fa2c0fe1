"""Where each generated page lives, and links between pages.

Paths are Markdown sources relative to the docs folder; MkDocs turns a link to
`x.md` into a link to `x.html` (the site uses `use_directory_urls: false`, so
it also works opened from disk and under a sub-path).
"""

from __future__ import annotations

import posixpath
from functools import cache

from ..model import names


def member_page(member: str) -> str:
    return f"{names.MEMBERS}/{member}.md"


def organization_page(org: str) -> str:
    return f"{names.ORGANIZATIONS}/{org}.md"


def organization_feed_page(org: str) -> str:
    """The organization's feed address, on a page of its own: only its committee and the Board may open it."""
    return f"{names.ORGANIZATIONS}/{org}/lich.md"


HOME = f"{names.INDEX}.md"
MEMBERS_INDEX = member_page(names.INDEX)  # ids that would take these names are refused (model.names.RESERVED)
ORGANIZATIONS_INDEX = organization_page(names.INDEX)
REGULATION = "quy-dinh.md"
GUIDE_FEEDS = "huong-dan/lich.md"
GUIDE_DUTIES = "huong-dan/nghia-vu.md"
GUIDE_READINGS = "huong-dan/cach-hieu.md"


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

DASHBOARD = "bang-tong-hop/index.md"
CONSOLIDATED = "tong-hop/index.md"
GRIEVANCES = "van-de/index.md"
WARNINGS = "canh-bao/index.md"
GUIDE_CONSOLIDATION = "huong-dan/tong-hop.md"
PROVINCE_FEED = "bang-tong-hop/lich.md"   # the Board's feed address: on a Board page, not the members' index


def period_slug(period) -> str:
    """2026-q4, 2026-h2; a year is just 2026."""
    return str(period.year) if period.kind == "Y" else period.code.lower()


def consolidated_page(period) -> str:
    return f"tong-hop/{period_slug(period)}.md"


def draft_page(member: str, period) -> str:
    """A printable page of plain HTML, not a page of the site engine."""
    return f"bao-cao/{member}-{period_slug(period)}.html"


def draft_file(member: str, period, as_of) -> str:
    """The Word file, dated by the as-of date: two days' downloads do not overwrite each other."""
    return f"bao-cao/{member}-{period_slug(period)}-{as_of.isoformat()}.docx"


# -- reminder notices (Board only) and the lists for the committees that arrange visits

NOTICES = "bang-tong-hop/giay-nhac.md"
ARRANGE_INDEX = "bo-tri/index.md"


def notice_page(member: str) -> str:
    """A printable page of plain HTML, not a page of the site engine."""
    return f"bang-tong-hop/giay-nhac/{member}.html"


def arrange_page(org: str) -> str:
    """In the organization's folder, which its committee may read (`deploy/access.py`)."""
    return f"{names.ORGANIZATIONS}/{org}/bo-tri.md"


def arrange_notices(org: str, docx: str | None = None) -> str:
    """The notices of the members a committee arranges visits for: a printable page, or the Word file `docx`."""
    return f"{names.ORGANIZATIONS}/{org}/{docx or 'giay-nhac.html'}"
