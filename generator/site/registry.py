"""Every kind of page and file the site has: where it lives, who may read it, and where the menu shows it.

This is the one place that says so. The nginx rules (`deploy.access`, `deploy.nginx`), the menu and the
search index (the engine's hook, `overrides/hooks.py`), each reader's start page, the pages' paths
(`site.paths`) and the access tests are derived from it: adding a kind of page is one entry here (and its
producer).

A path is the file's path in the built site (`thanh-vien/an.html`). In a kind's pattern, `{member}` and
`{org}` stand for a member's and an organization's id, `{period}`, `{date}`, `{token}` and `{slug}` for
the other parts of a name; a reader's `Access` binds `{member}` to the member's own login (`SELF`) or
`{org}` to the committee's organization and those under it (`SUBTREE`). Not signed in, a reader reaches
only the feed files, whose secret name is the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from functools import cached_property

from ..model import names


class Role(StrEnum):
    MEMBER = "member"          # a BTV or BCH member: login = the member's id
    COMMITTEE = "committee"    # the committee that arranges visits: login = its organization's id
    BOARD = "board"            # Ban Tổ chức Tỉnh ủy
    OFFICE = "office"          # Văn phòng Tỉnh ủy


class Scope(Enum):
    ANY = "any"            # every reader of the role
    SELF = "self"          # a member: only where {member} is the reader's own login
    SUBTREE = "subtree"    # a committee: only where {org} is its organization or one under it


@dataclass(frozen=True)
class Access:
    role: Role
    scope: Scope = Scope.ANY


SIGNED_IN = tuple(Access(role) for role in Role)
STAFF = (Access(Role.BOARD), Access(Role.OFFICE))
OWN = (Access(Role.MEMBER, Scope.SELF), *STAFF)
COMMITTEES = (Access(Role.COMMITTEE, Scope.SUBTREE), *STAFF)
PUBLIC = ()   # not signed in (the feed files): no account needed

ID = "(?!(?:" + "|".join(names.RESERVED) + r")(?![a-z0-9-]))[a-z0-9][a-z0-9-]*"   # an id, never a reserved name
PARTS = {
    "member": ID,
    "org": ID,
    "period": "[0-9]{4}(?:-[qh][1-4])?",
    "date": "[0-9]{4}-[0-9]{2}-[0-9]{2}",
    "token": "[a-z2-7]{32}",
    "slug": "[a-z0-9][a-z0-9-]*",
    "any": ".+",
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Kind:
    key: str
    pattern: str                   # the file in the built site, with {placeholders}
    readers: tuple[Access, ...]
    what: str                      # one line: what it is, for the manual and the tests
    files: tuple[str, ...] = ()    # the downloads beside it, with the same readers
    engine: bool = False           # a Markdown page the engine renders (its source: the pattern with .md)
    start: tuple[Role, ...] = ()   # the roles whose start page it is (`/` takes them there)

    def path(self, **parts: str) -> str:
        """The file in the built site: `MEMBER.path(member="an")` → "thanh-vien/an.html"."""
        return self.pattern.format(**parts)

    def source(self, **parts: str) -> str:
        """The page's source in the docs folder: a Markdown file for the engine's pages, else the file itself."""
        built = self.path(**parts)
        return built[: -len(".html")] + ".md" if self.engine else built

    @cached_property
    def regexes(self) -> tuple[str, ...]:
        """The pattern and the downloads' patterns as regular expressions over a path in the site, with a
        named group per placeholder."""
        return tuple(regex(p) for p in (self.pattern, *self.files))

    def matches(self, path: str) -> dict[str, str] | None:
        """The placeholders' values when `path` is one of this kind's files."""
        for r in self.regexes:
            found = re.fullmatch(r, path)
            if found:
                return found.groupdict()
        return None

    @property
    def public(self) -> bool:
        return not self.readers

    @property
    def for_everyone(self) -> bool:
        """Every signed-in account may read it, whoever it is: what the single search index may hold."""
        return set(self.readers) >= set(SIGNED_IN)


def regex(pattern: str, named: bool = True, **bound: str) -> str:
    """A pattern as a regular expression: a named group per placeholder (for Python), or plain groups with
    some placeholders bound to a regular expression of their own (for nginx, where `{member}` becomes a
    back-reference to the login)."""
    out, last = [], 0
    for m in PLACEHOLDER.finditer(pattern):
        out.append(re.escape(pattern[last:m.start()]).replace("\\-", "-"))
        name = m.group(1)
        if name in bound:
            out.append(bound[name])
        else:
            out.append(f"(?P<{name}>{PARTS[name]})" if named else f"(?:{PARTS[name]})")
        last = m.end()
    out.append(re.escape(pattern[last:]).replace("\\-", "-"))
    return "".join(out)


def _kinds(*kinds: Kind) -> dict[str, Kind]:
    return {k.key: k for k in kinds}


M, O = names.MEMBERS, names.ORGANIZATIONS

KINDS = _kinds(
    # -- every signed-in reader
    Kind("home", "index.html", SIGNED_IN, "the home page: what the site is, the regulation and guidance",
         engine=True),
    Kind("regulation", "quy-dinh.html", SIGNED_IN, "the regulation, clause by clause", engine=True),
    Kind("guidance", "huong-dan/{slug}.html", SIGNED_IN, "guidance pages (content/huong-dan/)", engine=True),
    Kind("missing", "404.html", SIGNED_IN, "the page nginx shows for a page that is missing or not the reader's"),
    Kind("theme", "assets/{any}", SIGNED_IN, "the theme's and the site's styles, scripts, fonts and images",
         files=("javascripts/{any}",)),
    Kind("search", "search/{any}", SIGNED_IN, "the search index: only pages every account may read"),
    Kind("feed-qr", "lich/{token}.svg", SIGNED_IN, "a member feed's QR code: its secret name is the key"),
    Kind("organizations", f"{O}/index.html", SIGNED_IN, "the organizations' tree", engine=True),
    Kind("organization", f"{O}/{{org}}.html", SIGNED_IN,
         "an organization: its cells, schedules and who is assigned, without statuses, residences or visits",
         engine=True),
    # -- not signed in: a calendar client cannot sign in
    Kind("feed", "lich/{token}.ics", PUBLIC, "a calendar feed, by its secret name"),
    # -- a member, and the staff
    Kind("member", f"{M}/{{member}}.html", OWN, "a member's own page: duties, meetings, reports, feed",
         engine=True, start=(Role.MEMBER,)),
    Kind("draft", "bao-cao/{member}-{period}.html", OWN, "a member's report draft, printable",
         files=("bao-cao/{member}-{period}-{date}.docx",)),
    Kind("member-feed-json", "api/feeds/{member}.json", OWN, "what a member's feed holds, event by event"),
    # -- a committee that arranges visits, and the staff
    Kind("committee", f"{O}/{{org}}/index.html", COMMITTEES,
         "a committee's start: whom to arrange a visit for, the visits arranged, notices, the organizations "
         "under it", engine=True, start=(Role.COMMITTEE,)),
    Kind("committee-notices", f"{O}/{{org}}/giay-nhac.html", COMMITTEES,
         "the notices of the members a committee arranges visits for", files=(f"{O}/{{org}}/giay-nhac-{{date}}.docx",)),
    Kind("organization-feed", f"{O}/{{org}}/lich.html", COMMITTEES, "an organization's feed address",
         engine=True),
    # -- the Organization Board and the Party Office
    Kind("members", f"{M}/index.html", STAFF, "every member with this period's status", engine=True),
    Kind("dashboard", "bang-tong-hop/index.html", STAFF, "the Board's first page: whom to chase today",
         files=("bang-tong-hop/bang-tong-hop-{date}.xlsx", "bang-tong-hop/bang-tong-hop-{slug}-{date}.csv"),
         engine=True, start=(Role.BOARD, Role.OFFICE)),
    Kind("full-table", "bang-tong-hop/day-du.html", STAFF, "every member × duty of the running periods",
         files=("bang-tong-hop/bang-tong-hop-day-du-{date}.xlsx", "bang-tong-hop/bang-tong-hop-day-du-{slug}-{date}.csv"),
         engine=True),
    Kind("notices", "bang-tong-hop/giay-nhac.html", STAFF, "the reminder notices, to print and send",
         engine=True),
    Kind("notice", "bang-tong-hop/giay-nhac/{slug}.html", STAFF, "a member's reminder notice, and all of them",
         files=("bang-tong-hop/giay-nhac/giay-nhac-{slug}-{date}.docx",)),
    Kind("province-feed", "bang-tong-hop/lich.html", STAFF, "the Board's feed address: deadlines and consolidations",
         engine=True),
    Kind("consolidation-guide", "bang-tong-hop/huong-dan.html", STAFF,
         "how the site consolidates results and makes report drafts", engine=True),
    Kind("consolidations", "tong-hop/index.html", STAFF, "consolidated results: every period",
         files=("tong-hop/tong-hop-{date}.xlsx", "tong-hop/tong-hop-{slug}-{date}.csv", "tong-hop/ty-le-{period}.svg"),
         engine=True),
    Kind("consolidation", "tong-hop/{period}.html", STAFF, "consolidated results of a quarter, half or year",
         files=("tong-hop/{period}-{date}.xlsx", "tong-hop/{period}-{slug}-{date}.csv", "tong-hop/{period}.svg"),
         engine=True),
    Kind("grievances", "van-de/index.html", STAFF, "grievances raised at meetings and their state",
         files=("van-de/van-de-{date}.xlsx", "van-de/van-de-{slug}-{date}.csv"), engine=True),
    Kind("warnings", "canh-bao/index.html", STAFF, "records that cannot count, with the reason",
         files=("canh-bao/canh-bao-{date}.xlsx", "canh-bao/canh-bao-{slug}-{date}.csv"), engine=True),
    Kind("arrange", "bo-tri/index.html", STAFF, "every committee's arrange list", engine=True),
    Kind("api", "api/{slug}.json", STAFF, "the machine-readable twin: members and duties"),
    Kind("sitemap", "sitemap.xml", STAFF, "the engine's list of page addresses", files=("sitemap.xml.gz",)),
)


def kind(key: str) -> Kind:
    return KINDS[key]


def kinds_of(path: str) -> list[Kind]:
    """Every kind a file of the site is (one, unless two patterns overlap: a test keeps them agreeing)."""
    return [k for k in KINDS.values() if k.matches(path) is not None]


def kind_of(path: str) -> Kind | None:
    found = kinds_of(path)
    return found[0] if found else None


@dataclass(frozen=True)
class Reader:
    """One account as the rules see it: its role, its login, and for a committee the organizations it sees."""

    role: Role
    login: str = ""
    orgs: frozenset[str] = field(default_factory=frozenset)

    def allowed(self, access: Access, parts: dict[str, str]) -> bool:
        if access.role != self.role:
            return False
        if access.scope is Scope.SELF:
            return parts.get("member") == self.login
        if access.scope is Scope.SUBTREE:
            return parts.get("org") in self.orgs
        return True


def may_read(path: str, reader: Reader | None) -> bool:
    """Whether `reader` (None: not signed in) may read the file at `path`: as nginx decides it."""
    for k in KINDS.values():
        parts = k.matches(path)
        if parts is None:
            continue
        if k.public or (reader is not None and any(reader.allowed(a, parts) for a in k.readers)):
            return True
    return False


def start(reader: Reader) -> str:
    """Where `/` takes a signed-in reader: a member's own page, a committee's page, the Board's first page."""
    for k in KINDS.values():
        if reader.role in k.start:
            folder = k.path(member=reader.login, org=reader.login)
            return folder.removesuffix("index.html")
    raise LookupError(reader.role)


# -- the menu


@dataclass(frozen=True)
class Entry:
    title: str
    path: str                 # a file of the site, or "" for the reader's start (`/`)
    section: str = ""         # the entries of a section follow one another


START = ""
MENU = (
    Entry("Trang của tôi", START),
    Entry("Quy định", "quy-dinh.html"),
    Entry("Giới thiệu", "index.html", "Hướng dẫn"),
    Entry("Ai phải làm gì", "huong-dan/nghia-vu.html", "Hướng dẫn"),
    Entry("Báo cáo", "huong-dan/bao-cao.html", "Hướng dẫn"),
    Entry("Vấn đề bức xúc", "huong-dan/van-de-buc-xuc.html", "Hướng dẫn"),
    Entry("Theo dõi lịch", "huong-dan/lich.html", "Hướng dẫn"),
    Entry("Cách hiểu được áp dụng", "huong-dan/cach-hieu.html", "Hướng dẫn"),
    Entry("Hỏi đáp", "huong-dan/hoi-dap.html", "Hướng dẫn"),
    Entry("Các đảng bộ", f"{O}/index.html"),
    Entry("Bảng tổng hợp", "bang-tong-hop/index.html", "Ban Tổ chức"),
    Entry("Giấy nhắc", "bang-tong-hop/giay-nhac.html", "Ban Tổ chức"),
    Entry("Bố trí lịch dự sinh hoạt", "bo-tri/index.html", "Ban Tổ chức"),
    Entry("Tổng hợp theo kỳ", "tong-hop/index.html", "Ban Tổ chức"),
    Entry("Vấn đề bức xúc", "van-de/index.html", "Ban Tổ chức"),
    Entry("Bản ghi không được tính", "canh-bao/index.html", "Ban Tổ chức"),
    Entry("Các đồng chí", f"{M}/index.html", "Ban Tổ chức"),
    Entry("Lịch hạn báo cáo", "bang-tong-hop/lich.html", "Ban Tổ chức"),
    Entry("Cách tổng hợp", "bang-tong-hop/huong-dan.html", "Ban Tổ chức"),
)


def roles_of(path: str) -> set[tuple[Role, Scope]]:
    """Who reads a page, by role and scope: what the menu needs to know."""
    if path == START:
        return {(a.role, Scope.ANY) for a in SIGNED_IN}
    return {(a.role, a.scope) for k in kinds_of(path) for a in k.readers}


def shown_on(entry: Entry, page: str) -> bool:
    """An entry shows on a page when everyone who may read the page may open it: no reader meets a menu
    entry that answers 404 (a member's own page shows no Board section; the Board's pages show it)."""
    entry_readers = roles_of(entry.path)
    return all((role, Scope.ANY) in entry_readers for role, _ in roles_of(page))
